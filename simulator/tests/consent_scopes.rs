//! Resource scopes on the consent page are the user's, as Logto 1.42 finds
//! them: only those granted through the user's roles
//! (`routes/interaction/consent/utils.ts`, `oidc/resource.ts`,
//! `libraries/user.ts`).

mod common;

use axum::http::StatusCode;
use common::{config, Browser, ENDPOINT};
use logto_sim::consent::Role;
use serde_json::{json, Value};

const BOTH_SCOPES: &str = "/oidc/auth?client_id=third-party-app&scope=openid%20profile%20read%3Areports%20write%3Areports&resource=https%3A%2F%2Fapi.example.com&state=s1";

/// Signs `username` in to the third-party application asking `authorize`,
/// and answers where the resume URL goes and the resume path.
async fn sign_in(browser: &mut Browser, authorize: &str, username: &str) -> (String, String) {
    browser.app_id = Some("third-party-app".into());
    let start = browser.call("GET", authorize, None).await;
    assert_eq!(start.location, "/sign-in?app_id=third-party-app");
    browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;
    let id = browser
        .api(
            "POST",
            "/verification/password",
            json!({"identifier": {"type": "username", "value": username},
                   "password": "Demo-Passw0rd!"}),
        )
        .await
        .json()["verificationId"]
        .clone();
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(submit.status, StatusCode::OK, "{}", submit.text);
    let resume = submit.json()["redirectTo"]
        .as_str()
        .unwrap()
        .strip_prefix(ENDPOINT)
        .unwrap()
        .to_string();
    let stop = browser.call("GET", &resume, None).await;
    (stop.location, resume)
}

fn scope_names(info: &Value) -> Vec<(String, Vec<String>)> {
    info["missingResourceScopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["resource"]["indicator"].as_str().unwrap().to_string(),
                entry["scopes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|scope| scope["name"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[tokio::test]
async fn only_scopes_granted_through_the_users_roles_are_offered() {
    // `alice` is a "Report editor": both scopes.
    let mut alice = Browser::new(config(json!({})));
    let (stop, _) = sign_in(&mut alice, BOTH_SCOPES, "alice").await;
    assert_eq!(stop, "/consent?app_id=third-party-app");
    let info = alice
        .call("GET", "/api/interaction/consent", None)
        .await
        .json();
    assert_eq!(
        scope_names(&info),
        [(
            "https://api.example.com".to_string(),
            vec!["read:reports".to_string(), "write:reports".to_string()]
        )]
    );
    assert_eq!(
        info["missingResourceScopes"][0]["resource"],
        json!({"id": "res-demo-api", "name": "Demo API", "indicator": "https://api.example.com"})
    );

    // `demo` is a "Report viewer": `write:reports` is not offered, nor is
    // it an OIDC scope.
    let mut demo = Browser::new(config(json!({})));
    sign_in(&mut demo, BOTH_SCOPES, "demo").await;
    let info = demo
        .call("GET", "/api/interaction/consent", None)
        .await
        .json();
    assert_eq!(
        scope_names(&info),
        [(
            "https://api.example.com".to_string(),
            vec!["read:reports".to_string()]
        )]
    );
    assert_eq!(info["missingOIDCScope"], json!(["profile"]));
}

#[tokio::test]
async fn a_user_without_roles_is_offered_no_resource_and_is_not_asked_again() {
    let mut browser = Browser::new(config(json!({})));
    let (stop, resume) = sign_in(&mut browser, BOTH_SCOPES, "phoebe").await;
    assert_eq!(stop, "/consent?app_id=third-party-app");
    let info = browser
        .call("GET", "/api/interaction/consent", None)
        .await
        .json();
    // The resource is left out altogether.
    assert_eq!(info["missingResourceScopes"], json!([]));
    assert_eq!(info["missingOIDCScope"], json!(["profile"]));
    let granted = browser
        .call("POST", "/api/interaction/consent", Some(json!({})))
        .await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.text);
    let done = browser.call("GET", &resume, None).await;
    assert!(done.location.contains("code="), "{}", done.location);

    // Everything the user could grant was granted: no consent page.
    let (stop, _) = sign_in(&mut browser, BOTH_SCOPES, "phoebe").await;
    assert!(stop.contains("code="), "{stop}");
}

#[tokio::test]
async fn roles_come_from_the_consent_configuration() {
    let mut config = config(json!({}));
    config.consent.roles.push(Role {
        id: "role-writer".into(),
        name: "Writer".into(),
        scopes: vec![("https://api.example.com".into(), "write:reports".into())],
        members: vec!["phoebe".into()],
    });
    let mut browser = Browser::new(config);
    sign_in(&mut browser, BOTH_SCOPES, "phoebe").await;
    let info = browser
        .call("GET", "/api/interaction/consent", None)
        .await
        .json();
    assert_eq!(
        scope_names(&info),
        [(
            "https://api.example.com".to_string(),
            vec!["write:reports".to_string()]
        )]
    );
    assert_eq!(
        info["missingResourceScopes"][0]["scopes"][0],
        json!({"id": "scope-write:reports", "name": "write:reports",
               "description": "Create and edit reports"})
    );
}
