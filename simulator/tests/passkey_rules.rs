//! Passkey sign-in edge cases as Logto 1.42 answers them
//! (`verification-routes/web-authn-verification.ts`,
//! `classes/verifications/web-authn-verification.ts`).

mod common;

use axum::http::StatusCode;
use common::{config, Browser, ENDPOINT};
use logto_sim::{
    util,
    webauthn::{Ceremony, SoftAuthenticator},
};
use serde_json::json;

#[tokio::test]
async fn discoverable_passkey_edge_cases() {
    let mut known = SoftAuthenticator::new();
    let mut unknown = SoftAuthenticator::new();
    let mut config = config(json!({"passkeySignIn": {"enabled": true}}));
    config.users = logto_sim::users::parse_seed(
        &json!([{
            "id": "keyholder-id",
            "username": "keyholder",
            "webauthn": [{
                "credentialId": known.id(),
                "publicKey": util::base64url(&known.cose_public_key()),
            }],
        }])
        .to_string(),
    )
    .unwrap();
    let mut browser = Browser::new(config);
    browser.begin("SignIn").await;
    let verify = "/verification/sign-in-passkey/authentication/verify";
    let handle = b"keyholder-id".to_vec();

    // No preflight: nothing to verify against.
    let ceremony = Ceremony {
        user_handle: Some(&handle),
        ..Ceremony::new("bm8tY2hhbGxlbmdl", ENDPOINT, "localhost")
    };
    let none = browser
        .api("POST", verify, json!({"payload": known.assert(&ceremony)}))
        .await;
    assert_eq!(
        (none.status, none.code().as_str()),
        (
            StatusCode::NOT_FOUND,
            "session.verification_session_not_found"
        )
    );

    let preflight = browser
        .api(
            "POST",
            "/preflight/sign-in-passkey/authentication",
            json!({}),
        )
        .await
        .json();
    let challenge = preflight["authenticationOptions"]["challenge"]
        .as_str()
        .unwrap()
        .to_string();
    let ceremony = Ceremony {
        user_handle: Some(&handle),
        ..Ceremony::new(&challenge, ENDPOINT, "localhost")
    };
    // A credential nobody registered.
    let stranger = browser
        .api(
            "POST",
            verify,
            json!({"payload": unknown.assert(&ceremony)}),
        )
        .await;
    assert_eq!(
        (stranger.status, stranger.code().as_str()),
        (StatusCode::BAD_REQUEST, "session.identifier_not_found")
    );
    // Twice against the same challenge, without an `Origin` header: the
    // second record replaces the first.
    browser.origin = None;
    let first = browser
        .api("POST", verify, json!({"payload": known.assert(&ceremony)}))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let second = browser
        .api("POST", verify, json!({"payload": known.assert(&ceremony)}))
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await;
    let records = state.json()["verificationRecords"].clone();
    assert_eq!(records.as_array().unwrap().len(), 1);
    assert_eq!(records[0]["id"], second.json()["verificationId"]);
    let stale = browser
        .api(
            "POST",
            "/identification",
            json!({"verificationId": first.json()["verificationId"]}),
        )
        .await;
    assert_eq!(stale.code(), "session.verification_session_not_found");
}

/// `GET /interaction`'s `mfa` is Logto's `sanitizedMfaDataGuard`
/// (`classes/mfa.ts`): a staged WebAuthn credential shows whole, as
/// `bindWebAuthnGuard` (`registrationInfo` of
/// `classes/verifications/web-authn-verification.ts`), and the
/// `additionalBindingSuggestionSkipped` flag is not shown.
#[tokio::test]
async fn staged_webauthn_credentials_show_in_the_interaction() {
    let mut browser = Browser::new(config(json!({
        "mfa": {"factors": ["WebAuthn"], "policy": "UserControlled"},
    })));
    browser.user_agent = Some("Mozilla/5.0 (sim test)".into());
    let mut authenticator = SoftAuthenticator::new();
    browser.begin("SignIn").await;
    let password = browser
        .api(
            "POST",
            "/verification/password",
            json!({"identifier": {"type": "username", "value": "demo"},
                   "password": "Demo-Passw0rd!"}),
        )
        .await
        .json();
    browser
        .api(
            "POST",
            "/identification",
            json!({"verificationId": password["verificationId"]}),
        )
        .await;
    let options = browser
        .api("POST", "/verification/web-authn/registration", json!({}))
        .await
        .json();
    let id = options["verificationId"].as_str().unwrap().to_string();
    let challenge = options["registrationOptions"]["challenge"]
        .as_str()
        .unwrap()
        .to_string();
    let ceremony = Ceremony::new(&challenge, ENDPOINT, "localhost");
    let verified = browser
        .api(
            "POST",
            "/verification/web-authn/registration/verify",
            json!({"verificationId": id, "payload": authenticator.register(&ceremony)}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    for (path, body) in [
        (
            "/profile/mfa",
            json!({"type": "WebAuthn", "verificationId": id}),
        ),
        ("/profile/mfa/mfa-suggestion-skipped", json!({})),
    ] {
        let response = browser.api("POST", path, body).await;
        assert_eq!(
            response.status,
            StatusCode::NO_CONTENT,
            "{path}: {}",
            response.text
        );
    }
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await
        .json();
    assert_eq!(
        state["mfa"],
        json!({
            "mfaEnabled": true,
            "webAuthn": [{
                "type": "WebAuthn",
                "rpId": "localhost",
                "credentialId": authenticator.id(),
                "publicKey": util::base64url(&authenticator.cose_public_key()),
                "transports": ["internal"],
                "counter": 1,
                "agent": "Mozilla/5.0 (sim test)",
            }],
        })
    );
    // The credential is bound at submit.
    assert!(browser.finish().await.contains("Signed in as demo"));
}
