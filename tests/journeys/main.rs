//! The journeys, natively, against the simulator in process: the main proof
//! of the page's flow logic (the browser suite proves rendering, delivery
//! and browser APIs). Each test runs a journey over an in-process transport
//! and an in-memory session, and checks its outcome, the calls' effects and
//! what the session keeps.
#![cfg(not(target_arch = "wasm32"))]

mod binding;
mod faults;
mod harness;
mod linking;
mod links;
mod one_tap;
mod trust;

use harness::{Sim, ENDPOINT};
use logto_experience::{
    api::{
        webauthn::Base64UrlSafeData, ErrorCode, Identifier, InteractionEvent, ProfileRequest,
        SignInIdentifier, WebAuthnAuthenticationResponse, WebAuthnPayload,
    },
    journeys::{CodeFlow, Field, Journeys, Key, NextStep, Outcome, Provider, Route},
};
use logto_sim::{
    mfa::totp_now,
    users::SeedUser,
    webauthn::{Ceremony, SoftAuthenticator},
};
use serde_json::{json, Value};

fn username(value: &str) -> Identifier {
    Identifier::new(SignInIdentifier::Username, value)
}

fn email(value: &str) -> Identifier {
    Identifier::new(SignInIdentifier::Email, value)
}

const PASSWORD: &str = "Demo-Passw0rd!";

/// The application's address the journey left for.
fn leave_url(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Leave(url) => url,
        other => panic!("expected to leave, got {other:?}"),
    }
}

/// The question the journey asks.
fn asked(outcome: &Outcome) -> &NextStep {
    match outcome {
        Outcome::Ask { step, .. } => step,
        other => panic!("expected a question, got {other:?}"),
    }
}

fn assert_fails_with(outcome: &Outcome, code: ErrorCode) {
    match outcome {
        Outcome::Fail { error, .. } | Outcome::Ask { error, .. } => {
            assert_eq!(error.code(), Some(&code), "{outcome:?}")
        }
        other => panic!("expected {code}, got {other:?}"),
    }
}

#[tokio::test]
async fn password_sign_in_leaves_for_the_application_and_clears_the_session() {
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    journeys.session.set(Key::AppId, Some("demo-app"));
    let prestart = journeys.prestart();
    let outcome = journeys
        .sign_in_with_password(Some(prestart), username("demo"), PASSWORD.into(), None)
        .await;
    let url = leave_url(&outcome);
    assert!(url.starts_with("http://localhost:8080/oidc/auth/"), "{url}");
    assert_eq!(
        sim.calls(),
        [
            "PUT /api/experience",
            "POST /api/experience/verification/password",
            "POST /api/experience/identification",
            "POST /api/experience/submit"
        ]
    );
    // The interaction's keys are gone; the tab's query stays.
    assert_eq!(journeys.session.keys(), ["app_id"]);
    assert_eq!(sim.follow(url).await, "Signed in as demo");
}

#[tokio::test]
async fn a_wrong_password_fails_at_the_form_and_is_not_kept() {
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    let outcome = journeys
        .sign_in_with_password(None, username("demo"), "wrong".into(), None)
        .await;
    assert_fails_with(&outcome, ErrorCode::SessionInvalidCredentials);
    let Outcome::Fail { clear, .. } = outcome else {
        unreachable!()
    };
    assert!(clear, "a refused password is cleared");
    // The identifier is kept for the next try; never the password.
    assert_eq!(journeys.session.identifier(), Some(username("demo")));
    assert!(sim
        .stored_values()
        .iter()
        .all(|value| !value.contains("wrong")));
}

#[tokio::test]
async fn a_suspended_account_goes_to_its_page() {
    let sim = Sim::new("username-password").await;
    let outcome = sim
        .journeys()
        .sign_in_with_password(None, username("suspended_demo"), PASSWORD.into(), None)
        .await;
    assert_eq!(outcome, Outcome::Go("/account-suspended".into()));
}

