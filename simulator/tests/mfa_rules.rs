//! Logto 1.42's MFA rules at submit and for code factors, and its
//! verification-code rules (single use, mismatch, per-recipient limit),
//! driven through the router in process.

mod common;

use axum::http::StatusCode;
use common::{assert_error, config, Browser};
use logto_sim::{consent::Organization, SeedUser};
use serde_json::{json, Value};

/// E-mail sign-up and sign-in by code; MFA with e-mail codes and TOTP.
fn email_mfa_settings(policy: &str) -> Value {
    json!({
        "signIn": {"methods": [
            {"identifier": "username", "password": true, "verificationCode": false, "isPasswordPrimary": true},
            {"identifier": "email", "password": true, "verificationCode": true, "isPasswordPrimary": true}]},
        "signUp": {"identifiers": ["email"], "password": false, "verify": true},
        "mfa": {"factors": ["EmailVerificationCode", "Totp"], "policy": policy},
    })
}

async fn id_of(browser: &mut Browser, path: &str, body: Value) -> String {
    let response = browser.api("POST", path, body).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.text);
    response.json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A verified e-mail code record for `email`.
async fn email_code(browser: &mut Browser, email: &str, event: &str) -> String {
    let identifier = json!({"type": "email", "value": email});
    let id = id_of(
        browser,
        "/verification/verification-code",
        json!({"identifier": identifier, "interactionEvent": event}),
    )
    .await;
    let code = browser.outbox_code(email).await;
    id_of(
        browser,
        "/verification/verification-code/verify",
        json!({"identifier": identifier, "verificationId": id, "code": code}),
    )
    .await
}

#[tokio::test]
async fn registration_with_an_email_factor_suggests_another_until_skipped() {
    let mut browser = Browser::new(config(email_mfa_settings("PromptAtSignInAndSignUp")));
    browser.begin("Register").await;
    let id = email_code(&mut browser, "newbie@example.com", "Register").await;
    let created = browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);

    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::UNPROCESSABLE_ENTITY,
        "session.mfa.suggest_additional_mfa",
    );
    assert_eq!(
        submit.json()["data"],
        json!({"availableFactors": ["Totp", "EmailVerificationCode"],
               "maskedIdentifiers": {"EmailVerificationCode": "newb****@example.com"},
               "isWebAuthnUsedAsSignInPasskey": false, "skippable": true, "suggestion": true})
    );
    let skipped = browser
        .api("POST", "/profile/mfa/mfa-suggestion-skipped", json!({}))
        .await;
    assert_eq!(skipped.status, StatusCode::NO_CONTENT);
    assert!(browser.finish().await.contains("newbie@example.com"));
}

#[tokio::test]
async fn sign_in_verifies_the_email_factor_then_suggests_another_once() {
    let mut browser = Browser::new(config(email_mfa_settings("Mandatory")));
    browser.sign_in_with_password("alice").await;
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::FORBIDDEN,
        "session.mfa.require_mfa_verification",
    );
    assert_eq!(
        submit.json()["data"]["availableFactors"],
        json!(["EmailVerificationCode"])
    );
    let id = id_of(
        &mut browser,
        "/verification/mfa-verification-code",
        json!({"identifierType": "email"}),
    )
    .await;
    let code = browser.outbox_code("alice@example.com").await;
    // Looked up by the MFA code type of `identifierType` first.
    let wrong_type = browser
        .api(
            "POST",
            "/verification/mfa-verification-code/verify",
            json!({"verificationId": id, "code": code, "identifierType": "phone"}),
        )
        .await;
    assert_error(
        &wrong_type,
        StatusCode::NOT_FOUND,
        "session.verification_session_not_found",
    );
    let verify = json!({"verificationId": id, "code": code, "identifierType": "email"});
    id_of(
        &mut browser,
        "/verification/mfa-verification-code/verify",
        verify.clone(),
    )
    .await;
    let again = browser
        .api("POST", "/verification/mfa-verification-code/verify", verify)
        .await;
    assert_error(
        &again,
        StatusCode::BAD_REQUEST,
        "verification_code.not_found",
    );

    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::UNPROCESSABLE_ENTITY,
        "session.mfa.suggest_additional_mfa",
    );
    assert_eq!(
        submit.json()["data"]["maskedIdentifiers"],
        json!({"EmailVerificationCode": "alic****@example.com"})
    );
    browser
        .api("POST", "/profile/mfa/mfa-suggestion-skipped", json!({}))
        .await;
    browser.finish().await;

    // The choice is remembered: the next sign-in only verifies.
    let mut next = Browser {
        cookie: None,
        ..browser
    };
    next.sign_in_with_password("alice").await;
    let id = id_of(
        &mut next,
        "/verification/mfa-verification-code",
        json!({"identifierType": "email"}),
    )
    .await;
    let code = next.outbox_code("alice@example.com").await;
    id_of(
        &mut next,
        "/verification/mfa-verification-code/verify",
        json!({"verificationId": id, "code": code, "identifierType": "email"}),
    )
    .await;
    next.finish().await;
}

#[tokio::test]
async fn mfa_code_routes_before_identification() {
    let mut browser = Browser::new(config(email_mfa_settings("UserControlled")));
    browser.begin("SignIn").await;
    let send = browser
        .api(
            "POST",
            "/verification/mfa-verification-code",
            json!({"identifierType": "email"}),
        )
        .await;
    assert_error(
        &send,
        StatusCode::BAD_REQUEST,
        "session.identifier_not_found",
    );
    let verify = browser
        .api(
            "POST",
            "/verification/mfa-verification-code/verify",
            json!({"verificationId": "nope", "code": "123456", "identifierType": "email"}),
        )
        .await;
    assert_error(
        &verify,
        StatusCode::NOT_FOUND,
        "session.verification_session_not_found",
    );
}

