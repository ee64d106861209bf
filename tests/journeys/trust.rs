//! "Trust this device" at MFA verification, where the settings offer it:
//! ticked, the next sign-in from this browser skips MFA; not ticked, or
//! from another browser, MFA is asked again; off, nothing is asked.

use logto_experience::{api::MfaFactor, journeys::Outcome};
use logto_sim::{
    mfa::totp_now,
    webauthn::{Ceremony, SoftAuthenticator},
};
use serde_json::json;

use super::{
    challenge_of, harness::Fault, leave_url, typed, user_with_key, username, Sim, ENDPOINT,
    PASSWORD,
};

const SECRET: &str = "JBSWY3DPEHPK3PXP";
const TRUSTED_DEVICE: &str = "logto-trusted-device-";
const TRUST_CALL: &str = "POST /api/experience/profile/mfa/trusted-device";

/// `mfa-mandatory` with trusted devices offered for two weeks.
async fn offered() -> Sim {
    Sim::patched(
        "mfa-mandatory",
        json!({"trustedDevice": {"enabled": true, "durationDays": 14}}),
    )
    .await
}

/// A new interaction of this browser, and `who`'s password sign-in.
async fn sign_in(sim: &Sim, who: &str) -> Outcome {
    sim.start_interaction().await;
    sim.journeys()
        .sign_in_with_password(None, username(who), PASSWORD.into(), None)
        .await
}

fn totp() -> String {
    totp_now(SECRET).unwrap()
}

fn holds_trust(sim: &Sim) -> bool {
    sim.cookie_names()
        .iter()
        .any(|name| name.starts_with(TRUSTED_DEVICE))
}

#[tokio::test]
async fn ticked_the_next_sign_in_from_this_browser_skips_mfa() {
    let sim = offered().await;
    let outcome = sign_in(&sim, "mfa_demo").await;
    assert_eq!(outcome, Outcome::Go("/mfa-verification/Totp".into()));
    let journeys = sim.journeys();
    assert_eq!(journeys.trusted_device_offer().await, Some(14));
    let outcome = journeys.verify_totp(totp(), true).await;
    assert_eq!(
        sim.follow(leave_url(&outcome)).await,
        "Signed in as mfa_demo"
    );
    let calls = sim.calls();
    assert_eq!(
        calls[calls.len() - 4..],
        [
            "GET /api/experience/interaction",
            "POST /api/experience/verification/totp/verify",
            TRUST_CALL,
            "POST /api/experience/submit",
        ]
    );
    assert!(holds_trust(&sim), "{:?}", sim.cookie_names());

    let again = sign_in(&sim, "mfa_demo").await;
    assert_eq!(sim.follow(leave_url(&again)).await, "Signed in as mfa_demo");

    // The same person in another browser is asked.
    sim.forget_cookies(TRUSTED_DEVICE);
    let elsewhere = sign_in(&sim, "mfa_demo").await;
    assert_eq!(elsewhere, Outcome::Go("/mfa-verification/Totp".into()));
}

#[tokio::test]
async fn not_ticked_mfa_is_asked_again() {
    let sim = offered().await;
    sign_in(&sim, "mfa_demo").await;
    let journeys = sim.journeys();
    assert_eq!(journeys.trusted_device_offer().await, Some(14));
    let outcome = journeys.verify_totp(totp(), false).await;
    assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");
    assert!(!sim.calls().iter().any(|call| call == TRUST_CALL));
    assert!(!holds_trust(&sim));
    let again = sign_in(&sim, "mfa_demo").await;
    assert_eq!(again, Outcome::Go("/mfa-verification/Totp".into()));
}

#[tokio::test]
async fn off_in_the_settings_nothing_is_offered_nor_asked() {
    for patch in [json!({}), json!({"trustedDevice": {"enabled": false}})] {
        let sim = Sim::patched("mfa-mandatory", patch).await;
        sign_in(&sim, "mfa_demo").await;
        let journeys = sim.journeys();
        assert!(!journeys.offers_trusted_device());
        assert_eq!(journeys.trusted_device_offer().await, None);
        let outcome = journeys.verify_totp(totp(), false).await;
        assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");
        let calls = sim.calls();
        assert!(
            !calls
                .iter()
                .any(|call| call == TRUST_CALL || call.ends_with("/interaction")),
            "{calls:?}"
        );
    }
}