#[tokio::test]
async fn an_expired_password_asks_before_the_reset() {
    let sim = Sim::new("password-expiration").await;
    let outcome = sim
        .journeys()
        .sign_in_with_password(None, username("expired_demo"), PASSWORD.into(), None)
        .await;
    let Outcome::Ask { step, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(step, NextStep::PasswordExpired { reset: true });
}

#[tokio::test]
async fn mfa_after_the_password_opens_the_factor_and_keeps_the_factors() {
    let sim = Sim::new("mfa-mandatory").await;
    let journeys = sim.journeys();
    let outcome = journeys
        .sign_in_with_password(None, username("mfa_demo"), PASSWORD.into(), None)
        .await;
    let Outcome::Go(route) = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(
        matches!(route, Route::MfaVerification(Some(_))),
        "{route:?}"
    );
    assert!(!journeys.session.mfa_factors().is_empty());
}

#[tokio::test]
async fn code_sign_in_sends_verifies_and_leaves() {
    let sim = Sim::new("email-password-code").await;
    let journeys = sim.journeys();
    let outcome = journeys
        .send_code(
            CodeFlow::SignIn,
            email("alice@example.com"),
            "/sign-in",
            None,
            false,
        )
        .await;
    assert_eq!(outcome, Outcome::Go("/sign-in/verification-code".into()));
    let pending = journeys.session.pending_code().expect("the pending code");
    assert_eq!(pending.identifier, email("alice@example.com"));
    assert_eq!(journeys.session.event(), InteractionEvent::SignIn);

    let wrong = journeys.verify_code("000000".into()).await;
    assert!(
        matches!(
            wrong,
            Outcome::Fail {
                field: Field::Code,
                clear: true,
                ..
            }
        ),
        "{wrong:?}"
    );
    let code = sim.code_for("alice@example.com").await;
    let outcome = journeys.verify_code(code).await;
    let url = leave_url(&outcome);
    assert_eq!(sim.follow(url).await, "Signed in as alice");
    assert!(journeys.session.pending_code().is_none());
}

#[tokio::test]
async fn resending_replaces_the_pending_code() {
    let sim = Sim::new("email-password-code").await;
    let journeys = sim.journeys();
    journeys
        .send_code(
            CodeFlow::SignIn,
            email("alice@example.com"),
            "/sign-in",
            None,
            false,
        )
        .await;
    let first = journeys.session.pending_code().unwrap();
    let resent = journeys.resend_code().await.expect("resent");
    assert_ne!(resent.verification_id, first.verification_id);
    assert_eq!(journeys.session.pending_code(), Some(resent));
    let code = sim.code_for("alice@example.com").await;
    assert!(matches!(
        journeys.verify_code(code).await,
        Outcome::Leave(_)
    ));
}

#[tokio::test]
async fn an_unknown_address_asks_to_create_an_account_then_registers_it() {
    let sim = Sim::new("email-password-code").await;
    let journeys = sim.journeys();
    journeys
        .send_code(
            CodeFlow::SignIn,
            email("newcomer@example.com"),
            "/sign-in",
            None,
            false,
        )
        .await;
    let code = sim.code_for("newcomer@example.com").await;
    let outcome = journeys.verify_code(code).await;
    let step = asked(&outcome);
    assert!(matches!(step, NextStep::CreateAccount { .. }), "{step:?}");
    let verification = journeys.session.pending_code().map(|p| p.verification_id);
    let outcome = journeys
        .switch_and_finish(InteractionEvent::Register, verification)
        .await;
    // The registration asks for the password the settings require.
    assert_eq!(outcome, Outcome::Go("/continue/password".into()));
    assert_eq!(journeys.session.event(), InteractionEvent::Register);
}

#[tokio::test]
async fn the_eleventh_code_to_one_address_is_rate_limited() {
    let sim = Sim::new("email-password-code").await;
    let journeys = sim.journeys();
    let mut last = None;
    for _ in 0..11 {
        last = Some(
            journeys
                .send_code(
                    CodeFlow::SignIn,
                    email("alice@example.com"),
                    "/sign-in",
                    None,
                    false,
                )
                .await,
        );
    }
    assert_fails_with(&last.unwrap(), ErrorCode::RequestMessageRateLimited);
}

#[tokio::test]
async fn a_redirect_that_is_not_a_web_address_is_refused() {
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    assert_eq!(
        journeys.leave("javascript:alert(1)"),
        Outcome::RedirectRefused("javascript:alert(1)".into())
    );
}

#[tokio::test]
async fn without_an_interaction_the_session_is_expired() {
    let sim = Sim::without_interaction("username-password").await;
    let journeys = sim.journeys();
    journeys.session.remember_identifier(&username("demo"));
    let outcome = journeys
        .sign_in_with_password(None, username("demo"), PASSWORD.into(), None)
        .await;
    assert_eq!(outcome, Outcome::Go("/unknown-session".into()));
    assert!(journeys.session.keys().is_empty(), "cleared");
}

/// A user with a password, one WebAuthn credential of `key` and, with
/// `backup`, backup codes (Logto asks for those when they are enabled and
/// missing).
fn user_with_key(username: &str, key: &SoftAuthenticator, backup: bool) -> SeedUser {
    let cose = key.cose_public_key();
    let backup_codes: &[&str] = if backup { &["k1k2k3k4k5"] } else { &[] };
    serde_json::from_value(json!({
        "id": format!("{username}-id"),
        "username": username,
        "password": PASSWORD,
        "backupCodes": backup_codes,
        "webauthn": [{
            "credentialId": key.id(),
            "publicKey": logto_sim::util::base64url(&cose),
        }],
    }))
    .unwrap()
}

/// The challenge of typed options, base64url, as the ceremony signs it.
fn challenge_of(challenge: &Base64UrlSafeData) -> String {
    logto_sim::util::base64url(challenge)
}

/// The software authenticator's JSON as the page's typed credential (its
/// decoding is the check that the two agree).
fn typed(payload: Value) -> WebAuthnPayload {
    serde_json::from_value(payload).expect("a WebAuthn result")
}

#[tokio::test]
async fn totp_after_the_password_signs_in() {
    let sim = Sim::new("mfa-mandatory").await;
    let journeys = sim.journeys();
    journeys
        .sign_in_with_password(None, username("mfa_demo"), PASSWORD.into(), None)
        .await;
    let wrong = journeys.verify_totp("000000".into(), false).await;
    assert!(matches!(wrong, Outcome::Fail { .. }), "{wrong:?}");
    let code = totp_now("JBSWY3DPEHPK3PXP").unwrap();
    let outcome = journeys.verify_totp(code, false).await;
    let url = leave_url(&outcome);
    assert_eq!(sim.follow(url).await, "Signed in as mfa_demo");
    assert!(journeys.session.mfa_factors().is_empty(), "cleared");
}

#[tokio::test]
async fn a_backup_code_signs_in_once() {
    let sim = Sim::new("mfa-mandatory").await;
    let journeys = sim.journeys();
    journeys
        .sign_in_with_password(None, username("mfa_demo"), PASSWORD.into(), None)
        .await;
    let outcome = journeys.verify_backup_code("a1b2c3d4e5".into()).await;
    assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");

    let again = Sim::new("mfa-mandatory").await;
    let journeys = again.journeys();
    journeys
        .sign_in_with_password(None, username("mfa_demo"), PASSWORD.into(), None)
        .await;
    let unused = journeys.verify_backup_code("zzzzzzzzzz".into()).await;
    assert!(matches!(unused, Outcome::Fail { .. }), "{unused:?}");
}

#[tokio::test]
async fn webauthn_as_the_second_factor() {
    let mut key = SoftAuthenticator::new();
    let sim = Sim::with_more_users(
        "mfa-mandatory",
        vec![user_with_key("key_holder", &key, true)],
    )
    .await;
    let journeys = sim.journeys();
    let outcome = journeys
        .sign_in_with_password(None, username("key_holder"), PASSWORD.into(), None)
        .await;
    assert_eq!(outcome, Outcome::Go("/mfa-verification/WebAuthn".into()));
    let prepared = journeys.prepare_web_authn().await.expect("options");
    let challenge = challenge_of(&prepared.authentication_options.challenge);
    let payload = typed(key.assert(&Ceremony::new(&challenge, ENDPOINT, "localhost")));
    let outcome = journeys.verify_web_authn(prepared, payload, false).await;
    assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");
}

#[tokio::test]
async fn a_passkey_signs_in_from_the_landing_page() {
    let mut key = SoftAuthenticator::new();
    let user = user_with_key("passkey_holder", &key, false);
    let sim = Sim::with_more_users("passkey-sign-in", vec![user]).await;
    let journeys = sim.journeys();
    let preflight = journeys.passkey_preflight().await.expect("preflight");
    let challenge = challenge_of(&preflight.authentication_options.challenge);
    let mut ceremony = Ceremony::new(&challenge, ENDPOINT, "localhost");
    ceremony.user_handle = Some(b"passkey_holder-id");
    let outcome = journeys
        .sign_in_with_passkey(None, typed(key.assert(&ceremony)))
        .await;
    // With MFA up to the user, Logto suggests a factor beside the passkey.
    assert_eq!(outcome, Outcome::Go("/mfa-binding".into()));
    let binding = journeys.session.mfa_binding().expect("the suggestion");
    assert!(binding.suggestion && binding.skippable, "{binding:?}");
    // Skipped: backup codes come next, since they are enabled and the
    // passkey is the only factor (Logto's order of checks).
    let outcome = journeys.skip_mfa(true).await;
    assert_eq!(outcome, Outcome::Go("/mfa-binding/BackupCode".into()));
}

#[tokio::test]
async fn an_identifier_first_passkey_challenge_is_kept_for_its_page() {
    let mut key = SoftAuthenticator::new();
    let sim = Sim::with_more_users("passkey-sign-in", vec![user_with_key("pk", &key, false)]).await;
    let journeys = sim.journeys();
    let challenge = journeys
        .passkey_challenge(&username("pk"))
        .await
        .expect("the person's passkeys");
    // Kept as it came (the options' types have no `PartialEq`: compared
    // through their JSON).
    let kept: Option<WebAuthnAuthenticationResponse> = journeys.session.get_json(Key::Passkey);
    assert_eq!(
        kept.map(|kept| serde_json::to_value(kept).unwrap()),
        Some(serde_json::to_value(&challenge).unwrap())
    );
    assert!(journeys.has_passkey(), "the switches offer the passkey");
    let options = challenge_of(&challenge.authentication_options.challenge);
    let payload = typed(key.assert(&Ceremony::new(&options, ENDPOINT, "localhost")));
    let outcome = journeys
        .sign_in_with_passkey(Some(challenge.verification_id), payload)
        .await;
    assert_eq!(outcome, Outcome::Go("/mfa-binding".into()));
    // Someone without a passkey: the page falls back silently.
    let none = journeys.passkey_challenge(&username("demo")).await;
    assert!(none.is_err());
    // ... and the previous identifier's challenge does not count for them.
    assert!(!journeys.has_passkey());
}

#[tokio::test]
async fn passkeys_after_the_identifier_open_their_page_or_fall_back_silently() {
    let key = SoftAuthenticator::new();
    let sim = Sim::with_more_users("passkey-sign-in", vec![user_with_key("pk", &key, false)]).await;
    let journeys = sim.journeys();
    assert_eq!(
        journeys.passkey_first(&username("pk")).await,
        Some(Outcome::Go(Route::SignInPasskey))
    );
    assert!(journeys
        .session
        .get_json::<serde_json::Value>(Key::Passkey)
        .is_some());
    assert_eq!(journeys.passkey_first(&username("demo")).await, None);
    assert_eq!(journeys.session.identifier(), Some(username("demo")));
}

const CALLBACK: &str = "http://localhost:8080/callback/mock-social";

/// To the mock provider and back, as the person `account` there.
async fn round_trip(sim: &Sim, journeys: &Journeys, account: &str) -> Outcome {
    let url = journeys
        .start_with_provider("mock-social", Provider::Social, "s".into(), CALLBACK.into())
        .await
        .expect("the provider's address");
    let answer = sim.provider_answers(&url, account).await;
    journeys
        .finish_with_provider("mock-social", &answer, CALLBACK)
        .await
}

#[tokio::test]
async fn a_linked_social_account_signs_in_and_a_forged_callback_is_refused() {
    let sim = Sim::new("social").await;
    let journeys = sim.journeys();
    let url = journeys
        .start_with_provider(
            "mock-social",
            Provider::Social,
            "s-1".into(),
            CALLBACK.into(),
        )
        .await
        .expect("the provider's address");
    let answer = sim.provider_answers(&url, "sub=mock-user-1").await;
    // A callback with another state is never verified, and spends the kept
    // one.
    let forged: Vec<_> = answer
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                if k == "state" {
                    "s-2".into()
                } else {
                    v.clone()
                },
            )
        })
        .collect();
    let outcome = journeys
        .finish_with_provider("mock-social", &forged, CALLBACK)
        .await;
    assert_eq!(outcome, Outcome::ForgedCallback);
    assert!(!sim.calls().iter().any(|call| call.contains("/verify")));
    let replayed = journeys
        .finish_with_provider("mock-social", &answer, CALLBACK)
        .await;
    assert_eq!(replayed, Outcome::ForgedCallback, "a state is good once");

    // Again, properly.
    let outcome = round_trip(&sim, &journeys, "sub=mock-user-1").await;
    let url = leave_url(&outcome);
    assert_eq!(sim.follow(url).await, "Signed in as social_demo");
    assert!(
        journeys.session.keys().is_empty(),
        "{:?}",
        journeys.session.keys()
    );
}

