//! The WebAuthn factor of `/mfa-verification/WebAuthn`.

use leptos::prelude::*;

use crate::components::trust_device::{TrustDevice, TrustOptIn};
use crate::{
    api::WebAuthnAuthenticationResponse,
    components::form::{ActionButton, FormAlert, FormState},
    flow::next_step::Field,
    journey::Journey,
    shell::PageHeading,
    webauthn,
};

/// The WebAuthn factor: the options are fetched when the page opens, so
/// that the browser's prompt opens straight from the click.
pub(super) fn web_authn_factor(journey: &Journey, form: FormState) -> AnyView {
    let experience = &journey.experience;
    let t = |key: &str| experience.t(key);
    let supported = webauthn::supported();
    let options = RwSignal::new(None::<WebAuthnAuthenticationResponse>);
    let prepare = {
        let journey = journey.clone();
        move || {
            let journey = journey.clone();
            leptos::task::spawn_local(async move {
                match journey.journeys().prepare_web_authn().await {
                    Ok(prepared) => options.set(Some(prepared)),
                    Err(error) => form.fail(Field::Form, journey.message(&error), false),
                }
            });
        }
    };
    let opt_in = TrustOptIn::new(journey);
    if supported {
        prepare();
    } else {
        form.fail(Field::Form, t("mfa.webauthn_not_supported"), false);
    }
    let verify = {
        let journey = journey.clone();
        move || {
            let Some(prepared) = options.get_untracked() else {
                return;
            };
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let prepare = prepare.clone();
            leptos::task::spawn_local(async move {
                let ceremony = webauthn::authenticate(
                    &prepared.authentication_options,
                    webauthn::Mediation::Modal,
                    None,
                )
                .await;
                match ceremony {
                    Ok(payload) => {
                        form.end();
                        let journeys = journey.journeys();
                        let trust = opt_in.ticked();
                        journey.run(form, async move {
                            journeys.verify_web_authn(prepared, payload, trust).await
                        });
                    }
                    Err(error) => {
                        match error.phrase(false) {
                            Some(key) => form.fail(Field::Form, journey.experience.t(key), false),
                            None => form.end(),
                        }
                        // A new challenge for the next try.
                        prepare();
                    }
                }
            });
        }
    };
    view! {
        <PageHeading text=t("mfa.verify_via_passkey") />
        <p class="secondary">{t("mfa.verify_via_passkey_description")}</p>
        {supported.then(|| view! { <TrustDevice opt_in /> })}
        <FormAlert form />
        {supported
            .then(|| {
                let ready = Signal::derive(move || options.get().is_some());
                view! {
                    <ActionButton form text=t("action.verify_via_passkey") ready on_click=verify />
                }
            })}
    }
    .into_any()
}
