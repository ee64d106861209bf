//! `/sign-in/verification-methods`: the ways to prove the identifier
//! entered on `/sign-in` when it has more than two (its passkey, its
//! password, a code), as Logto's `SignInVerificationMethods` lists them.

use leptos::prelude::*;

use crate::{
    components::{
        factor_button::FactorButton,
        form::{FormAlert, FormState},
        icon,
        method_switch::start,
    },
    flow::landing::{self, Factor},
    journey::use_journey,
    router::Redirect,
    shell::PageHeading,
};

#[component]
pub fn SignInMethods() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let Some(identifier) = crate::journey::session().identifier() else {
        return view! { <Redirect path=experience.href("/sign-in") /> }.into_any();
    };
    let has_passkey = journey.journeys().has_passkey();
    let factors = landing::factors(
        &experience.settings,
        &identifier.identifier_type,
        has_passkey,
    )
    .map(|factors| factors.all())
    .unwrap_or_default();
    let form = FormState::new();
    let target = crate::flow::code::sent_to(&identifier);
    let (code_key, code_icon) = match identifier.identifier_type {
        crate::api::SignInIdentifier::Phone => (
            "description.verification_method.phone_verification_code",
            icon::MESSAGE,
        ),
        _ => (
            "description.verification_method.email_verification_code",
            icon::MAIL,
        ),
    };
    // Logto's order: passkey, password, code.
    let cards = [Factor::Passkey, Factor::Password, Factor::Code]
        .into_iter()
        .filter(|factor| factors.contains(factor))
        .map(|factor| {
            let (symbol, title, description) = match factor {
                Factor::Passkey => (
                    icon::KEY,
                    experience.t("description.verification_method.passkey"),
                    experience.t("description.verification_method.passkey_description"),
                ),
                Factor::Password => (
                    icon::LOCK,
                    experience.t("description.verification_method.password"),
                    experience.t("description.verification_method.password_description"),
                ),
                Factor::Code => (
                    code_icon,
                    experience.t(code_key),
                    experience.i18n.t_with(
                        "description.verification_method.verification_code_description",
                        &[("target", target.clone().into())],
                    ),
                ),
            };
            let journey = journey.clone();
            let identifier = identifier.clone();
            view! {
                <FactorButton
                    symbol
                    name=title
                    about=description
                    disabled=form.busy()
                    on_click=move || start(&journey, form, identifier.clone(), factor)
                />
            }
        })
        .collect::<Vec<_>>();
    view! {
        <PageHeading text=experience.t("description.verify_identity") />
        <p class="secondary">{experience.t("description.choose_verification_method")}</p>
        <div class="logto_factor-list">{cards}</div>
        <FormAlert form />
        <a href=experience.href("/sign-in")>{experience.t("action.back")}</a>
    }
    .into_any()
}