#[tokio::test]
async fn a_new_social_identity_registers() {
    let sim = Sim::new("social").await;
    let journeys = sim.journeys();
    let outcome = round_trip(
        &sim,
        &journeys,
        "sub=new-person&email=fresh%40example.com&name=Fresh",
    )
    .await;
    let step = asked(&outcome);
    assert_eq!(step, &NextStep::RegisterIdentity);
    let outcome = journeys.register_identity().await;
    let url = leave_url(&outcome);
    assert!(sim.follow(url).await.starts_with("Signed in as"));
}

#[tokio::test]
async fn a_social_identity_with_a_known_email_links_to_that_account() {
    let sim = Sim::new("social").await;
    let journeys = sim.journeys();
    let outcome = round_trip(
        &sim,
        &journeys,
        "sub=alice-elsewhere&email=alice%40example.com",
    )
    .await;
    let step = asked(&outcome);
    assert!(matches!(step, NextStep::LinkSocial { .. }), "{step:?}");
    let outcome = journeys.link_identity().await;
    let url = leave_url(&outcome);
    assert_eq!(sim.follow(url).await, "Signed in as alice");
}

#[tokio::test]
async fn a_username_registration_sets_its_password_on_the_next_page() {
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    let taken = journeys
        .register_username(username("demo"), true, None)
        .await;
    assert_fails_with(&taken, ErrorCode::UserUsernameAlreadyInUse);
    let outcome = journeys
        .register_username(username("newbie"), true, None)
        .await;
    assert_eq!(outcome, Outcome::Go("/register/password".into()));
    assert_eq!(journeys.session.identifier(), Some(username("newbie")));
    let outcome = journeys
        .fill_profile(ProfileRequest::Password {
            value: "Newbie-Passw0rd!9".into(),
        })
        .await;
    let url = leave_url(&outcome);
    assert_eq!(sim.follow(url).await, "Signed in as newbie");
}

