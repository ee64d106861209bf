//! A social registration whose address belongs to an account: the identity
//! ends up linked to that account, never on a second one (Logto's
//! `link_social`).

use super::{asked, email, leave_url, round_trip, Sim};
use logto_experience::{
    api::ErrorCode,
    journeys::{CodeFlow, Key, NextStep, Outcome, Route},
};

/// From the provider to `/continue/email`: the identity's email is alice's,
/// the person chose "create an account without linking", and the server
/// dropped the taken email and asks for one.
async fn registering_an_identity_with_alices_email(
    sim: &Sim,
) -> logto_experience::journeys::Journeys {
    let journeys = sim.journeys();
    let outcome = round_trip(
        sim,
        &journeys,
        "sub=alice-elsewhere&email=alice%40example.com",
    )
    .await;
    assert!(
        matches!(asked(&outcome), NextStep::LinkSocial { .. }),
        "{outcome:?}"
    );
    let outcome = journeys.register_identity().await;
    assert_eq!(outcome, Outcome::Go(Route::parse("/continue/email")));
    assert!(journeys.linking_social().is_some(), "the identity waits");
    journeys
}

#[tokio::test]
async fn an_address_with_an_account_on_the_profile_page_links_the_identity_there() {
    let sim = Sim::new("social").await;
    let journeys = registering_an_identity_with_alices_email(&sim).await;
    let address = email("alice@example.com");
    let outcome = journeys
        .send_code(CodeFlow::Continue, address, "/continue/email", None, false)
        .await;
    assert_eq!(outcome, Outcome::Go(Route::Code(CodeFlow::Continue)));
    let code = sim.code_for("alice@example.com").await;
    let outcome = journeys.verify_code(code).await;
    assert_eq!(asked(&outcome), &NextStep::LinkSocialInstead, "{outcome:?}");
    assert_fails_with_taken(&outcome);

    let calls_before = sim.calls().len();
    let outcome = journeys.link_social_instead().await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");
    assert_eq!(
        sim.calls()[calls_before..],
        [
            "PUT /api/experience/interaction-event",
            "POST /api/experience/identification",
            "POST /api/experience/profile",
            "POST /api/experience/submit",
        ]
    );
    assert!(
        journeys.session.keys().is_empty(),
        "{:?}",
        journeys.session.keys()
    );

    // The identity is alice's now: the next sign-in with it is hers.
    sim.start_interaction().await;
    let again = sim.journeys();
    let outcome = round_trip(
        &sim,
        &again,
        "sub=alice-elsewhere&email=alice%40example.com",
    )
    .await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");
}

fn assert_fails_with_taken(outcome: &Outcome) {
    let Outcome::Ask { error, .. } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(error.code(), Some(&ErrorCode::UserEmailAlreadyInUse));
}

#[tokio::test]
async fn a_new_address_on_the_profile_page_registers_as_usual() {
    let sim = Sim::new("social").await;
    let journeys = registering_an_identity_with_alices_email(&sim).await;
    let outcome = journeys
        .send_code(
            CodeFlow::Continue,
            email("alice.two@example.com"),
            "/continue/email",
            None,
            false,
        )
        .await;
    assert_eq!(outcome, Outcome::Go(Route::Code(CodeFlow::Continue)));
    let code = sim.code_for("alice.two@example.com").await;
    let outcome = journeys.verify_code(code).await;
    let signed_in = sim.follow(leave_url(&outcome)).await;
    assert!(
        signed_in.starts_with("Signed in as") && !signed_in.ends_with("alice"),
        "{signed_in}"
    );
}

#[tokio::test]
async fn linking_needs_code_sign_in_for_the_address() {
    // E-mail signs in by password only: proving the address may not stand
    // for a sign-in, so it is only refused.
    let sim = Sim::patched(
        "social",
        serde_json::json!({"signIn": {"methods": [
            {"identifier": "email", "password": true, "verificationCode": false, "isPasswordPrimary": true}
        ]}}),
    )
    .await;
    let journeys = registering_an_identity_with_alices_email(&sim).await;
    journeys
        .send_code(
            CodeFlow::Continue,
            email("alice@example.com"),
            "/continue/email",
            None,
            false,
        )
        .await;
    let code = sim.code_for("alice@example.com").await;
    let outcome = journeys.verify_code(code).await;
    assert_eq!(
        asked(&outcome),
        &NextStep::Alert { to_sign_in: false },
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_fresh_interaction_forgets_the_waiting_identity() {
    let sim = Sim::new("social").await;
    let journeys = registering_an_identity_with_alices_email(&sim).await;
    journeys
        .start(logto_experience::api::InteractionEvent::Register, None)
        .await
        .unwrap();
    assert!(journeys.linking_social().is_none());
    assert_eq!(journeys.session.get(Key::LinkSocial), None);
    // Linking without it is refused before any call.
    let calls = sim.calls().len();
    assert_eq!(
        journeys.link_social_instead().await,
        Outcome::ForgedCallback
    );
    assert_eq!(sim.calls().len(), calls);
}
