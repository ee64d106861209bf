//! The button that creates a WebAuthn credential (a second factor or a
//! passkey). Its options are loaded when the page opens, so that the
//! browser's prompt opens straight from the click (Safari requires it).

use leptos::prelude::*;

use crate::{
    components::{
        form::{ActionButton, FormState},
        trust_device::TrustOptIn,
    },
    flow::next_step::Field,
    journey::{use_journey, Journey},
    journeys::NewCredential,
    webauthn,
};

/// The button, or "not supported" on `form` when the browser has no
/// WebAuthn.
#[component]
pub fn NewCredentialButton(
    form: FormState,
    #[prop(into)] text: String,
    what: NewCredential,
    /// "Trust this device", for a second factor where it is offered.
    #[prop(optional)]
    trust: Option<TrustOptIn>,
) -> impl IntoView {
    let journey = use_journey();
    if !webauthn::supported() {
        form.fail(
            Field::Form,
            journey.experience.t("mfa.webauthn_not_supported"),
            false,
        );
        return None;
    }
    let journeys = journey.journeys();
    let options = journey.load(form, async move { journeys.web_authn_registration().await });
    let ready = Signal::derive(move || options.with(Option::is_some));
    let create = move || {
        let trust = trust.is_some_and(TrustOptIn::ticked);
        create(&journey, form, options, what, trust)
    };
    Some(view! { <ActionButton form text ready on_click=create /> })
}

/// The browser's ceremony with the loaded options, then the binding;
/// a refused or failed ceremony shows on `form`.
fn create(
    journey: &Journey,
    form: FormState,
    options: RwSignal<Option<crate::api::WebAuthnRegistrationResponse>>,
    what: NewCredential,
    trust: bool,
) {
    let Some(prepared) = options.get_untracked() else {
        return;
    };
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        match webauthn::register(&prepared.registration_options).await {
            Ok(payload) => {
                let journeys = journey.journeys();
                let outcome = journeys
                    .bind_web_authn(&prepared, payload, what, trust)
                    .await;
                journey.show(form, outcome);
            }
            // A dismissed prompt says nothing.
            Err(error) => match error.phrase(true) {
                Some(key) => form.fail(Field::Form, journey.experience.t(key), false),
                None => form.end(),
            },
        }
    });
}
