//! Binding a second factor (and a passkey) when the server asks for one.

use logto_experience::{
    api::MfaFactor,
    journeys::{CodeFlow, NewCredential, Outcome, Route},
};
use logto_sim::{
    mfa::totp_now,
    webauthn::{Ceremony, SoftAuthenticator},
};
use serde_json::json;

use super::{challenge_of, email, leave_url, typed, username, Sim, ENDPOINT, PASSWORD};

/// Signs `who` in with the password: the outcome of that.
async fn password(sim: &Sim, who: &str) -> Outcome {
    sim.journeys()
        .sign_in_with_password(None, username(who), PASSWORD.into(), None)
        .await
}

fn go(route: Route) -> Outcome {
    Outcome::Go(route)
}

#[tokio::test]
async fn an_authenticator_app_then_backup_codes_then_a_backup_code_signs_in() {
    let sim = Sim::new("mfa-mandatory").await;
    let journeys = sim.journeys();
    assert_eq!(password(&sim, "demo").await, go(Route::MfaBinding(None)));
    let binding = journeys
        .session
        .mfa_binding()
        .expect("the binding asked for");
    assert!(!binding.skippable, "mandatory: {binding:?}");

    let secret = journeys.totp_secret().await.expect("a secret");
    assert!(secret.secret_qr_code.starts_with("data:image/"));
    let right = totp_now(&secret.secret).unwrap();
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = journeys.bind_totp(&secret, wrong.into(), false).await;
    assert!(
        matches!(refused, Outcome::Fail { clear: true, .. }),
        "{refused:?}"
    );
    let outcome = journeys.bind_totp(&secret, right, false).await;
    assert_eq!(outcome, go(Route::MfaBinding(Some(MfaFactor::BackupCode))));

    let codes = journeys.backup_codes().await.expect("codes");
    assert_eq!(codes.codes.len(), 10);
    // Codes are secrets: never kept.
    assert!(sim
        .stored_values()
        .iter()
        .all(|value| !value.contains(&codes.codes[0])));
    let outcome = journeys.bind_backup_codes(&codes).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as demo");
    assert!(
        journeys.session.keys().is_empty(),
        "{:?}",
        journeys.session.keys()
    );

    // The next sign-in asks for a factor; a saved backup code does.
    sim.start_interaction().await;
    let outcome = password(&sim, "demo").await;
    assert!(
        matches!(outcome, Outcome::Go(Route::MfaVerification(_))),
        "{outcome:?}"
    );
    let outcome = journeys.verify_backup_code(codes.codes[3].clone()).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as demo");
}

#[tokio::test]
async fn a_security_key_as_second_factor_then_verifies_with_it() {
    let mut key = SoftAuthenticator::new();
    let sim = Sim::new("mfa-mandatory").await;
    let journeys = sim.journeys();
    assert_eq!(password(&sim, "alice").await, go(Route::MfaBinding(None)));

    // A credential made for another challenge is refused.
    let prepared = journeys.web_authn_registration().await.expect("options");
    let forged = typed(key.register(&Ceremony::new("AAAA", ENDPOINT, "localhost")));
    let refused = journeys
        .bind_web_authn(&prepared, forged, NewCredential::MfaFactor, false)
        .await;
    assert!(matches!(refused, Outcome::Fail { .. }), "{refused:?}");

    let prepared = journeys.web_authn_registration().await.expect("options");
    let challenge = challenge_of(&prepared.registration_options.challenge);
    let payload = typed(key.register(&Ceremony::new(&challenge, ENDPOINT, "localhost")));
    let outcome = journeys
        .bind_web_authn(&prepared, payload, NewCredential::MfaFactor, false)
        .await;
    assert_eq!(outcome, go(Route::MfaBinding(Some(MfaFactor::BackupCode))));
    let codes = journeys.backup_codes().await.unwrap();
    let outcome = journeys.bind_backup_codes(&codes).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");

    sim.start_interaction().await;
    assert_eq!(
        password(&sim, "alice").await,
        go(Route::MfaVerification(Some(MfaFactor::WebAuthn)))
    );
    let prepared = journeys.prepare_web_authn().await.unwrap();
    let challenge = challenge_of(&prepared.authentication_options.challenge);
    let payload = typed(key.assert(&Ceremony::new(&challenge, ENDPOINT, "localhost")));
    let outcome = journeys.verify_web_authn(prepared, payload, false).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");
}