#[tokio::test]
async fn a_password_reset_by_email_then_signs_in_with_the_new_password() {
    let sim = Sim::new("email-password-code").await;
    let journeys = sim.journeys();
    let outcome = journeys
        .send_code(
            CodeFlow::ForgotPassword,
            email("alice@example.com"),
            "/forgot-password",
            None,
            false,
        )
        .await;
    assert_eq!(
        outcome,
        Outcome::Go("/forgot-password/verification-code".into())
    );
    let code = sim.code_for("alice@example.com").await;
    let outcome = journeys.verify_code(code).await;
    assert_eq!(outcome, Outcome::Go("/forgot-password/reset".into()));
    let same = journeys.reset_password(PASSWORD.into()).await;
    assert_fails_with(&same, ErrorCode::UserSamePassword);
    let outcome = journeys.reset_password("Fresh-Passw0rd!7".into()).await;
    assert_eq!(outcome, Outcome::PasswordReset);
    let outcome = journeys
        .sign_in_with_password(
            None,
            email("alice@example.com"),
            "Fresh-Passw0rd!7".into(),
            None,
        )
        .await;
    assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");
}

/// `social` with terms the person must agree to (`policy`).
async fn social_with_terms(policy: &str) -> Sim {
    Sim::with_settings(
        "social",
        json!({
            "termsOfUseUrl": "https://example.com/terms",
            "privacyPolicyUrl": "https://example.com/privacy",
            "agreeToTermsPolicy": policy,
        }),
    )
    .await
}

