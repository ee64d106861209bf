//! Google One Tap: the page's own prompt (Google's CSRF double-submit
//! cookie) and an application's credential passed through `/oidc/auth`.

use logto_experience::{
    api::ErrorCode,
    journeys::{NextStep, Outcome},
};
use serde_json::{json, Value};

use super::{asked, assert_fails_with, leave_url, Sim, ENDPOINT};

const CALLBACK: &str = "http://localhost:8080/callback/mock-google";

/// Social sign-in with the simulator's Google connector and One Tap on.
async fn one_tap_sim() -> Sim {
    Sim::patched(
        "social",
        json!({
            "socialConnectors": [],
            "socialSignInConnectorTargets": ["mock-social", "mock-google"],
            "googleOneTap": {
                "isEnabled": true,
                "clientId": "demo.apps.googleusercontent.com",
                "connectorId": "mock-google"
            }
        }),
    )
    .await
}

/// What Google's prompt hands over for `profile`.
async fn credential(sim: &Sim, profile: Value) -> String {
    let issued = sim
        .admin("POST", "/__sim/mock-gsi/credential", profile)
        .await;
    issued["credential"].as_str().unwrap().to_owned()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

#[tokio::test]
async fn the_pages_own_one_tap_signs_in_and_links_a_known_email() {
    let sim = one_tap_sim().await;
    let journeys = sim.journeys();
    let jwt = credential(
        &sim,
        json!({"sub": "g-alice", "email": "alice@example.com"}),
    )
    .await;
    // Google set its double-submit cookie before posting the form.
    sim.add_cookie("g_csrf_token=t-1");
    let query = pairs(&[("credential", &jwt), ("g_csrf_token", "t-1")]);
    let outcome = journeys
        .finish_one_tap("mock-google", &query, Some("t-1"), CALLBACK)
        .await
        .expect("a One Tap callback");
    // No state, no authorization request: verified without a verification id.
    assert!(sim
        .calls()
        .contains(&"POST /api/experience/verification/social/mock-google/verify".to_owned()));
    assert!(matches!(asked(&outcome), NextStep::LinkSocial { .. }));
    let outcome = journeys.link_identity().await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");
}

#[tokio::test]
async fn a_credential_without_googles_cookie_is_refused_by_the_page_and_by_logto() {
    let sim = one_tap_sim().await;
    let journeys = sim.journeys();
    let jwt = credential(&sim, json!({"sub": "g-new", "email": "new@example.com"})).await;
    let query = pairs(&[("credential", &jwt), ("g_csrf_token", "t-2")]);
    // The page checks first: without the cookie nothing is sent.
    let outcome = journeys
        .finish_one_tap("mock-google", &query, None, CALLBACK)
        .await;
    assert_eq!(outcome, Some(Outcome::ForgedCallback));
    assert!(!sim.calls().iter().any(|call| call.contains("/verify")));
    // A page that skipped the check: Logto compares the cookie itself.
    sim.add_cookie("g_csrf_token=other");
    let outcome = journeys
        .finish_one_tap("mock-google", &query, Some("t-2"), CALLBACK)
        .await
        .expect("a One Tap callback");
    assert_fails_with(&outcome, ErrorCode::parse("session.csrf_token_mismatch"));
    // A provider's ordinary answer is not One Tap's business.
    let ordinary = pairs(&[("code", "c"), ("state", "s")]);
    assert_eq!(
        journeys
            .finish_one_tap("mock-google", &ordinary, None, CALLBACK)
            .await,
        None
    );
}

#[tokio::test]
async fn an_applications_credential_registers_a_new_identity() {
    let sim = one_tap_sim().await;
    let jwt = credential(
        &sim,
        json!({"sub": "g-fresh", "email": "fresh@example.com"}),
    )
    .await;
    // The application passes its credential; core keeps it in a cookie and
    // sends the page to the Google connector's direct sign-in.
    let location = sim
        .redirect(&format!(
            "{ENDPOINT}/oidc/auth?client_id=demo-app&redirect_uri={ENDPOINT}/demo-app/callback&response_type=code&scope=openid&google_one_tap_credential={jwt}"
        ))
        .await;
    assert!(
        location.starts_with("/direct/social/mock-google?fallback=sign-in"),
        "{location}"
    );
    // The browser sends back the cookie core set (the page read it on
    // `/direct`); Logto checks the credential against it.
    sim.add_cookie(&format!("_logto_google_one_tap_credential={jwt}"));
    let journeys = sim.journeys();
    let query = pairs(&[("google_one_tap_credential", &jwt)]);
    let outcome = journeys
        .finish_one_tap("mock-google", &query, None, CALLBACK)
        .await
        .expect("a One Tap callback");
    assert_eq!(asked(&outcome), &NextStep::RegisterIdentity);
    let outcome = journeys.register_identity().await;
    assert!(sim
        .follow(leave_url(&outcome))
        .await
        .starts_with("Signed in as"));
}
