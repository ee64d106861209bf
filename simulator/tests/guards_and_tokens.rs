//! The page session guard, revoked magic links, the order of checks at
//! registration and the consent application's shape, as Logto 1.42 does them.

mod common;

use axum::http::StatusCode;
use common::{config, Browser, ENDPOINT};
use serde_json::json;

#[tokio::test]
async fn experience_pages_without_an_interaction_go_to_unknown_session() {
    let mut browser = Browser::new(config(json!({})));
    for path in [
        "/",
        "/sign-in",
        "/register/email",
        "/consent",
        "/forgot-password",
    ] {
        let page = browser.call("GET", path, None).await;
        assert_eq!(page.status, StatusCode::FOUND, "{path}");
        assert_eq!(
            page.location,
            format!("{ENDPOINT}/unknown-session"),
            "{path}"
        );
    }
    // Not guarded, or a preview.
    for path in ["/unknown-session", "/sign-in?preview=true", "/demo-app"] {
        let page = browser.call("GET", path, None).await;
        assert_ne!(page.status, StatusCode::FOUND, "{path}");
    }
    browser.start("").await;
    let page = browser.call("GET", "/sign-in", None).await;
    assert_ne!(page.status, StatusCode::FOUND);

    let mut redirected = Browser::new(config(
        json!({"unknownSessionRedirectUrl": "https://app.example.com/expired"}),
    ));
    let page = redirected.call("GET", "/sign-in", None).await;
    assert_eq!(page.location, "https://app.example.com/expired");
}

#[tokio::test]
async fn a_revoked_magic_link_is_refused() {
    let mut browser = Browser::new(config(json!({})));
    let created = browser
        .call(
            "POST",
            "/__sim/one-time-tokens",
            Some(json!({"email": "alice@example.com"})),
        )
        .await
        .json();
    let revoked = browser
        .call(
            "PUT",
            &format!(
                "/__sim/one-time-tokens/{}/status",
                created["id"].as_str().unwrap()
            ),
            Some(json!({"status": "revoked"})),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text);
    browser.begin("SignIn").await;
    let verify = browser
        .api(
            "POST",
            "/verification/one-time-token/verify",
            json!({"token": created["token"], "identifier": {"type": "email", "value": "alice@example.com"}}),
        )
        .await;
    assert_eq!(
        (verify.status, verify.code().as_str()),
        (StatusCode::BAD_REQUEST, "one_time_token.token_revoked")
    );
    let unknown = browser
        .call(
            "PUT",
            "/__sim/one-time-tokens/nope/status",
            Some(json!({"status": "revoked"})),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_address_in_use_is_reported_before_a_disabled_sign_up_method() {
    // Username sign-up only: phone is not a sign-up identifier.
    let mut browser = Browser::new(config(json!({})));
    browser.begin("Register").await;
    let identifier = json!({"type": "phone", "value": "15555550100"});
    let id = browser
        .api(
            "POST",
            "/verification/verification-code",
            json!({"identifier": identifier, "interactionEvent": "Register"}),
        )
        .await
        .json()["verificationId"]
        .clone();
    let code = browser.outbox_code("15555550100").await;
    browser
        .api(
            "POST",
            "/verification/verification-code/verify",
            json!({"identifier": identifier, "verificationId": id, "code": code}),
        )
        .await;
    let created = browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert_eq!(
        (created.status, created.code().as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "user.phone_already_in_use"
        )
    );
}