#[tokio::test]
async fn under_manual_terms_nobody_registers_without_agreeing() {
    let sim = social_with_terms("Manual").await;
    let journeys = sim.journeys();
    let outcome = round_trip(&sim, &journeys, "sub=no-terms&email=no.terms%40example.com").await;
    assert_eq!(asked(&outcome), &NextStep::RegisterIdentity);
    // Not agreed (the SSO link, /direct, another tab): nothing is sent.
    let before = sim.calls().len();
    assert_eq!(journeys.register_identity().await, Outcome::TermsRequired);
    assert_eq!(sim.calls().len(), before, "{:?}", sim.calls());
    // A code registration and a username registration wait likewise.
    let code = journeys
        .send_code(
            CodeFlow::Register,
            email("x@example.com"),
            "/register",
            None,
            false,
        )
        .await;
    assert_eq!(code, Outcome::TermsRequired);
    let username_registration = journeys
        .register_username(username("no_terms"), true, None)
        .await;
    assert_eq!(username_registration, Outcome::TermsRequired);
    assert_eq!(sim.calls().len(), before);
    // Agreed: the identity registers.
    journeys.session.agree_to_terms(true);
    let outcome = journeys.register_identity().await;
    let url = leave_url(&outcome);
    assert!(sim.follow(url).await.starts_with("Signed in as"));
    // The agreement belonged to that interaction.
    assert!(!journeys.session.terms_agreed());
}