#[tokio::test]
async fn binding_code_factors_looks_records_up_by_type() {
    // E-mail codes are not an MFA factor here; backup codes are off too.
    let mut browser = Browser::new(config(json!({
        "signUp": {"identifiers": ["username"], "password": true, "verify": false},
        "mfa": {"factors": ["Totp"], "policy": "UserControlled"},
    })));
    browser.sign_in_with_password("demo").await;
    let email = email_code(&mut browser, "demo@example.com", "SignIn").await;
    let as_phone = browser.bind_mfa("PhoneVerificationCode", &email).await;
    assert_error(
        &as_phone,
        StatusCode::NOT_FOUND,
        "session.verification_session_not_found",
    );
    let as_backup = browser.bind_mfa("BackupCode", &email).await;
    assert_error(
        &as_backup,
        StatusCode::NOT_FOUND,
        "session.verification_session_not_found",
    );
    let backup = id_of(
        &mut browser,
        "/verification/backup-code/generate",
        json!({}),
    )
    .await;
    let refused = browser.bind_mfa("BackupCode", &backup).await;
    assert_error(
        &refused,
        StatusCode::BAD_REQUEST,
        "session.mfa.mfa_factor_not_enabled",
    );
    let bound = browser.bind_mfa("EmailVerificationCode", &email).await;
    assert_eq!(bound.status, StatusCode::NO_CONTENT, "{}", bound.text);
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await;
    let state = state.json();
    assert_eq!(state["mfa"]["mfaEnabled"], json!(true));
    assert_eq!(state["profile"]["primaryEmail"], json!("demo@example.com"));
    // "MFA set up" with the address: no prompt to turn MFA on.
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::UNPROCESSABLE_ENTITY,
        "user.missing_mfa",
    );
    assert_eq!(
        submit.json()["data"],
        json!({"availableFactors": ["Totp"], "skippable": true})
    );
}

#[tokio::test]
async fn an_organization_that_requires_mfa_makes_binding_mandatory() {
    let mut settings = config(json!({
        "mfa": {"factors": ["Totp"], "policy": "NoPrompt",
                "organizationRequiredMfaPolicy": "Mandatory"},
    }));
    settings.users.push(SeedUser {
        username: Some("member".into()),
        password: Some("Demo-Passw0rd!".into()),
        ..SeedUser::default()
    });
    settings.consent.organizations.push(Organization {
        id: "org-strict".into(),
        name: "Strict".into(),
        members: vec!["member".into()],
        mfa_required: true,
    });
    let mut browser = Browser::new(settings);
    browser.sign_in_with_password("member").await;
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_error(
        &submit,
        StatusCode::UNPROCESSABLE_ENTITY,
        "user.missing_mfa",
    );
    assert_eq!(submit.json()["data"], json!({"availableFactors": ["Totp"]}));
    let skip = browser
        .api("POST", "/profile/mfa/mfa-skipped", json!({}))
        .await;
    assert_error(
        &skip,
        StatusCode::UNPROCESSABLE_ENTITY,
        "session.mfa.mfa_policy_not_user_controlled",
    );

    // Not a member: `NoPrompt` lets them through.
    let mut other = Browser {
        cookie: None,
        ..browser
    };
    other.sign_in_with_password("demo").await;
    other.finish().await;
}

#[tokio::test]
async fn codes_are_single_use_and_bound_to_their_address() {
    let mut browser = Browser::new(config(email_mfa_settings("NoPrompt")));
    browser.begin("SignIn").await;
    let identifier = json!({"type": "email", "value": "alice@example.com"});
    let id = id_of(
        &mut browser,
        "/verification/verification-code",
        json!({"identifier": identifier, "interactionEvent": "SignIn"}),
    )
    .await;
    let code = browser.outbox_code("alice@example.com").await;
    let other = browser
        .api(
            "POST",
            "/verification/verification-code/verify",
            json!({"identifier": {"type": "email", "value": "bob@example.com"},
                   "verificationId": id, "code": code}),
        )
        .await;
    assert_error(
        &other,
        StatusCode::BAD_REQUEST,
        "verification_code.email_mismatch",
    );
    let verify = json!({"identifier": identifier, "verificationId": id, "code": code});
    id_of(
        &mut browser,
        "/verification/verification-code/verify",
        verify.clone(),
    )
    .await;
    let again = browser
        .api("POST", "/verification/verification-code/verify", verify)
        .await;
    assert_error(
        &again,
        StatusCode::BAD_REQUEST,
        "verification_code.not_found",
    );
}

#[tokio::test]
async fn the_eleventh_code_to_one_address_within_ten_minutes_is_refused() {
    let mut browser = Browser::new(config(email_mfa_settings("NoPrompt")));
    browser.begin("SignIn").await;
    let send = |value: &str| json!({"identifier": {"type": "email", "value": value}, "interactionEvent": "SignIn"});
    for _ in 0..10 {
        id_of(
            &mut browser,
            "/verification/verification-code",
            send("alice@example.com"),
        )
        .await;
    }
    // Another letter case is the same recipient.
    let limited = browser
        .api(
            "POST",
            "/verification/verification-code",
            send("Alice@Example.com"),
        )
        .await;
    assert_error(
        &limited,
        StatusCode::TOO_MANY_REQUESTS,
        "request.message_rate_limited",
    );
    assert!(limited.json().get("data").is_none());
    id_of(
        &mut browser,
        "/verification/verification-code",
        send("someone.else@example.com"),
    )
    .await;
}