#[tokio::test]
async fn the_optional_prompt_is_declined_or_leads_to_a_factor_that_can_be_skipped() {
    let sim = Sim::new("mfa-prompt").await;
    let journeys = sim.journeys();
    assert_eq!(password(&sim, "demo").await, go(Route::MfaOnboarding));
    let outcome = journeys.onboard_mfa(false).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as demo");

    sim.start_interaction().await;
    assert_eq!(password(&sim, "phoebe").await, go(Route::MfaOnboarding));
    let outcome = journeys.onboard_mfa(true).await;
    assert_eq!(outcome, go(Route::MfaBinding(Some(MfaFactor::Totp))));
    let binding = journeys.session.mfa_binding().unwrap();
    assert!(binding.skippable && !binding.suggestion, "{binding:?}");
    let outcome = journeys.skip_mfa(binding.suggestion).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as phoebe");
}

#[tokio::test]
async fn an_email_address_as_second_factor_is_bound_by_its_code() {
    let sim = Sim::patched(
        "mfa-mandatory",
        json!({"mfa": {"factors": ["EmailVerificationCode"], "policy": "Mandatory"}}),
    )
    .await;
    let journeys = sim.journeys();
    assert_eq!(
        password(&sim, "demo").await,
        go(Route::MfaBinding(Some(MfaFactor::EmailVerificationCode)))
    );
    let address = email("demo.2fa@example.com");
    let back = "/mfa-binding/EmailVerificationCode";
    let outcome = journeys
        .send_code(CodeFlow::Continue, address.clone(), back, None, true)
        .await;
    assert_eq!(outcome, go(Route::Code(CodeFlow::Continue)));
    let pending = journeys.session.pending_code().unwrap();
    assert!(pending.mfa && pending.identifier == address, "{pending:?}");
    let wrong = journeys.verify_code("000000".into()).await;
    assert!(
        matches!(wrong, Outcome::Fail { clear: true, .. }),
        "{wrong:?}"
    );
    let code = sim.code_for("demo.2fa@example.com").await;
    let outcome = journeys.verify_code(code).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as demo");
}

#[tokio::test]
async fn after_sign_in_a_passkey_is_created_or_declined() {
    let mut key = SoftAuthenticator::new();
    let sim = Sim::new("passkey-sign-in").await;
    let journeys = sim.journeys();
    assert_eq!(password(&sim, "demo").await, go(Route::CreatePasskey));
    let prepared = journeys.web_authn_registration().await.unwrap();
    let challenge = challenge_of(&prepared.registration_options.challenge);
    let payload = typed(key.register(&Ceremony::new(&challenge, ENDPOINT, "localhost")));
    let outcome = journeys
        .bind_web_authn(&prepared, payload, NewCredential::Passkey, false)
        .await;
    // The passkey is the only factor: another is suggested, the passkey
    // shown as set up.
    assert_eq!(outcome, go(Route::MfaBinding(None)));
    let binding = journeys.session.mfa_binding().unwrap();
    assert!(binding.suggestion, "{binding:?}");
    assert!(binding.bound.contains(&MfaFactor::WebAuthn), "{binding:?}");

    sim.start_interaction().await;
    assert_eq!(password(&sim, "alice").await, go(Route::CreatePasskey));
    assert_eq!(journeys.skip_passkey().await, go(Route::MfaOnboarding));
}

#[tokio::test]
async fn without_an_interaction_a_secret_is_not_given_and_the_session_expired_page_opens() {
    let sim = Sim::without_interaction("mfa-mandatory").await;
    let journeys = sim.journeys();
    assert_eq!(
        journeys.totp_secret().await.unwrap_err(),
        go(Route::UnknownSession)
    );
    assert_eq!(
        journeys.backup_codes().await.unwrap_err(),
        go(Route::UnknownSession)
    );
}