#[tokio::test]
async fn registration_only_terms_stop_a_code_sign_in_becoming_a_registration() {
    let sim = social_with_terms("ManualRegistrationOnly").await;
    let journeys = sim.journeys();
    journeys
        .send_code(
            CodeFlow::SignIn,
            email("later@example.com"),
            "/sign-in",
            None,
            false,
        )
        .await;
    let code = sim.code_for("later@example.com").await;
    let outcome = journeys.verify_code(code).await;
    assert!(matches!(asked(&outcome), NextStep::CreateAccount { .. }));
    let verification = journeys.session.pending_code().map(|p| p.verification_id);
    let refused = journeys
        .switch_and_finish(InteractionEvent::Register, verification.clone())
        .await;
    assert_eq!(refused, Outcome::TermsRequired);
    assert_eq!(
        journeys.session.event(),
        InteractionEvent::SignIn,
        "not switched"
    );
    journeys.session.agree_to_terms(true);
    let outcome = journeys
        .switch_and_finish(InteractionEvent::Register, verification)
        .await;
    let url = leave_url(&outcome);
    assert!(sim.follow(url).await.starts_with("Signed in as"));
}

#[tokio::test]
async fn automatic_terms_or_no_document_ask_nothing() {
    for (policy, terms_url) in [("Automatic", "https://example.com/terms"), ("Manual", "")] {
        let sim = Sim::with_settings(
            "social",
            json!({ "termsOfUseUrl": terms_url, "privacyPolicyUrl": null, "agreeToTermsPolicy": policy }),
        )
        .await;
        let journeys = sim.journeys();
        let outcome = round_trip(&sim, &journeys, "sub=auto&email=auto%40example.com").await;
        assert_eq!(asked(&outcome), &NextStep::RegisterIdentity);
        let outcome = journeys.register_identity().await;
        assert!(
            matches!(outcome, Outcome::Leave(_)),
            "{policy}: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn the_provider_answering_in_a_new_view_still_signs_in_once() {
    let sim = Sim::new("social").await;
    let first_tab = sim.journeys();
    let url = first_tab
        .start_with_provider(
            "mock-social",
            Provider::Social,
            "s-9".into(),
            CALLBACK.into(),
        )
        .await
        .expect("the provider's address");
    let answer = sim.provider_answers(&url, "sub=mock-user-1").await;
    // The answer opens in a view without the first tab's session storage.
    let new_view = sim.journeys_in_new_tab();
    assert_eq!(new_view.session.keys(), Vec::<String>::new());
    let outcome = new_view
        .finish_with_provider("mock-social", &answer, CALLBACK)
        .await;
    let url = leave_url(&outcome);
    assert_eq!(sim.follow(url).await, "Signed in as social_demo");
    // The copy was good once: gone from local storage, a replay is refused.
    assert!(
        sim.local_storage_keys().is_empty(),
        "{:?}",
        sim.local_storage_keys()
    );
    let replay = sim.journeys_in_new_tab();
    assert_eq!(
        replay
            .finish_with_provider("mock-social", &answer, CALLBACK)
            .await,
        Outcome::ForgedCallback
    );
}

#[tokio::test]
async fn a_new_view_still_checks_the_state_strictly() {
    let sim = Sim::new("social").await;
    let url = sim
        .journeys()
        .start_with_provider(
            "mock-social",
            Provider::Social,
            "s-10".into(),
            CALLBACK.into(),
        )
        .await
        .expect("the provider's address");
    let answer = sim.provider_answers(&url, "sub=mock-user-1").await;
    let forged: Vec<_> = answer
        .iter()
        .cloned()
        .map(|(k, v)| {
            if k == "state" {
                (k, "forged".into())
            } else {
                (k, v)
            }
        })
        .collect();
    let new_view = sim.journeys_in_new_tab();
    let outcome = new_view
        .finish_with_provider("mock-social", &forged, CALLBACK)
        .await;
    assert_eq!(outcome, Outcome::ForgedCallback);
    assert!(!sim.calls().iter().any(|call| call.contains("/verify")));
    // A forged state finds no copy: the genuine answer still signs in.
    let outcome = sim
        .journeys_in_new_tab()
        .finish_with_provider("mock-social", &answer, CALLBACK)
        .await;
    assert_eq!(
        sim.follow(leave_url(&outcome)).await,
        "Signed in as social_demo"
    );
}

#[tokio::test]
async fn a_mismatched_state_in_the_tab_never_falls_back() {
    let sim = Sim::new("social").await;
    let tab = sim.journeys();
    let url = tab
        .start_with_provider(
            "mock-social",
            Provider::Social,
            "s-11".into(),
            CALLBACK.into(),
        )
        .await
        .expect("the provider's address");
    let answer = sim.provider_answers(&url, "sub=mock-user-1").await;
    // This tab kept another state (a second round trip started since):
    // the answer is refused even though a copy for its state exists.
    tab.session.remember_social_state("mock-social", "s-12");
    assert_eq!(
        tab.finish_with_provider("mock-social", &answer, CALLBACK)
            .await,
        Outcome::ForgedCallback
    );
    assert!(!sim.calls().iter().any(|call| call.contains("/verify")));
}

#[tokio::test]
async fn the_fallback_is_logtos_copy_restores_the_query_and_expires() {
    let sim = Sim::new("social").await;
    let tab = sim.journeys();
    tab.session.set(Key::AppId, Some("demo-app"));
    tab.session.set(Key::UiLocales, Some("fr"));
    // A copy left by an abandoned round trip, expired: swept by the start.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as f64;
    let stale = json!({
        "state": "old", "flow": "social", "connectorId": "mock-social",
        "verificationId": "v-old", "createdAt": now - 700_000.0, "expiresAt": now - 100_000.0,
    })
    .to_string();
    let old_key = "logto:redirect-context:fallback:old";
    sim.local_storage_set(old_key, &stale);
    let url = tab
        .start_with_provider(
            "mock-social",
            Provider::Social,
            "s-13".into(),
            CALLBACK.into(),
        )
        .await
        .expect("the provider's address");
    // Logto's key and shape, nothing secret in it.
    let key = "logto:redirect-context:fallback:s-13";
    assert_eq!(sim.local_storage_keys(), vec![key.to_owned()]);
    let copy: Value = serde_json::from_str(&sim.local_storage_get(key).expect("the copy")).unwrap();
    let fields: Vec<&str> = copy
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        [
            "appId",
            "connectorId",
            "createdAt",
            "expiresAt",
            "flow",
            "state",
            "uiLocales",
            "verificationId"
        ]
    );
    assert_eq!(copy["flow"], "social");
    assert_eq!(
        copy["expiresAt"].as_f64().unwrap() - copy["createdAt"].as_f64().unwrap(),
        600_000.0
    );
    let answer = sim.provider_answers(&url, "sub=mock-user-1").await;

    // An expired copy is refused (and removed).
    sim.local_storage_set(old_key, &stale);
    let old_answer: Vec<_> = answer
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                if k == "state" {
                    "old".into()
                } else {
                    v.clone()
                },
            )
        })
        .collect();
    assert_eq!(
        sim.journeys_in_new_tab()
            .finish_with_provider("mock-social", &old_answer, CALLBACK)
            .await,
        Outcome::ForgedCallback
    );
    assert!(sim.local_storage_get(old_key).is_none());

    // A new view gets the sign-in's query back and signs in.
    let view = sim.journeys_in_new_tab();
    let outcome = view
        .finish_with_provider("mock-social", &answer, CALLBACK)
        .await;
    assert_eq!(
        sim.follow(leave_url(&outcome)).await,
        "Signed in as social_demo"
    );
    assert_eq!(view.session.get(Key::AppId).as_deref(), Some("demo-app"));
    assert_eq!(view.session.get(Key::UiLocales).as_deref(), Some("fr"));
    assert!(sim.local_storage_keys().is_empty());
}

