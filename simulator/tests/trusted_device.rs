//! MFA trusted devices (a dev feature of Logto, on when the settings carry
//! `trustedDevice`): what `GET /interaction` offers, who may ask
//! `POST /profile/mfa/trusted-device`, the cookie a successful submit
//! sets, and the later sign-in it spares MFA verification.

mod common;

use axum::http::StatusCode;
use common::{assert_error, config, Browser};
use logto_sim::{mfa::totp_now, SeedUser};
use serde_json::{json, Value};

const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn settings(trusted_device: Option<Value>) -> Value {
    let mut settings = json!({
        "mfa": {"factors": ["Totp", "BackupCode", "EmailVerificationCode"], "policy": "NoPrompt"},
        "signIn": {"methods": [
            {"identifier": "username", "password": true, "verificationCode": false, "isPasswordPrimary": true}]},
    });
    if let Some(policy) = trusted_device {
        settings["trustedDevice"] = policy;
    }
    settings
}

fn on() -> Value {
    settings(Some(json!({"enabled": true, "durationDays": 7})))
}

async fn verify_totp(browser: &mut Browser) {
    let code = totp_now(SECRET).unwrap();
    let verified = browser
        .api("POST", "/verification/totp/verify", json!({"code": code}))
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
}

async fn trust(browser: &mut Browser) -> common::Response {
    browser
        .api("POST", "/profile/mfa/trusted-device", json!({}))
        .await
}

/// The trusted-device cookie a response sets: its `name=value` pair and
/// the whole header.
fn trusted_cookie(response: &common::Response) -> Option<(String, String)> {
    response
        .cookies
        .iter()
        .find(|cookie| cookie.starts_with("logto-trusted-device-"))
        .map(|cookie| (cookie.split(';').next().unwrap().to_owned(), cookie.clone()))
}

/// Sends `pair` beside the interaction cookie from now on (the jar keeps
/// only the interaction's).
fn with_cookie(browser: &mut Browser, pair: &str) {
    let interaction = browser.cookie.clone().unwrap();
    browser.cookie = Some(format!("{interaction}; {pair}"));
}

#[tokio::test]
async fn the_interaction_offers_it_to_an_identified_user_as_the_policy_says() {
    let mut browser = Browser::new(config(on()));
    browser.begin("SignIn").await;
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await;
    assert!(
        state.json().get("trustedDevice").is_none(),
        "{}",
        state.text
    );
    browser.sign_in_with_password("mfa_demo").await;
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await;
    assert_eq!(
        state.json()["trustedDevice"],
        json!({"canCreate": true, "durationDays": 7})
    );

    let mut off = Browser::new(config(settings(Some(json!({"enabled": false})))));
    off.sign_in_with_password("mfa_demo").await;
    let state = off.call("GET", "/api/experience/interaction", None).await;
    assert_eq!(state.json()["trustedDevice"], json!({"canCreate": false}));

    let mut without = Browser::new(config(settings(None)));
    without.sign_in_with_password("mfa_demo").await;
    let state = without
        .call("GET", "/api/experience/interaction", None)
        .await;
    assert!(
        state.json().get("trustedDevice").is_none(),
        "{}",
        state.text
    );
}

#[tokio::test]
async fn the_request_needs_the_feature_an_identified_user_and_a_real_second_factor() {
    let mut without = Browser::new(config(settings(None)));
    without.sign_in_with_password("mfa_demo").await;
    verify_totp(&mut without).await;
    assert_error(
        &trust(&mut without).await,
        StatusCode::NOT_FOUND,
        "entity.not_found",
    );

    let mut browser = Browser::new(config(on()));
    browser.begin("SignIn").await;
    assert_error(
        &trust(&mut browser).await,
        StatusCode::NOT_FOUND,
        "session.identifier_not_found",
    );
    browser.sign_in_with_password("mfa_demo").await;
    let before = trust(&mut browser).await;
    assert_error(
        &before,
        StatusCode::FORBIDDEN,
        "session.mfa.require_mfa_verification",
    );
    assert_eq!(
        before.json()["data"]["availableFactors"],
        json!(["Totp", "BackupCode"])
    );

    // A backup code verifies the sign-in but cannot create trust.
    let backup = browser
        .api(
            "POST",
            "/verification/backup-code/verify",
            json!({"code": "a1b2c3d4e5"}),
        )
        .await;
    assert_eq!(backup.status, StatusCode::OK, "{}", backup.text);
    let refused = trust(&mut browser).await;
    assert_error(
        &refused,
        StatusCode::FORBIDDEN,
        "session.mfa.require_mfa_verification",
    );
    assert!(refused.json().get("data").is_none(), "{}", refused.text);

    let mut reset = Browser::new(config(on()));
    reset.begin("ForgotPassword").await;
    assert_error(
        &trust(&mut reset).await,
        StatusCode::BAD_REQUEST,
        "session.not_supported_for_forgot_password",
    );
}

