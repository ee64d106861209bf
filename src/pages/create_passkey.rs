//! `/create-passkey`: after a sign-in, the offer to create a passkey for the
//! next one (`user.passkey_preferred`), with Skip.

use leptos::prelude::*;

use crate::{
    api::VerificationIdRequest,
    components::form::{ActionButton, FormAlert, FormState},
    flow::next_step::Field,
    journey::use_journey,
    pages::mfa_binding::create_credential,
    shell::{NavButton, PageHeading},
    webauthn,
};

#[component]
pub fn CreatePasskey() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let form = FormState::new();
    let supported = webauthn::supported();
    let options = RwSignal::new(None);
    if supported {
        // Prepared before the click: the browser's prompt must open from it.
        let journey = journey.clone();
        leptos::task::spawn_local(async move {
            match journey.experience.client.web_authn_registration().await {
                Ok(prepared) => options.set(Some(prepared)),
                Err(error) => form.fail(Field::Form, journey.message(&error), false),
            }
        });
    } else {
        form.fail(Field::Form, t("mfa.webauthn_not_supported"), false);
    }
    let create = {
        let journey = journey.clone();
        move || {
            let client = journey.experience.client.clone();
            create_credential(&journey, form, options, move |id| async move {
                client
                    .bind_passkey(&VerificationIdRequest {
                        verification_id: id,
                    })
                    .await
            });
        }
    };
    let skip = {
        let journey = journey.clone();
        move || {
            let journeys = journey.journeys();
            journey.run(form, async move { journeys.skip_passkey().await });
        }
    };
    view! {
        <PageHeading text=t("passkey_sign_in.setup_page.title") />
        <h2>{t("passkey_sign_in.setup_page.subtitle")}</h2>
        <p class="secondary">{t("passkey_sign_in.setup_page.description")}</p>
        <FormAlert form />
        {supported
            .then(|| {
                let ready = Signal::derive(move || options.get().is_some());
                let text = t("passkey_sign_in.setup_page.subtitle");
                view! { <ActionButton form text ready on_click=create /> }
            })}
        <NavButton class="link logto_skip lgt_skipButton" text=t("action.nav_skip") on_press=skip />
    }
}
