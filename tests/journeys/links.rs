//! Magic links, consent of third-party applications and the SSO lookup.

use logto_experience::{
    api::ErrorCode,
    journeys::{Consent, MagicLink, Outcome, Route},
};
use serde_json::{json, Value};

use super::{assert_fails_with, leave_url, username, Sim, PASSWORD};

/// Registration by e-mail alone, so that a verified link creates the
/// account (the e2e suite's `magic-link-register`).
async fn magic_link_sim() -> Sim {
    let sign_up = json!({"signUp": {"identifiers": ["email"], "password": false, "verify": true}});
    Sim::patched("username-password", sign_up).await
}

/// A one-time token for `email`, as the Management API issues it.
async fn issue(sim: &Sim, email: &str, expires_in: Option<u64>) -> Value {
    let body = match expires_in {
        Some(seconds) => json!({"email": email, "expiresIn": seconds}),
        None => json!({"email": email}),
    };
    sim.admin("POST", "/__sim/one-time-tokens", body).await
}

fn token(issued: &Value) -> String {
    issued["token"].as_str().unwrap().to_owned()
}

fn refused_with(link: &MagicLink, code: ErrorCode) {
    match link {
        MagicLink::Refused(error) => assert_eq!(error.code(), Some(&code), "{error:?}"),
        other => panic!("expected {code}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_magic_link_signs_in_once() {
    let sim = magic_link_sim().await;
    let journeys = sim.journeys();
    let issued = issue(&sim, "alice@example.com", None).await;
    let link = journeys
        .sign_in_with_magic_link(token(&issued), "alice@example.com".into())
        .await;
    let MagicLink::Signed(outcome) = link else {
        panic!("{link:?}")
    };
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");
    assert!(
        journeys.session.keys().is_empty(),
        "{:?}",
        journeys.session.keys()
    );
    assert!(!sim
        .stored_values()
        .iter()
        .any(|v| v.contains(&token(&issued))));

    sim.start_interaction().await;
    let again = journeys
        .sign_in_with_magic_link(token(&issued), "alice@example.com".into())
        .await;
    refused_with(&again, ErrorCode::OneTimeTokenTokenConsumed);
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once() {
    // Reset by e-mail code is off here: the verified token is the proof.
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    let issued = issue(&sim, "alice@example.com", None).await;
    let link = journeys
        .reset_with_magic_link(token(&issued), "alice@example.com".into(), None)
        .await;
    assert_eq!(link, MagicLink::Signed(Outcome::Go(Route::NewPassword)));
    assert!(sim.calls().iter().any(|call| call == "PUT /api/experience"));
    let outcome = journeys.reset_password("Brand-New-Passw0rd!".into()).await;
    assert_eq!(outcome, Outcome::PasswordReset);
    assert!(!sim
        .stored_values()
        .iter()
        .any(|v| v.contains(&token(&issued)) || v.contains("Brand-New")));

    // The new password signs in; the link is spent.
    sim.start_interaction().await;
    let outcome = journeys
        .sign_in_with_password(None, username("alice"), "Brand-New-Passw0rd!".into(), None)
        .await;
    assert_eq!(sim.follow(leave_url(&outcome)).await, "Signed in as alice");
    sim.start_interaction().await;
    let again = journeys
        .reset_with_magic_link(token(&issued), "alice@example.com".into(), None)
        .await;
    refused_with(&again, ErrorCode::OneTimeTokenTokenConsumed);
}

/// A reset link without `login_hint`: the page asks for the address and
/// verifies the token for what was typed; the token is good for that
/// address only.
#[tokio::test]
async fn a_reset_link_without_its_address_uses_the_typed_one() {
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    let issued = issue(&sim, "alice@example.com", None).await;
    assert!(!sim
        .calls()
        .iter()
        .any(|call| call.contains("one-time-token")));
    let typed = "alice@example.com".to_owned();
    let link = journeys
        .reset_with_magic_link(token(&issued), typed, None)
        .await;
    assert_eq!(link, MagicLink::Signed(Outcome::Go(Route::NewPassword)));
    let outcome = journeys
        .reset_password("Typed-Addr3ss-Passw0rd!".into())
        .await;
    assert_eq!(outcome, Outcome::PasswordReset);
}

#[tokio::test]
async fn a_reset_link_for_an_unknown_address_or_another_email_is_refused() {
    let sim = Sim::new("username-password").await;
    let journeys = sim.journeys();
    let issued = issue(&sim, "nobody@example.com", None).await;
    let link = journeys
        .reset_with_magic_link(token(&issued), "nobody@example.com".into(), None)
        .await;
    refused_with(&link, ErrorCode::UserUserNotExist);
    sim.start_interaction().await;
    let issued = issue(&sim, "alice@example.com", None).await;
    let link = journeys
        .reset_with_magic_link(token(&issued), "mallory@example.com".into(), None)
        .await;
    refused_with(&link, ErrorCode::OneTimeTokenEmailMismatch);
}

#[tokio::test]
async fn a_magic_link_for_a_new_address_registers_it() {
    let sim = magic_link_sim().await;
    let journeys = sim.journeys();
    let issued = issue(&sim, "fresh@example.com", None).await;
    let link = journeys
        .sign_in_with_magic_link(token(&issued), "fresh@example.com".into())
        .await;
    let MagicLink::NewAccount { verification_id } = link else {
        panic!("{link:?}")
    };
    let outcome = journeys.register_verified(verification_id).await;
    let signed = sim.follow(leave_url(&outcome)).await;
    assert!(signed.starts_with("Signed in as"), "{signed}");
}

#[tokio::test]
async fn expired_revoked_and_foreign_links_are_refused() {
    let sim = magic_link_sim().await;
    let journeys = sim.journeys();
    let expired = issue(&sim, "alice@example.com", Some(0)).await;
    let link = journeys
        .sign_in_with_magic_link(token(&expired), "alice@example.com".into())
        .await;
    refused_with(&link, ErrorCode::OneTimeTokenTokenExpired);

    let revoked = issue(&sim, "alice@example.com", None).await;
    let id = revoked["id"].as_str().unwrap();
    let path = format!("/__sim/one-time-tokens/{id}/status");
    sim.admin("PUT", &path, json!({"status": "revoked"})).await;
    sim.start_interaction().await;
    let link = journeys
        .sign_in_with_magic_link(token(&revoked), "alice@example.com".into())
        .await;
    refused_with(&link, ErrorCode::OneTimeTokenTokenRevoked);

    let other = issue(&sim, "alice@example.com", None).await;
    sim.start_interaction().await;
    let link = journeys
        .sign_in_with_magic_link(token(&other), "demo@example.com".into())
        .await;
    refused_with(&link, ErrorCode::OneTimeTokenEmailMismatch);
}

const SCOPES: &str = "&scope=openid%20profile%20email%20urn%3Alogto%3Ascope%3Aorganizations%20read%3Areports&resource=https%3A%2F%2Fapi.example.com&state=s1";

#[tokio::test]
async fn a_third_party_application_asks_for_consent_with_an_organization() {
    let sim = Sim::for_app("username-password", "third-party-app", SCOPES).await;
    let journeys = sim.journeys();
    match journeys.consent_info().await {
        Consent::Failed(error) => assert_eq!(error.code(), Some(&ErrorCode::SessionNotFound)),
        other => panic!("nobody signed in yet: {other:?}"),
    }
    let outcome = journeys
        .sign_in_with_password(None, username("alice"), PASSWORD.into(), None)
        .await;
    let consent = sim.redirect(leave_url(&outcome)).await;
    assert_eq!(consent, "/consent?app_id=third-party-app");

    let Consent::Ask(info) = journeys.consent_info().await else {
        panic!("the consent info")
    };
    assert_eq!(info.application.name, "Acme Analytics");
    let organizations: Vec<_> = info
        .organizations
        .iter()
        .flatten()
        .map(|org| org.id.as_str())
        .collect();
    assert_eq!(organizations, ["org-acme", "org-globex"]);

    let foreign = journeys.consent(Some(vec!["org-unknown".into()])).await;
    assert_fails_with(
        &foreign,
        ErrorCode::Unknown("organization.require_membership".into()),
    );
    let outcome = journeys.consent(Some(vec!["org-globex".into()])).await;
    let done = sim.redirect(leave_url(&outcome)).await;
    assert!(
        done.contains("code=") && done.contains("state=s1"),
        "{done}"
    );
}

#[tokio::test]
async fn an_application_that_refuses_the_person_denies_access() {
    let sim = Sim::for_app("username-password", "restricted-app", "").await;
    let journeys = sim.journeys();
    let outcome = journeys
        .sign_in_with_password(None, username("demo"), PASSWORD.into(), None)
        .await;
    assert_eq!(
        sim.redirect(leave_url(&outcome)).await,
        "/consent?app_id=restricted-app"
    );
    assert!(matches!(journeys.consent_info().await, Consent::Denied(_)));
    let denied = journeys.consent(None).await;
    assert!(matches!(denied, Outcome::AccessDenied(_)), "{denied:?}");
}

#[tokio::test]
async fn sso_is_found_by_the_email_domain() {
    let sim = Sim::new("sso-identifier-first").await;
    let journeys = sim.journeys();
    let one = journeys.find_sso("someone@sso.example.com").await.unwrap();
    let one = one.expect("a connector");
    assert_eq!(one.email, "someone@sso.example.com");
    assert_eq!(one.connector_ids.len(), 1);
    let two = journeys
        .find_sso("someone@multi.example.com")
        .await
        .unwrap();
    assert_eq!(two.map(|c| c.connector_ids.len()), Some(2));
    assert_eq!(journeys.find_sso("alice@example.com").await.unwrap(), None);
}

#[tokio::test]
async fn a_native_apps_round_trip_goes_back_to_the_app_once() {
    let sim = Sim::new("social").await;
    let journeys = sim.journeys();
    let s = |v: &str| Some(v.to_owned());
    let go = journeys.springboard(
        s("st-n"),
        s("mock-social"),
        s("logto://callback"),
        s("https://idp.example/authorize"),
    );
    assert_eq!(go, s("https://idp.example/authorize"));
    assert_eq!(
        journeys.session.keys(),
        [
            "social_auth_state:mock-social",
            "social_callback_data:mock-social"
        ]
    );
    assert_eq!(
        journeys.native_handoff("mock-social", "?code=c&state=st-n"),
        s("logto://callback?code=c&state=st-n")
    );
    // Good once; nothing was asked of Logto; the state is the app's to check.
    assert_eq!(
        journeys.native_handoff("mock-social", "?code=c&state=st-n"),
        None
    );
    assert!(sim.calls().is_empty(), "{:?}", sim.calls());
    // A web page or a script is never kept as the app's link.
    let go = journeys.springboard(
        s("st-w"),
        s("mock-social"),
        s("https://evil.example/steal"),
        s("javascript:alert(1)"),
    );
    assert_eq!(go, None);
    assert_eq!(journeys.native_handoff("mock-social", "?code=c"), None);
}

#[tokio::test]
async fn sso_watched_while_typing_asks_only_for_an_email_and_only_with_sso_on() {
    let sim = Sim::new("sso-identifier-first").await;
    let journeys = sim.journeys();
    for partial in ["", "someone", "someone@sso", "some one@sso.example.com"] {
        assert_eq!(journeys.watch_sso(partial).await, None, "{partial}");
    }
    assert!(
        sim.calls().is_empty(),
        "no lookup before an email: {:?}",
        sim.calls()
    );
    let found = journeys.watch_sso(" someone@sso.example.com ").await;
    assert_eq!(
        found.map(|c| c.email),
        Some("someone@sso.example.com".into())
    );
    assert_eq!(journeys.watch_sso("alice@example.com").await, None);
    assert_eq!(sim.calls().len(), 2);

    // SSO off: never asked.
    let sim = Sim::patched(
        "sso-identifier-first",
        json!({"singleSignOnEnabled": false}),
    )
    .await;
    let journeys = sim.journeys();
    assert_eq!(journeys.watch_sso("someone@sso.example.com").await, None);
    assert!(sim.calls().is_empty(), "{:?}", sim.calls());
}