#[tokio::test]
async fn a_trusted_browser_skips_mfa_verification_for_that_user() {
    let mut config = config(on());
    // Someone else with the same kind of second factor.
    let other: SeedUser = serde_json::from_value(json!({
        "username": "mfa_other", "password": "Demo-Passw0rd!", "totpSecret": SECRET,
    }))
    .unwrap();
    config.users.push(other);
    let mut browser = Browser::new(config);
    browser.sign_in_with_password("mfa_demo").await;
    verify_totp(&mut browser).await;
    assert_eq!(trust(&mut browser).await.status, StatusCode::NO_CONTENT);
    // Asked twice, one device.
    assert_eq!(trust(&mut browser).await.status, StatusCode::NO_CONTENT);
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(submit.status, StatusCode::OK, "{}", submit.text);
    let (pair, header) = trusted_cookie(&submit).expect("a trusted-device cookie");
    assert!(header.contains("; path=/"), "{header}");
    assert!(header.contains("; max-age=604800"), "seven days: {header}");
    assert!(header.contains("; httponly"), "{header}");
    assert!(header.contains("; samesite=lax"), "{header}");
    // The secret is the browser's alone: the interaction does not show it.
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await;
    let secret = pair.split('.').nth(1).unwrap();
    assert!(!state.text.contains(secret));

    // The next sign-in from this browser submits without MFA.
    browser.sign_in_with_password("mfa_demo").await;
    with_cookie(&mut browser, &pair);
    let next = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.text);
    assert!(
        trusted_cookie(&next).is_none(),
        "no new device without a request"
    );

    // Another browser (no cookie) is asked; so is a forged secret.
    browser.sign_in_with_password("mfa_demo").await;
    let elsewhere = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &elsewhere,
        StatusCode::FORBIDDEN,
        "session.mfa.require_mfa_verification",
    );
    let (name, value) = pair.split_once('=').unwrap();
    let (id, _) = value.split_once('.').unwrap();
    let forged = format!("{name}={id}.{}", logto_sim::util::base64url(&[1u8; 32]));
    browser.sign_in_with_password("mfa_demo").await;
    with_cookie(&mut browser, &forged);
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::FORBIDDEN,
        "session.mfa.require_mfa_verification",
    );

    // The trust is the user's: someone else signing in here is asked.
    browser.sign_in_with_password("mfa_other").await;
    with_cookie(&mut browser, &pair);
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::FORBIDDEN,
        "session.mfa.require_mfa_verification",
    );
}

#[tokio::test]
async fn without_the_policy_the_request_is_taken_and_nothing_is_trusted() {
    let mut browser = Browser::new(config(settings(Some(json!({"enabled": false})))));
    browser.sign_in_with_password("mfa_demo").await;
    verify_totp(&mut browser).await;
    assert_eq!(trust(&mut browser).await.status, StatusCode::NO_CONTENT);
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(submit.status, StatusCode::OK, "{}", submit.text);
    assert!(trusted_cookie(&submit).is_none());
}

#[tokio::test]
async fn an_email_code_as_second_factor_may_create_trust() {
    let mut browser = Browser::new(config(on()));
    browser.sign_in_with_password("alice").await;
    let sent = browser
        .api(
            "POST",
            "/verification/mfa-verification-code",
            json!({"identifierType": "email"}),
        )
        .await;
    let id = sent.json()["verificationId"].as_str().unwrap().to_owned();
    let code = browser.outbox_code("alice@example.com").await;
    let verified = browser
        .api(
            "POST",
            "/verification/mfa-verification-code/verify",
            json!({"verificationId": id, "code": code, "identifierType": "email"}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    assert_eq!(trust(&mut browser).await.status, StatusCode::NO_CONTENT);
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert!(trusted_cookie(&submit).is_some(), "{:?}", submit.cookies);
}
