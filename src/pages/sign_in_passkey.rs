//! `/sign-in/passkey`: identifier-first sign-in with one of the person's
//! own passkeys (found by `POST /verification/sign-in-passkey/authentication`
//! on the previous page), with the other ways of the identifier beside it.

use leptos::prelude::*;

use crate::{
    api::WebAuthnAuthenticationResponse,
    components::{
        form::{ActionButton, FormAlert, FormState},
        method_switch::MethodSwitch,
        passkey_sign_in::finish,
    },
    journey::use_journey,
    journeys::Key,
    router::Redirect,
    shell::PageHeading,
    webauthn::{self, Mediation},
};

#[component]
pub fn SignInPasskey() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let challenge: Option<WebAuthnAuthenticationResponse> =
        experience.session.get_json(Key::Passkey);
    let (Some(challenge), Some(identifier)) = (challenge, crate::journey::session().identifier())
    else {
        return view! { <Redirect path=experience.href("/sign-in") /> }.into_any();
    };
    let form = FormState::new();
    let verify = {
        let journey = journey.clone();
        move || {
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let challenge = challenge.clone();
            leptos::task::spawn_local(async move {
                let outcome = webauthn::authenticate(
                    &challenge.authentication_options,
                    Mediation::Modal,
                    None,
                )
                .await;
                finish(&journey, form, outcome, Some(challenge.verification_id));
            });
        }
    };
    let for_whom = crate::flow::code::sent_to(&identifier);
    let switch =
        view! { <MethodSwitch identifier current=crate::flow::landing::Factor::Passkey form /> };
    view! {
        <PageHeading text=t("mfa.verify_via_passkey") />
        <p class="secondary">{for_whom}</p>
        <p class="secondary">{t("mfa.verify_via_passkey_description")}</p>
        <FormAlert form />
        <ActionButton form text=t("action.verify_via_passkey") ready=true on_click=verify />
        {switch}
        <a href=experience.href("/sign-in")>{t("action.back")}</a>
    }
    .into_any()
}
