//! `/create-passkey`: after a sign-in, the offer to create a passkey for the
//! next one (`user.passkey_preferred`), with Skip.

use leptos::prelude::*;

use crate::{
    components::{
        form::{FormAlert, FormState},
        new_credential::NewCredentialButton,
    },
    journey::use_journey,
    journeys::NewCredential,
    shell::{NavButton, PageHeading},
};

#[component]
pub fn CreatePasskey() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let form = FormState::new();
    let skip = move || {
        let journeys = journey.journeys();
        journey.run(form, async move { journeys.skip_passkey().await });
    };
    view! {
        <PageHeading text=t("passkey_sign_in.setup_page.title") />
        <p class="secondary">{t("passkey_sign_in.setup_page.description")}</p>
        <FormAlert form />
        <NewCredentialButton
            form
            text=t("passkey_sign_in.setup_page.subtitle")
            what=NewCredential::Passkey
        />
        <NavButton class="link logto_skip lgt_skipButton" text=t("action.nav_skip") on_press=skip />
    }
}
