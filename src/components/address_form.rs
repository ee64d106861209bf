//! The form that takes an email or phone to link (a missing profile item,
//! or an MFA factor being added) and sends it a code; the code page
//! (`/continue/verification-code`) verifies and links it.

use leptos::prelude::*;

use crate::{
    api::SignInIdentifier,
    components::{
        form::{FormAlert, FormState, SubmitButton},
        identifier_field::{read_identifier, IdentifierField},
    },
    flow::{landing::identifier_input, next_step::Field, route::CodeFlow},
    journey::use_journey,
    shell::PageHeading,
};

#[component]
pub fn AddressForm(
    /// The identifier types the input accepts.
    types: Vec<SignInIdentifier>,
    /// Phrase keys of the heading and the sentence under it.
    heading: &'static str,
    description: &'static str,
    /// The page to come back to for another address.
    back: String,
    /// The address becomes an MFA factor, not a profile item.
    #[prop(optional)]
    mfa: bool,
    form: FormState,
) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let input = identifier_input(&types, false, false);
    let value = RwSignal::new(String::new());
    let country =
        RwSignal::new(crate::phone::default_country(experience.i18n.language()).to_owned());
    let form = form.input(Field::Identifier, "identifier", value);
    let on_submit = {
        let input = input.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let experience = &journey.experience;
            let typed = value.get_untracked();
            let country = country.get_untracked();
            let identifier = match read_identifier(&experience.i18n, &input, &typed, &country) {
                Ok(identifier) => identifier,
                Err(message) => return form.fail(Field::Identifier, message, false),
            };
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let back = back.clone();
            leptos::task::spawn_local(async move {
                if mfa {
                    journey.send_mfa_code_and_go(form, identifier, &back).await;
                } else {
                    journey
                        .send_code_and_go(form, CodeFlow::Continue, identifier, &back)
                        .await;
                }
            });
        }
    };
    let label = input.label(t);
    view! {
        <PageHeading text=t(heading) />
        <p class="secondary">{t(description)}</p>
        <form on:submit=on_submit novalidate>
            <IdentifierField input label value country error=form.error(Field::Identifier) />
            <FormAlert form />
            <SubmitButton form text=t("action.continue") />
        </form>
    }
}
