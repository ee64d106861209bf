//! The journeys, natively, against the simulator in process: the main proof
//! of the page's flow logic (the browser suite proves rendering, delivery
//! and browser APIs). Each test runs a journey over an in-process transport
//! and an in-memory session, and checks its outcome, the calls' effects and
//! what the session keeps.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use harness::Sim;
use logto_experience::{
    api::{ErrorCode, Identifier, InteractionEvent, SignInIdentifier},
    flow::next_step::{Field, NextStep},
    journeys::{CodeFlow, Key, Outcome},
};

fn username(value: &str) -> Identifier {
    Identifier::new(SignInIdentifier::Username, value)
}

fn email(value: &str) -> Identifier {
    Identifier::new(SignInIdentifier::Email, value)
}

const PASSWORD: &str = "Demo-Passw0rd!";

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
    let Outcome::Leave(url) = &outcome else {
        panic!("{outcome:?}")
    };
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
    assert_eq!(journeys.session.keys(), ["logto:app_id"]);
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
    let Outcome::Go(path) = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(path.starts_with("/mfa-verification/"), "{path}");
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
    let Outcome::Leave(url) = &outcome else {
        panic!("{outcome:?}")
    };
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
    let Outcome::Ask { step, .. } = &outcome else {
        panic!("{outcome:?}")
    };
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
