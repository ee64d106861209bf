//! End-to-end flows through the simulator's HTTP surface, the way a browser
//! drives it: OIDC entry, Experience API, resume, the demo callback, the
//! outbox, the mock identity provider, captcha, TOTP, WebAuthn and
//! passkeys, and hostile input.

mod common;

use axum::{body::Body, http::StatusCode};
use common::{config, Browser, ENDPOINT};
use logto_sim::{
    mfa, util,
    webauthn::{Ceremony, SoftAuthenticator},
    App,
};
use serde_json::{json, Value};

#[tokio::test]
async fn password_sign_in_ends_on_the_demo_callback() {
    let mut browser = Browser::new(config(json!({})));
    let start = browser
        .start("&state=xyz&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fdemo-app%2Fcallback")
        .await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    assert_eq!(start.location, "/sign-in?app_id=demo-app");
    let cookie = start
        .cookies
        .iter()
        .find(|cookie| cookie.starts_with("_interaction="))
        .unwrap()
        .to_lowercase();
    assert!(
        cookie.contains("httponly") && cookie.contains("samesite=lax") && cookie.contains("path=/")
    );

    assert_eq!(
        browser
            .api("PUT", "", json!({"interactionEvent": "SignIn"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let password = browser
        .api(
            "POST",
            "/verification/password",
            json!({"identifier": {"type": "username", "value": "demo"}, "password": "Demo-Passw0rd!"}),
        )
        .await;
    let id = password.json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        browser
            .api("POST", "/identification", json!({"verificationId": id}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let submit = browser.api("POST", "/submit", json!({})).await;
    let redirect = submit.json()["redirectTo"].as_str().unwrap().to_string();
    let resume = browser
        .call("GET", redirect.strip_prefix(ENDPOINT).unwrap(), None)
        .await;
    assert!(resume
        .location
        .starts_with("http://localhost:8080/demo-app/callback?code="));
    assert!(resume.location.ends_with("&state=xyz"));
    let page = browser
        .call("GET", resume.location.strip_prefix(ENDPOINT).unwrap(), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Signed in as demo"), "{}", page.text);
    // Logto's demo app's picture, which Logto's own e2e waits for.
    assert!(page.text.contains("alt=\"Congrats\""), "{}", page.text);
    // The code is single-use and the interaction is over.
    let again = browser
        .call("GET", resume.location.strip_prefix(ENDPOINT).unwrap(), None)
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        browser
            .api("PUT", "", json!({"interactionEvent": "SignIn"}))
            .await
            .code(),
        "session.not_found"
    );
}

#[tokio::test]
async fn first_screens_and_unknown_clients() {
    let mut browser = Browser::new(config(json!({})));
    assert_eq!(
        browser.start("&first_screen=register").await.location,
        "/register?app_id=demo-app"
    );
    assert_eq!(
        browser
            .start("&first_screen=identifier:sign_in&login_hint=a%40b.c")
            .await
            .location,
        "/identifier-sign-in?app_id=demo-app&login_hint=a%40b.c"
    );
    let unknown = browser.call("GET", "/oidc/auth?client_id=nope", None).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let foreign = browser
        .call(
            "GET",
            "/oidc/auth?client_id=demo-app&redirect_uri=https%3A%2F%2Fevil.test%2F",
            None,
        )
        .await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn app_id_header_selects_the_interaction() {
    let mut config = config(json!({}));
    config.other_apps.push(App {
        id: "other-app".into(),
        redirect_uri: "http://localhost:9999/cb".into(),
    });
    let mut browser = Browser::new(config);
    browser.start("").await;
    browser
        .call("GET", "/oidc/auth?client_id=other-app", None)
        .await;
    browser.app_id = Some("demo-app".into());
    browser
        .api("PUT", "", json!({"interactionEvent": "Register"}))
        .await;
    browser.app_id = Some("other-app".into());
    browser
        .api("PUT", "", json!({"interactionEvent": "ForgotPassword"}))
        .await;
    browser.app_id = Some("demo-app".into());
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await
        .json();
    assert_eq!(state["interactionEvent"], "Register");
    browser.app_id = None;
    // Without the header: the interaction started last.
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await
        .json();
    assert_eq!(state["interactionEvent"], "ForgotPassword");
}

#[tokio::test]
async fn email_code_goes_to_the_outbox() {
    let patch = json!({"signIn": {"methods": [
        {"identifier": "email", "password": true, "verificationCode": true, "isPasswordPrimary": false}]},
        "signUp": {"identifiers": ["email"], "password": false, "verify": true}});
    let mut browser = Browser::new(config(patch));
    browser.begin("SignIn").await;
    let identifier = json!({"type": "email", "value": "alice@example.com"});
    let sent = browser
        .api(
            "POST",
            "/verification/verification-code",
            json!({"identifier": identifier, "interactionEvent": "SignIn"}),
        )
        .await;
    let id = sent.json()["verificationId"].as_str().unwrap().to_string();
    let outbox = browser.call("GET", "/__sim/outbox", None).await.json();
    let last = outbox.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["recipient"], "alice@example.com");
    assert!(last["time"].as_u64().is_some() && last["sentAt"].as_str().is_some());
    let code = last["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    let verified = browser
        .api(
            "POST",
            "/verification/verification-code/verify",
            json!({"identifier": identifier, "verificationId": id, "code": code}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK);
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    // Only a social record adds a social identity (Logto's
    // `setProfileByVerificationId`): any other is not found.
    let not_social = browser
        .api(
            "POST",
            "/profile",
            json!({"type": "social", "verificationId": id}),
        )
        .await;
    assert_eq!(not_social.status, StatusCode::NOT_FOUND);
    assert_eq!(not_social.code(), "session.verification_session_not_found");
    assert!(browser.finish().await.contains("Signed in as alice"));
}

#[tokio::test]
async fn forgot_password_then_sign_in_with_the_new_password() {
    let patch = json!({"forgotPasswordMethods": ["PhoneVerificationCode"]});
    let mut browser = Browser::new(config(patch));
    let public = browser
        .call("GET", "/api/.well-known/experience", None)
        .await
        .json();
    assert_eq!(
        public["forgotPassword"],
        json!({"email": false, "phone": true})
    );
    assert!(public.get("forgotPasswordMethods").is_none());

    browser.begin("ForgotPassword").await;
    let identifier = json!({"type": "phone", "value": "15555550100"});
    let id = browser
        .api(
            "POST",
            "/verification/verification-code",
            json!({"identifier": identifier, "interactionEvent": "ForgotPassword"}),
        )
        .await
        .json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let code = browser.outbox_code("15555550100").await;
    browser
        .api(
            "POST",
            "/verification/verification-code/verify",
            json!({"identifier": identifier, "verificationId": id, "code": code}),
        )
        .await;
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    let reset = browser
        .api(
            "PUT",
            "/profile/password",
            json!({"password": "Brand-New-Passw0rd!7"}),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT, "{}", reset.text);
    let done = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(
        (done.status, done.text.as_str()),
        (StatusCode::NO_CONTENT, "")
    );

    browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;
    let old = browser
        .api("POST", "/verification/password",
             json!({"identifier": {"type": "username", "value": "phoebe"}, "password": "Demo-Passw0rd!"}))
        .await;
    assert_eq!(old.code(), "session.invalid_credentials");
    let new = browser
        .api("POST", "/verification/password",
             json!({"identifier": {"type": "username", "value": "phoebe"}, "password": "Brand-New-Passw0rd!7"}))
        .await;
    assert_eq!(new.status, StatusCode::OK);
}

#[tokio::test]
async fn social_sign_up_through_the_mock_identity_provider() {
    let patch = json!({"socialSignInConnectorTargets": ["mock-social"],
        "signUp": {"identifiers": ["email"], "password": false, "verify": true}});
    let mut browser = Browser::new(config(patch));
    let public = browser
        .call("GET", "/api/.well-known/experience", None)
        .await
        .json();
    assert_eq!(public["socialConnectors"][0]["id"], "mock-social");

    browser.begin("SignIn").await;
    let redirect_uri = format!("{ENDPOINT}/callback/mock-social");
    let started = browser
        .api(
            "POST",
            "/verification/social/mock-social/authorization-uri",
            json!({"state": "st4te", "redirectUri": redirect_uri}),
        )
        .await
        .json();
    let id = started["verificationId"].as_str().unwrap().to_string();
    let idp = started["authorizationUri"]
        .as_str()
        .unwrap()
        .strip_prefix(ENDPOINT)
        .unwrap()
        .to_string();
    let page = browser.call("GET", &idp, None).await;
    assert!(page.text.to_lowercase().contains("mock identity provider"));
    let authorize = format!(
        "/__sim/mock-idp/mock-social/authorize?state=st4te&redirect_uri={}&sub=gh-42&email=new%40example.com&name=New&decision=allow",
        "http%3A%2F%2Flocalhost%3A8080%2Fcallback%2Fmock-social"
    );
    let back = browser.call("GET", &authorize, None).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let query = back.location.split_once('?').unwrap().1.to_string();
    assert!(back.location.starts_with(&redirect_uri) && query.ends_with("state=st4te"));
    let code = query
        .split('&')
        .next()
        .unwrap()
        .strip_prefix("code=")
        .unwrap()
        .to_string();

    let verify = browser
        .api("POST", "/verification/social/mock-social/verify",
             json!({"verificationId": id, "connectorData": {"code": code, "state": "st4te", "redirectUri": redirect_uri}}))
        .await;
    assert_eq!(verify.status, StatusCode::OK, "{}", verify.text);
    let identify = browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert_eq!(identify.code(), "user.identity_not_exist");
    assert!(browser
        .register_and_finish(&id)
        .await
        .contains("Signed in as new@example.com"));

    // The IdP code was single-use.
    browser.begin("SignIn").await;
    let id = browser
        .api(
            "POST",
            "/verification/social/mock-social/authorization-uri",
            json!({"state": "s", "redirectUri": redirect_uri}),
        )
        .await
        .json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let replay = browser
        .api(
            "POST",
            "/verification/social/mock-social/verify",
            json!({"verificationId": id, "connectorData": {"code": code}}),
        )
        .await;
    assert_eq!(replay.code(), "connector.invalid_response");
}

#[tokio::test]
async fn sso_sign_up_through_the_mock_identity_provider() {
    let mut browser = Browser::new(config(json!({"singleSignOnEnabled": true})));
    browser.start("").await;
    let lookup = browser
        .call(
            "GET",
            "/api/experience/sso-connectors?email=bob%40SSO.example.com",
            None,
        )
        .await
        .json();
    assert_eq!(lookup["connectorIds"], json!(["mock-sso"]));
    browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;
    let id = browser
        .api(
            "POST",
            "/verification/sso/mock-sso/authorization-uri",
            json!({"state": "s", "redirectUri": format!("{ENDPOINT}/callback/mock-sso")}),
        )
        .await
        .json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let back = browser
        .call("GET", "/__sim/mock-idp/mock-sso/authorize?state=s&redirect_uri=%2Fcallback%2Fmock-sso&sub=bob&email=bob%40sso.example.com", None)
        .await;
    let code = back
        .location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let verify = browser
        .api(
            "POST",
            "/verification/sso/mock-sso/verify",
            json!({"verificationId": id, "connectorData": {"code": code}}),
        )
        .await;
    assert_eq!(verify.status, StatusCode::OK, "{}", verify.text);
    assert_eq!(
        browser
            .api("POST", "/identification", json!({"verificationId": id}))
            .await
            .code(),
        "user.sso_identity_not_exist"
    );
    assert!(browser
        .register_and_finish(&id)
        .await
        .contains("Signed in as bob@sso.example.com"));
}

#[tokio::test]
async fn captcha_with_the_fake_provider() {
    let mut browser = Browser::new(config(json!({"captchaPolicy": {"enabled": true}})));
    browser.start("").await;
    let bad = browser
        .api(
            "PUT",
            "",
            json!({"interactionEvent": "SignIn", "captchaToken": "wrong"}),
        )
        .await;
    assert_eq!(bad.code(), "session.captcha_failed");
    browser
        .api(
            "PUT",
            "",
            json!({"interactionEvent": "SignIn", "captchaToken": "sim-captcha-ok"}),
        )
        .await;
    // Single-use, as the providers' tokens: the same token again fails,
    // a fresh one (another rendering's suffix) passes, a look-alike not.
    for (token, code) in [
        ("sim-captcha-ok", "session.captcha_failed"),
        ("sim-captcha-okay", "session.captcha_failed"),
    ] {
        let again = browser
            .api(
                "PUT",
                "",
                json!({"interactionEvent": "SignIn", "captchaToken": token}),
            )
            .await;
        assert_eq!(again.code(), code, "{token}");
    }
    let fresh = browser
        .api(
            "PUT",
            "",
            json!({"interactionEvent": "SignIn", "captchaToken": "sim-captcha-ok.2"}),
        )
        .await;
    assert_eq!(fresh.status, 204, "{}", fresh.text);
    let id = browser
        .api("POST", "/verification/password",
             json!({"identifier": {"type": "username", "value": "demo"}, "password": "Demo-Passw0rd!"}))
        .await
        .json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert!(browser.finish().await.contains("Signed in as demo"));
}

#[tokio::test]
async fn totp_user_must_verify_then_backup_codes_are_single_use() {
    let patch = json!({"mfa": {"factors": ["Totp", "BackupCode"], "policy": "UserControlled"}});
    let mut browser = Browser::new(config(patch));
    for (round, second_factor) in ["totp", "backup", "backup-again"].into_iter().enumerate() {
        browser.begin("SignIn").await;
        let id = browser
            .api("POST", "/verification/password",
                 json!({"identifier": {"type": "username", "value": "mfa_demo"}, "password": "Demo-Passw0rd!"}))
            .await
            .json()["verificationId"]
            .as_str()
            .unwrap()
            .to_string();
        browser
            .api("POST", "/identification", json!({"verificationId": id}))
            .await;
        let required = browser.api("POST", "/submit", json!({})).await;
        assert_eq!(
            required.code(),
            "session.mfa.require_mfa_verification",
            "round {round}"
        );
        assert_eq!(
            required.json()["data"]["availableFactors"],
            json!(["Totp", "BackupCode"])
        );
        let verified = match second_factor {
            "totp" => {
                let code = mfa::totp_now("JBSWY3DPEHPK3PXP").unwrap();
                browser
                    .api("POST", "/verification/totp/verify", json!({"code": code}))
                    .await
            }
            _ => {
                browser
                    .api(
                        "POST",
                        "/verification/backup-code/verify",
                        json!({"code": "a1b2c3d4e5"}),
                    )
                    .await
            }
        };
        if second_factor == "backup-again" {
            assert_eq!(verified.code(), "session.mfa.invalid_backup_code");
        } else {
            assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
            assert!(browser.finish().await.contains("Signed in as mfa_demo"));
        }
    }
}

#[tokio::test]
async fn hostile_input_never_panics() {
    let mut browser = Browser::new(config(json!({})));
    // Before any cookie.
    let no_cookie = browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;
    assert_eq!(no_cookie.code(), "session.not_found");
    assert_eq!(no_cookie.json()["error"], "invalid_request");
    browser.start("").await;
    assert_eq!(
        browser.api("POST", "/submit", json!({})).await.code(),
        "session.interaction_not_found"
    );
    browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;

    let malformed = browser
        .raw("PUT", "/api/experience", Body::from("{not json"))
        .await;
    assert_eq!(
        (malformed.status, malformed.code().as_str()),
        (StatusCode::BAD_REQUEST, "guard.invalid_input")
    );
    let huge = format!(
        "{{\"interactionEvent\":\"SignIn\",\"x\":\"{}\"}}",
        "a".repeat(200_000)
    );
    let oversized = browser
        .raw("PUT", "/api/experience", Body::from(huge))
        .await;
    assert_eq!(
        (oversized.status, oversized.code().as_str()),
        (StatusCode::BAD_REQUEST, "guard.invalid_input")
    );

    let paths = [
        "",
        "/interaction-event",
        "/identification",
        "/submit",
        "/interaction",
        "/verification/password",
        "/verification/verification-code",
        "/verification/verification-code/verify",
        "/verification/mfa-verification-code",
        "/verification/mfa-verification-code/verify",
        "/verification/social/mock-social/authorization-uri",
        "/verification/social/mock-social/verify",
        "/verification/social/x/verify",
        "/verification/sso/mock-sso/authorization-uri",
        "/verification/sso/mock-sso/verify",
        "/verification/totp/secret",
        "/verification/totp/verify",
        "/verification/backup-code/generate",
        "/verification/backup-code/verify",
        "/verification/one-time-token/verify",
        "/verification/new-password-identity",
        "/verification/web-authn/authentication",
        "/verification/sign-in-passkey/authentication",
        "/profile",
        "/profile/password",
        "/profile/mfa",
        "/profile/mfa/mfa-enabled",
        "/profile/mfa/mfa-skipped",
        "/profile/mfa/mfa-suggestion-skipped",
        "/sso-connectors?email=%",
        "/nope/%zz",
    ];
    let long = "é".repeat(5000);
    let bodies = [
        json!(null),
        json!([]),
        json!("text"),
        json!(42),
        json!({}),
        json!({"identifier": 5, "password": [], "verificationId": {}, "code": null}),
        json!({"identifier": {"type": "email", "value": long}, "password": long, "interactionEvent": "Register"}),
        json!({"identifier": {"type": "phone", "value": "+"}, "interactionEvent": "SignIn", "code": "x", "verificationId": "x"}),
        json!({"type": "username", "value": long}),
        json!({"type": "password", "value": long}),
        json!({"type": "extraProfile", "values": {"": 1, "a b": 2}}),
        json!({"type": "Totp", "verificationId": "x"}),
        json!({"connectorData": {"code": long}, "verificationId": "x", "state": "s", "redirectUri": long}),
        json!({"interactionEvent": "Register", "verificationId": "x", "linkSocialIdentity": "yes"}),
    ];
    for event in ["SignIn", "Register", "ForgotPassword"] {
        browser
            .api("PUT", "", json!({"interactionEvent": event}))
            .await;
        for path in paths {
            for method in ["GET", "POST", "PUT"] {
                for body in &bodies {
                    let response = browser
                        .call(
                            method,
                            &format!("/api/experience{path}"),
                            Some(body.clone()),
                        )
                        .await;
                    assert!(
                        response.status != StatusCode::INTERNAL_SERVER_ERROR
                            || response.code() == "connector.authorization_failed",
                        "{method} {path} {body}: {}",
                        response.text
                    );
                }
            }
        }
    }
    for uri in [
        "/oidc/auth",
        "/oidc/auth/%00",
        "/oidc/auth/unknown",
        "/demo-app/callback?code=%",
        "/__sim/mock-idp/nope",
        "/__sim/mock-idp/mock-social/authorize?redirect_uri=https://evil.test/",
        "/__sim/outbox",
    ] {
        let response = browser.call("GET", uri, None).await;
        assert!(response.status.as_u16() < 500, "{uri}: {}", response.status);
    }
    let token = browser
        .raw("POST", "/__sim/one-time-tokens", Body::from("[]"))
        .await;
    assert_eq!(token.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn magic_links_sign_in_and_reset_passwords() {
    let patch = json!({"signIn": {"methods": [
        {"identifier": "email", "password": true, "verificationCode": false, "isPasswordPrimary": true}]}});
    let mut browser = Browser::new(config(patch));
    let issue = async |browser: &mut Browser| {
        let created = browser
            .call(
                "POST",
                "/__sim/one-time-tokens",
                Some(json!({"email": "alice@example.com"})),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED);
        created.json()["token"].as_str().unwrap().to_string()
    };
    let identifier = json!({"type": "email", "value": "alice@example.com"});

    browser.begin("SignIn").await;
    let token = issue(&mut browser).await;
    let verified = browser
        .api(
            "POST",
            "/verification/one-time-token/verify",
            json!({"token": token, "identifier": identifier}),
        )
        .await;
    let id = verified.json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert!(browser.finish().await.contains("Signed in as alice"));
    // Consumed.
    browser.begin("SignIn").await;
    let again = browser
        .api(
            "POST",
            "/verification/one-time-token/verify",
            json!({"token": token, "identifier": identifier}),
        )
        .await;
    assert_eq!(again.code(), "one_time_token.token_consumed");

    // Reset by magic link.
    browser
        .api("PUT", "", json!({"interactionEvent": "ForgotPassword"}))
        .await;
    let token = issue(&mut browser).await;
    let id = browser
        .api(
            "POST",
            "/verification/one-time-token/verify",
            json!({"token": token, "identifier": identifier}),
        )
        .await
        .json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    browser.identify(&id).await;
    browser
        .api(
            "PUT",
            "/profile/password",
            json!({"password": "Magic-Link-Passw0rd!"}),
        )
        .await;
    assert_eq!(
        browser.api("POST", "/submit", json!({})).await.status,
        StatusCode::NO_CONTENT
    );
}

/// Signs in `demo` with the password (the interaction is then identified).
async fn password_identified(browser: &mut Browser) {
    browser.begin("SignIn").await;
    let id = browser
        .api("POST", "/verification/password",
             json!({"identifier": {"type": "username", "value": "demo"}, "password": "Demo-Passw0rd!"}))
        .await
        .json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let identified = browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert_eq!(identified.status, StatusCode::NO_CONTENT);
}

fn text(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn webauthn_mfa_and_passkey_sign_in() {
    let patch = json!({
        "mfa": {"factors": ["WebAuthn", "BackupCode"], "policy": "UserControlled"},
        "passkeySignIn": {"enabled": true, "showPasskeyButton": true, "allowAutofill": true},
    });
    let mut browser = Browser::new(config(patch));
    browser.origin = Some(ENDPOINT.into());
    let mut authenticator = SoftAuthenticator::new();

    // Registration as an MFA factor.
    password_identified(&mut browser).await;
    let options = browser
        .api("POST", "/verification/web-authn/registration", json!({}))
        .await
        .json();
    let id = text(&options, "/verificationId");
    let challenge = text(&options, "/registrationOptions/challenge");
    assert_eq!(text(&options, "/registrationOptions/rp/id"), "localhost");
    assert_eq!(
        options["registrationOptions"]["excludeCredentials"],
        json!([])
    );
    let user_handle =
        util::base64url_decode(&text(&options, "/registrationOptions/user/id")).unwrap();
    // Client data from another origin than the request's.
    let elsewhere = Ceremony::new(&challenge, "http://localhost:9999", "localhost");
    let failed = browser
        .api(
            "POST",
            "/verification/web-authn/registration/verify",
            json!({"verificationId": id, "payload": authenticator.register(&elsewhere)}),
        )
        .await;
    assert_eq!(failed.code(), "session.mfa.webauthn_verification_failed");
    assert!(text(&failed.json(), "/data/message")
        .starts_with("Unexpected registration response origin"));
    let ceremony = Ceremony::new(&challenge, ENDPOINT, "localhost");
    let verified = browser
        .api(
            "POST",
            "/verification/web-authn/registration/verify",
            json!({"verificationId": id, "payload": authenticator.register(&ceremony)}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    let bound = browser
        .api(
            "POST",
            "/profile/mfa",
            json!({"type": "WebAuthn", "verificationId": id}),
        )
        .await;
    assert_eq!(bound.status, StatusCode::NO_CONTENT, "{}", bound.text);
    assert_eq!(
        browser.api("POST", "/submit", json!({})).await.code(),
        "session.mfa.backup_code_required"
    );
    let codes = browser
        .api("POST", "/verification/backup-code/generate", json!({}))
        .await
        .json();
    browser
        .api(
            "POST",
            "/profile/mfa",
            json!({"type": "BackupCode", "verificationId": codes["verificationId"]}),
        )
        .await;
    assert!(browser.finish().await.contains("Signed in as demo"));

    // The next sign-in asks for it; a stale assertion fails, a fresh one passes.
    password_identified(&mut browser).await;
    let required = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(
        required.json()["data"]["availableFactors"],
        json!(["WebAuthn", "BackupCode"])
    );
    let stale = authenticator.assert(&ceremony);
    let options = browser
        .api("POST", "/verification/web-authn/authentication", json!({}))
        .await
        .json();
    assert_eq!(
        text(&options, "/authenticationOptions/allowCredentials/0/id"),
        authenticator.id()
    );
    let id = text(&options, "/verificationId");
    let failed = browser
        .api(
            "POST",
            "/verification/web-authn/authentication/verify",
            json!({"verificationId": id, "payload": stale}),
        )
        .await;
    assert_eq!(failed.code(), "session.mfa.webauthn_verification_failed");
    assert!(failed.json().get("data").is_none());
    let challenge = text(&options, "/authenticationOptions/challenge");
    let assertion = authenticator.assert(&Ceremony::new(&challenge, ENDPOINT, "localhost"));
    let verified = browser
        .api(
            "POST",
            "/verification/web-authn/authentication/verify",
            json!({"verificationId": id, "payload": assertion}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    assert!(browser.finish().await.contains("Signed in as demo"));

    // Discoverable passkey: preflight before `PUT /api/experience`, the user
    // handle names the user, no MFA is asked for.
    browser.start("").await;
    let preflight = browser
        .api(
            "POST",
            "/preflight/sign-in-passkey/authentication",
            json!({}),
        )
        .await
        .json();
    assert_eq!(
        preflight["authenticationOptions"]["allowCredentials"],
        json!([])
    );
    let challenge = text(&preflight, "/authenticationOptions/challenge");
    browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;
    let without_handle = authenticator.assert(&Ceremony::new(&challenge, ENDPOINT, "localhost"));
    let failed = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication/verify",
            json!({"payload": without_handle}),
        )
        .await;
    assert_eq!(failed.code(), "session.mfa.webauthn_verification_failed");
    // As in Logto, the preflight challenge stays: answering it again
    // verifies (a later record replaces the earlier).
    let ceremony = Ceremony {
        user_handle: Some(&user_handle),
        ..Ceremony::new(&challenge, ENDPOINT, "localhost")
    };
    let again = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication/verify",
            json!({"payload": authenticator.assert(&ceremony)}),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    let preflight = browser
        .api(
            "POST",
            "/preflight/sign-in-passkey/authentication",
            json!({}),
        )
        .await
        .json();
    let challenge = text(&preflight, "/authenticationOptions/challenge");
    let ceremony = Ceremony {
        user_handle: Some(&user_handle),
        ..Ceremony::new(&challenge, ENDPOINT, "localhost")
    };
    let verified = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication/verify",
            json!({"payload": authenticator.assert(&ceremony)}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    let identified = browser
        .api(
            "POST",
            "/identification",
            json!({"verificationId": verified.json()["verificationId"]}),
        )
        .await;
    assert_eq!(
        identified.status,
        StatusCode::NO_CONTENT,
        "{}",
        identified.text
    );
    assert!(browser.finish().await.contains("Signed in as demo"));

    // Identifier-first: only users with a passkey get options.
    browser.begin("SignIn").await;
    let none = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication",
            json!({"identifier": {"type": "username", "value": "alice"}}),
        )
        .await;
    assert_eq!(none.code(), "session.mfa.webauthn_verification_not_found");
    let options = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication",
            json!({"identifier": {"type": "username", "value": "demo"}}),
        )
        .await
        .json();
    let challenge = text(&options, "/authenticationOptions/challenge");
    // The expected origin is the request's own, whatever `Origin` says:
    // a client origin elsewhere fails, none at all is fine.
    let assertion = authenticator.assert(&Ceremony::new(
        &challenge,
        "https://elsewhere.example",
        "localhost",
    ));
    let failed = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication/verify",
            json!({"verificationId": options["verificationId"], "payload": assertion}),
        )
        .await;
    assert_eq!(failed.code(), "session.mfa.webauthn_verification_failed");
    browser.origin = None;
    let assertion = authenticator.assert(&Ceremony::new(&challenge, ENDPOINT, "localhost"));
    let verified = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication/verify",
            json!({"verificationId": options["verificationId"], "payload": assertion}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    browser
        .api(
            "POST",
            "/identification",
            json!({"verificationId": options["verificationId"]}),
        )
        .await;
    assert!(browser.finish().await.contains("Signed in as demo"));
}

#[tokio::test]
async fn passkeys_follow_the_settings() {
    // A seeded credential, passkey sign-in off and WebAuthn not an MFA factor.
    let authenticator = SoftAuthenticator::new();
    let mut config = config(json!({"mfa": {"factors": ["Totp"], "policy": "UserControlled"}}));
    config.users = logto_sim::users::parse_seed(
        &json!([{
            "id": "keyholder-id",
            "username": "keyholder",
            "password": "Demo-Passw0rd!",
            "webauthn": [{
                "credentialId": authenticator.id(),
                "publicKey": util::base64url(&authenticator.cose_public_key()),
                "transports": ["internal"],
            }],
        }])
        .to_string(),
    )
    .unwrap();
    let mut browser = Browser::new(config);
    browser.origin = Some(ENDPOINT.into());
    browser.begin("SignIn").await;
    let disabled = browser
        .api(
            "POST",
            "/verification/sign-in-passkey/authentication",
            json!({"identifier": {"type": "username", "value": "keyholder"}}),
        )
        .await;
    assert_eq!(
        disabled.code(),
        "session.mfa.webauthn_verification_not_found"
    );
    // A discoverable assertion verifies, but does not identify.
    let mut authenticator = authenticator;
    for (user_handle, code) in [
        (None, "session.mfa.webauthn_verification_failed"),
        (
            Some(b"someone-else".as_slice()),
            "session.mfa.webauthn_verification_failed",
        ),
        (Some(b"keyholder-id".as_slice()), ""),
    ] {
        let preflight = browser
            .api(
                "POST",
                "/preflight/sign-in-passkey/authentication",
                json!({}),
            )
            .await
            .json();
        let challenge = text(&preflight, "/authenticationOptions/challenge");
        let ceremony = Ceremony {
            user_handle,
            ..Ceremony::new(&challenge, ENDPOINT, "localhost")
        };
        let verified = browser
            .api(
                "POST",
                "/verification/sign-in-passkey/authentication/verify",
                json!({"payload": authenticator.assert(&ceremony)}),
            )
            .await;
        assert_eq!(verified.code(), code, "{}", verified.text);
        if code.is_empty() {
            let identified = browser
                .api(
                    "POST",
                    "/identification",
                    json!({"verificationId": verified.json()["verificationId"]}),
                )
                .await;
            assert_eq!(identified.code(), "user.sign_in_method_not_enabled");
        }
    }
    // Not an MFA factor here: a password sign-in is offered TOTP binding.
    let id = browser
        .api(
            "POST",
            "/verification/password",
            json!({"identifier": {"type": "username", "value": "keyholder"}, "password": "Demo-Passw0rd!"}),
        )
        .await
        .json()["verificationId"]
        .clone();
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    assert_eq!(
        browser.api("POST", "/submit", json!({})).await.code(),
        "user.suggest_mfa"
    );
    // Guard errors list every issue, in Logto's order.
    let guard = browser
        .api(
            "POST",
            "/verification/web-authn/registration/verify",
            json!({"payload": {"type": "WebAuthn"}}),
        )
        .await;
    assert_eq!(guard.code(), "guard.invalid_input");
    let paths: Vec<Value> = guard.json()["data"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["path"].clone())
        .collect();
    assert_eq!(
        paths,
        [
            json!(["verificationId"]),
            json!(["payload", "id"]),
            json!(["payload", "rawId"]),
            json!(["payload", "response"]),
            json!(["payload", "clientExtensionResults"]),
        ]
    );
    // Not identified: no registration options.
    browser
        .api("PUT", "", json!({"interactionEvent": "SignIn"}))
        .await;
    assert_eq!(
        browser
            .api("POST", "/verification/web-authn/registration", json!({}))
            .await
            .code(),
        "session.identifier_not_found"
    );
}

/// Signs `username` in with the password in the current interaction and
/// submits; returns the `redirectTo` path.
async fn password_submit(browser: &mut Browser, username: &str) -> String {
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
        .as_str()
        .unwrap()
        .to_string();
    browser
        .api("POST", "/identification", json!({"verificationId": id}))
        .await;
    let submit = browser.api("POST", "/submit", json!({})).await;
    assert_eq!(submit.status, StatusCode::OK, "{}", submit.text);
    let redirect = submit.json()["redirectTo"].as_str().unwrap().to_string();
    redirect.strip_prefix(ENDPOINT).unwrap().to_string()
}

#[tokio::test]
async fn third_party_apps_ask_for_consent_with_organizations() {
    let mut browser = Browser::new(config(json!({})));
    browser.app_id = Some("third-party-app".into());
    let start = browser
        .call(
            "GET",
            "/oidc/auth?client_id=third-party-app&scope=openid%20profile%20email%20urn%3Alogto%3Ascope%3Aorganizations%20read%3Areports&resource=https%3A%2F%2Fapi.example.com&state=s1",
            None,
        )
        .await;
    assert_eq!(start.location, "/sign-in?app_id=third-party-app");
    // No one signed in yet.
    let early = browser.call("GET", "/api/interaction/consent", None).await;
    assert_eq!(early.code(), "session.not_found");
    let resume = password_submit(&mut browser, "alice").await;
    let stop = browser.call("GET", &resume, None).await;
    assert_eq!(stop.location, "/consent?app_id=third-party-app");

    let info = browser
        .call("GET", "/api/interaction/consent", None)
        .await
        .json();
    assert_eq!(info["application"]["name"], "Acme Analytics");
    assert!(info["application"]["branding"]["logoUrl"]
        .as_str()
        .unwrap()
        .ends_with("/__sim/assets/third-party-logo.svg"));
    assert_eq!(info["user"]["username"], "alice");
    assert_eq!(
        info["missingOIDCScope"],
        json!(["profile", "email", "urn:logto:scope:organizations"])
    );
    assert_eq!(
        info["missingResourceScopes"][0]["resource"]["indicator"],
        "https://api.example.com"
    );
    assert_eq!(
        info["missingResourceScopes"][0]["scopes"][0]["name"],
        "read:reports"
    );
    let orgs: Vec<&str> = info["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|org| org["id"].as_str().unwrap())
        .collect();
    assert_eq!(orgs, ["org-acme", "org-globex"]);
    assert_eq!(info["redirectUri"], format!("{ENDPOINT}/demo-app/callback"));

    // Not a member: refused.
    let foreign = browser
        .call(
            "POST",
            "/api/interaction/consent",
            Some(json!({"organizationIds": ["org-unknown"]})),
        )
        .await;
    // `validateUserConsentOrganizationMembership`: 422.
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(foreign.code(), "organization.require_membership");
    let bad = browser
        .call(
            "POST",
            "/api/interaction/consent",
            Some(json!({"organizationIds": "org-acme"})),
        )
        .await;
    assert_eq!(bad.code(), "guard.invalid_input");
    let granted = browser
        .call(
            "POST",
            "/api/interaction/consent",
            Some(json!({"organizationIds": ["org-globex"]})),
        )
        .await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.text);
    let redirect = granted.json()["redirectTo"].as_str().unwrap().to_string();
    assert_eq!(redirect, format!("{ENDPOINT}{resume}"));
    let done = browser.call("GET", &resume, None).await;
    assert!(done.location.contains("code="), "{}", done.location);
    assert!(done.location.contains("state=s1"));

    // Granted once: the next sign-in skips the page.
    browser
        .call(
            "GET",
            "/oidc/auth?client_id=third-party-app&scope=openid%20profile",
            None,
        )
        .await;
    let resume = password_submit(&mut browser, "alice").await;
    let again = browser.call("GET", &resume, None).await;
    assert!(again.location.contains("code="), "{}", again.location);
}

#[tokio::test]
async fn access_control_denies_at_the_consent_page() {
    let mut browser = Browser::new(config(json!({})));
    browser.app_id = Some("restricted-app".into());
    browser
        .call("GET", "/oidc/auth?client_id=restricted-app", None)
        .await;
    let resume = password_submit(&mut browser, "demo").await;
    let stop = browser.call("GET", &resume, None).await;
    assert_eq!(stop.location, "/consent?app_id=restricted-app");
    let info = browser.call("GET", "/api/interaction/consent", None).await;
    assert_eq!(info.code(), "oidc.access_denied");
    let post = browser
        .call("POST", "/api/interaction/consent", Some(json!({})))
        .await;
    assert_eq!(post.code(), "oidc.access_denied");
    // First-party applications are consented without a page.
    browser.app_id = Some("demo-app".into());
    browser.start("&scope=openid%20profile").await;
    let resume = password_submit(&mut browser, "demo").await;
    let done = browser.call("GET", &resume, None).await;
    assert!(done.location.contains("code="), "{}", done.location);
}

#[tokio::test]
async fn devices_sign_in_with_a_user_code() {
    let mut browser = Browser::new(config(json!({})));
    let form = async |browser: &mut Browser, uri: &str, body: &str| {
        browser.raw("POST", uri, Body::from(body.to_string())).await
    };
    let issued = form(
        &mut browser,
        "/oidc/device/auth",
        "client_id=demo-app&scope=openid",
    )
    .await
    .json();
    let user_code = issued["user_code"].as_str().unwrap().to_string();
    let device_code = issued["device_code"].as_str().unwrap().to_string();
    assert_eq!(issued["verification_uri"], format!("{ENDPOINT}/device"));
    let unknown = form(&mut browser, "/oidc/device/auth", "client_id=nope").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);

    // `/device` goes through `/oidc/device` for the xsrf cookie.
    let first = browser.call("GET", "/device?app_id=demo-app", None).await;
    assert_eq!(first.location, "/oidc/device?app_id=demo-app");
    let input = browser.call("GET", &first.location, None).await;
    assert_eq!(input.location, "/device?app_id=demo-app");
    let xsrf = input.cookies[0]
        .split(';')
        .next()
        .unwrap()
        .strip_prefix("_logto_device_flow_xsrf=")
        .unwrap()
        .to_string();
    assert!(input.cookies[0].contains("path=/device"));

    let bad_xsrf = form(
        &mut browser,
        "/oidc/device",
        "confirm=yes&user_code=BCDF&xsrf=x",
    )
    .await;
    assert_eq!(bad_xsrf.json()["error"], "invalid_request");
    let empty = form(
        &mut browser,
        "/oidc/device",
        &format!("confirm=yes&user_code=&xsrf={xsrf}"),
    )
    .await;
    assert_eq!(empty.location, "/device?error=NoCodeError");
    let wrong = form(
        &mut browser,
        "/oidc/device?app_id=demo-app",
        &format!("confirm=yes&user_code=BBBB-BBBB&xsrf={xsrf}"),
    )
    .await;
    assert_eq!(
        wrong.location,
        "/device?app_id=demo-app&error=NotFoundError&input_code=BBBB-BBBB"
    );
    let pending = form(
        &mut browser,
        "/oidc/token",
        &format!("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code={device_code}"),
    )
    .await;
    assert_eq!(pending.json()["error"], "authorization_pending");

    let typed = user_code.to_lowercase().replace('-', " ");
    let accepted = form(
        &mut browser,
        "/oidc/device",
        &format!(
            "confirm=yes&user_code={}&xsrf={xsrf}",
            util::url_encode(&typed)
        ),
    )
    .await;
    assert_eq!(accepted.location, "/sign-in?app_id=demo-app");
    let resume = password_submit(&mut browser, "demo").await;
    let done = browser.call("GET", &resume, None).await;
    assert_eq!(done.location, "/device/success");
    assert!(done.cookies[0].contains("max-age=0"));
    let used = form(
        &mut browser,
        "/oidc/device",
        &format!("confirm=yes&user_code={user_code}&xsrf={xsrf}"),
    )
    .await;
    assert!(
        used.location.contains("error=AlreadyUsedError"),
        "{}",
        used.location
    );

    let tokens = form(
        &mut browser,
        "/oidc/token",
        &format!("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code={device_code}"),
    )
    .await
    .json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["sim_user"], "demo");
}

#[tokio::test]
async fn a_magic_link_for_someone_else_asks_to_switch_accounts() {
    let mut browser = Browser::new(config(json!({})));
    browser.start("").await;
    let resume = password_submit(&mut browser, "demo").await;
    assert!(browser
        .call("GET", &resume, None)
        .await
        .location
        .contains("code="));
    let token = browser
        .call(
            "POST",
            "/__sim/one-time-tokens",
            Some(json!({"email": "alice@example.com"})),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let link = browser
        .start(&format!(
            "&one_time_token={token}&login_hint=alice%40example.com"
        ))
        .await;
    assert_eq!(
        link.location,
        format!("/switch-account?login_hint=alice%40example.com&one_time_token={token}")
    );
    // The page shows who is signed in.
    let info = browser
        .call("GET", "/api/interaction/consent", None)
        .await
        .json();
    assert_eq!(info["user"]["username"], "demo");
    // Without a session the link goes to the sign-in page with its parameters.
    let mut fresh = Browser::new(config(json!({})));
    let link = fresh
        .start(&format!(
            "&one_time_token={token}&login_hint=alice%40example.com"
        ))
        .await;
    assert_eq!(
        link.location,
        format!("/sign-in?app_id=demo-app&login_hint=alice%40example.com&one_time_token={token}")
    );
}