/// Inside a native app's webview: the round trip starts as in a browser,
/// the app is handed the provider's page and where to bring the answer
/// back (`/callback/social/<id>`), and that answer signs in.
#[tokio::test]
async fn a_native_app_is_handed_the_sign_in_and_its_return_signs_in() {
    use logto_experience::journeys::NativeSdk;
    // The connector as core lists it (the simulator's public settings).
    let patch = json!({
        "socialConnectors": [{
            "id": "mock-wechat-native", "target": "mock-wechat", "name": {"en": "Mock WeChat"},
            "logo": "", "logoDark": null, "platform": "Native",
        }],
        "socialSignInConnectorTargets": ["mock-social", "mock-wechat"],
    });
    let sim = Sim::patched("social", patch).await;
    let journeys = sim.journeys();
    let connector = journeys
        .settings
        .social_connectors
        .iter()
        .find(|connector| connector.id == "mock-wechat-native")
        .expect("the Native connector")
        .clone();
    let sdk = NativeSdk {
        platform: "android".into(),
        callback_link: None,
        can_post: true,
        universal: false,
        native_targets: vec!["mock-wechat".into()],
    };
    let page = "http://localhost:8080";
    let message = journeys
        .start_in_native_app(&connector, &sdk, "st-native".into(), page)
        .await
        .expect("the message for the app");
    assert_eq!(
        message.callback_uri,
        "http://localhost:8080/callback/social/mock-wechat-native"
    );
    assert!(
        message
            .redirect_to
            .contains("/__sim/mock-idp/mock-wechat-native?state=st-native"),
        "{}",
        message.redirect_to
    );
    let answer = sim
        .provider_answers(&message.redirect_to, "sub=mock-user-1")
        .await;
    let outcome = journeys
        .finish_with_provider(
            "mock-wechat-native",
            &answer,
            "http://localhost:8080/callback/mock-wechat-native",
        )
        .await;
    assert_ne!(outcome, Outcome::ForgedCallback);
    assert!(sim
        .calls()
        .iter()
        .any(|call| call.ends_with("/social/mock-wechat-native/verify")));
}