#[tokio::test]
async fn a_refused_trust_request_does_not_stop_the_sign_in() {
    let sim = offered().await;
    sign_in(&sim, "mfa_demo").await;
    // The call after the verification's.
    sim.fault_at(sim.calls().len() + 1, Fault::LogtoError);
    let outcome = sim.journeys().verify_totp(totp(), true).await;
    assert_eq!(
        sim.follow(leave_url(&outcome)).await,
        "Signed in as mfa_demo"
    );
    assert!(!holds_trust(&sim));
    sim.lift_fault();
    let again = sign_in(&sim, "mfa_demo").await;
    assert_eq!(again, Outcome::Go("/mfa-verification/Totp".into()));
}

#[tokio::test]
async fn an_email_code_or_webauthn_can_trust_the_device_too() {
    let sim = Sim::patched(
        "mfa-mandatory",
        json!({
            "mfa": {"factors": ["EmailVerificationCode"], "policy": "NoPrompt"},
            "trustedDevice": {"enabled": true},
        }),
    )
    .await;
    let outcome = sign_in(&sim, "alice").await;
    assert_eq!(
        outcome,
        Outcome::Go("/mfa-verification/EmailVerificationCode".into())
    );
    let journeys = sim.journeys();
    assert_eq!(
        journeys.trusted_device_offer().await,
        Some(30),
        "the default"
    );
    let sent = journeys
        .send_mfa_code(&MfaFactor::EmailVerificationCode)
        .await
        .expect("sent");
    let code = sim.code_for("alice@example.com").await;
    let outcome = journeys.verify_mfa_code(&sent, code, true).await;
    assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");
    let again = sign_in(&sim, "alice").await;
    assert!(matches!(again, Outcome::Leave(_)), "{again:?}");

    let mut key = SoftAuthenticator::new();
    let sim = Sim::patched_with_users(
        "mfa-mandatory",
        json!({"trustedDevice": {"enabled": true}}),
        vec![user_with_key("key_holder", &key, true)],
    )
    .await;
    let outcome = sign_in(&sim, "key_holder").await;
    assert_eq!(outcome, Outcome::Go("/mfa-verification/WebAuthn".into()));
    let journeys = sim.journeys();
    let prepared = journeys.prepare_web_authn().await.expect("options");
    let challenge = challenge_of(&prepared.authentication_options.challenge);
    let payload = typed(key.assert(&Ceremony::new(&challenge, ENDPOINT, "localhost")));
    let outcome = journeys.verify_web_authn(prepared, payload, true).await;
    assert!(matches!(outcome, Outcome::Leave(_)), "{outcome:?}");
    let again = sign_in(&sim, "key_holder").await;
    assert!(matches!(again, Outcome::Leave(_)), "{again:?}");
}

#[tokio::test]
async fn ticked_while_setting_up_an_authenticator_app_the_next_sign_in_skips_mfa() {
    let sim = offered().await;
    // `demo` has no second factor yet: the sign-in asks to set one up.
    assert!(matches!(
        sign_in(&sim, "demo").await,
        Outcome::Go(logto_experience::journeys::Route::MfaBinding(None))
    ));
    let journeys = sim.journeys();
    assert_eq!(journeys.trusted_device_offer().await, Some(14));
    let secret = journeys.totp_secret().await.expect("a secret");
    let code = totp_now(&secret.secret).unwrap();
    let outcome = journeys.bind_totp(&secret, code, true).await;
    let calls = sim.calls();
    assert_eq!(
        calls[calls.len() - 4..],
        [
            "POST /api/experience/verification/totp/verify",
            "POST /api/experience/profile/mfa",
            TRUST_CALL,
            "POST /api/experience/submit",
        ]
    );
    // The submit asks for backup codes next; theirs creates the trust.
    assert_eq!(
        outcome,
        Outcome::Go(logto_experience::journeys::Route::MfaBinding(Some(
            MfaFactor::BackupCode
        )))
    );
    let codes = journeys.backup_codes().await.expect("codes");
    let outcome = journeys.bind_backup_codes(&codes).await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as demo");
    assert!(holds_trust(&sim), "{:?}", sim.cookie_names());

    let again = sign_in(&sim, "demo").await;
    assert_eq!(sim.follow(leave_url(&again)).await, "Signed in as demo");
}
