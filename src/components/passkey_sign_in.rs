//! Signing in with a passkey from the landing page: the "Continue with
//! Passkey" button and the browser's autofill of passkeys on the identifier
//! input (conditional mediation), both answering the same discoverable
//! challenge (`POST /preflight/sign-in-passkey/authentication`), fetched
//! when the page opens so that the prompt opens straight from the click.

use leptos::prelude::*;

use crate::{
    api::{webauthn::WebAuthnOptions, WebAuthnPayload},
    components::form::FormState,
    flow::next_step::Field,
    journey::{use_journey, Journey},
    webauthn::{self, Mediation, WebAuthnError},
};

/// How many times autofill is re-armed after its request timed out: a
/// page left open for ten minutes still offers passkeys, a forgotten tab
/// stops asking the server.
const REARMS: u32 = 10;

/// Settles a passkey sign-in on `form`; a ceremony error shows its phrase.
pub fn finish(
    journey: &Journey,
    form: FormState,
    outcome: Result<WebAuthnPayload, WebAuthnError>,
    id: Option<String>,
) {
    match outcome {
        Ok(payload) => {
            form.end();
            let journeys = journey.journeys();
            journey.run(form, async move {
                journeys.sign_in_with_passkey(id, payload).await
            });
        }
        Err(error) => match error.phrase(false) {
            Some(key) => form.fail(Field::Form, journey.experience.t(key), false),
            None => form.end(),
        },
    }
}

/// The button (when `button`) and autofill (when `autofill` and the
/// browser supports it); nothing at all without WebAuthn, never a dead
/// button.
#[component]
pub fn PasskeySignIn(form: FormState, button: bool, autofill: bool) -> impl IntoView {
    let journey = use_journey();
    if !webauthn::supported() || !(button || autofill) {
        return None;
    }
    let options = RwSignal::new(None::<WebAuthnOptions>);
    // The pending autofill request, aborted before any other WebAuthn call.
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    let abort = move || {
        if let Some(controller) = controller.get_value() {
            controller.abort();
        }
        controller.set_value(None);
    };
    on_cleanup(abort);

    let arm = {
        let journey = journey.clone();
        move |rearms: u32| {
            let journey = journey.clone();
            leptos::task::spawn_local(arm_autofill(journey, form, options, controller, rearms));
        }
    };
    {
        let journey = journey.clone();
        leptos::task::spawn_local(async move {
            // No preflight: no button and no autofill (the page still works).
            let Ok(preflight) = journey.journeys().passkey_preflight().await else {
                return;
            };
            options.set(Some(preflight.authentication_options));
            if autofill && webauthn::autofill_supported().await {
                arm(REARMS);
            }
        });
    }

    button.then(|| {
        // Logto's composition (`PasskeySignInButton`): "Continue with Passkey".
        let i18n = &journey.experience.i18n;
        let text = i18n.t_with("action.sign_in_with", &[("name", i18n.t("mfa.webauthn").into())]);
        let on_click = move |_| {
            let Some(prepared) = options.get_untracked() else {
                return;
            };
            abort();
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            leptos::task::spawn_local(async move {
                let outcome = webauthn::authenticate(&prepared, Mediation::Modal, None).await;
                finish(&journey, form, outcome, None);
            });
        };
        // `_disabled` too, as Logto marks it while busy or preparing.
        let disabled = move || form.busy().get() || options.with(Option::is_none);
        view! {
            <button
                type="button"
                class="button secondary logto_social-button logto_passkey-button lgt_button lgt_secondary lgt_large"
                class:lgt_disabled=disabled
                disabled=disabled
                on:click=on_click
            >
                {super::icon::icon(super::icon::KEY)}
                <span>{text}</span>
            </button>
        }
    })
}

/// Offers passkeys in the identifier input's autofill until one is
/// picked, the page aborts, or the request times out (then re-armed with a
/// fresh challenge, `rearms` more times).
async fn arm_autofill(
    journey: Journey,
    form: FormState,
    options: RwSignal<Option<WebAuthnOptions>>,
    controller: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    rearms: u32,
) {
    let Some(prepared) = options.get_untracked() else {
        return;
    };
    let Ok(abort) = web_sys::AbortController::new() else {
        return;
    };
    let signal = abort.signal();
    controller.set_value(Some(abort));
    match webauthn::authenticate(&prepared, Mediation::Conditional, Some(&signal)).await {
        Ok(payload) => {
            controller.set_value(None);
            if form.begin() {
                finish(&journey, form, Ok(payload), None);
            }
        }
        // Aborted by the page (the button, leaving): nothing to say.
        Err(WebAuthnError::Aborted) => {}
        Err(_) if !signal.aborted() && rearms > 0 => {
            if let Ok(preflight) = journey.journeys().passkey_preflight().await {
                options.set(Some(preflight.authentication_options));
                let rearms = rearms.saturating_sub(1);
                Box::pin(arm_autofill(journey, form, options, controller, rearms)).await;
            }
        }
        Err(_) => {}
    }
}
