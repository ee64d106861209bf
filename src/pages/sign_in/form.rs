//! The sign-in form: the identifier (and password) inputs, the links and
//! the other ways in; what a submit does is [`super::proceed`]'s.

use std::rc::Rc;

use leptos::prelude::*;

#[cfg(feature = "full")]
use super::detours::sso_first;
use super::{
    alternatives::{Alternatives, AlternativesView},
    fields::Fields,
    proceed::Proceed,
    Step,
};
use crate::{
    api::Identifier,
    components::{
        dialog::{question_signal, QuestionDialog},
        form::{FormAlert, FormState, SubmitButton},
        identifier_field::read_identifier,
        method_switch::MethodSwitch,
        terms::{TermsAgreement, TermsGate},
    },
    flow::{
        landing::{Factor, Terms},
        next_step::Field,
    },
    journey::{self, Journey},
    shell::PageHeading,
};
#[cfg(feature = "full")]
use crate::{
    api::SignInIdentifier, components::sso_watch::SsoWatch, identity_provider::single_sign_on_from,
};

/// The form of the three screens (see [`Step`]), with the links and the
/// other ways in around it.
#[component]
pub(super) fn Form(
    journey: Journey,
    step: Option<Step>,
    forgot_password: bool,
    create_account: bool,
    terms: Terms,
    /// "All sign-in options" (back to `/sign-in`).
    all_options: bool,
    alternatives: Alternatives,
    /// The person's passkeys are looked up after the identifier.
    #[prop(optional)]
    passkey_first: bool,
) -> impl IntoView {
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let (input, fixed) = match &step {
        Some(Step::OneScreen(input) | Step::IdentifierFirst(input)) => (Some(input.clone()), None),
        Some(Step::Password(identifier)) => (None, Some(identifier.clone())),
        None => (None, None),
    };
    let identifier_first = matches!(step, Some(Step::IdentifierFirst(_)));
    let asks_password = step.is_some() && !identifier_first;

    // The identifier typed before in this tab (of a type this form takes),
    // else `login_hint`: Logto's order (`use-prefilled-identifier.ts`).
    let typed_before = || {
        let types = &input.as_ref()?.types;
        crate::journey::session()
            .identifier()
            .filter(|identifier| types.contains(&identifier.identifier_type))
            .map(|identifier| identifier.value)
    };
    let initial = match &fixed {
        Some(identifier) => identifier.value.clone(),
        None => typed_before()
            .or_else(|| experience.query.login_hint.clone())
            .unwrap_or_default(),
    };
    let identifier = RwSignal::new(initial);
    let country =
        RwSignal::new(crate::phone::default_country(experience.i18n.language()).to_owned());
    let password = RwSignal::new(String::new());
    let form = FormState::new()
        .input(Field::Identifier, "identifier", identifier)
        .input(Field::Password, "password", password);
    let question = question_signal();
    let gate = TermsGate::new(terms, question);
    // An email with enterprise SSO is noticed as it is typed. The lite
    // build serves no SSO on an email (`flow::lite`).
    #[cfg(feature = "full")]
    let watch = input
        .as_ref()
        .filter(|input| input.types.contains(&SignInIdentifier::Email))
        .map(|_| SsoWatch::new(&experience, identifier));
    #[cfg(feature = "full")]
    let sso = Signal::derive(move || watch.and_then(SsoWatch::choice).is_some());
    #[cfg(not(feature = "full"))]
    let sso = Signal::stored(false);
    let proceed = Proceed {
        journey: journey.clone(),
        form,
        question,
        password,
        identifier_first,
        passkey_first,
        started: StoredValue::new_local(None),
    };
    if asks_password {
        proceed.restart();
    }
    let proceed = {
        let proceed = proceed.clone();
        Rc::new(move |value: Identifier| proceed.run(value))
    };

    let on_submit = {
        let journey = journey.clone();
        let input = input.clone();
        let fixed = fixed.clone();
        let proceed = proceed.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let experience = &journey.experience;
            #[cfg(feature = "full")]
            if let Some(choice) = watch.and_then(SsoWatch::choice_now) {
                let go = {
                    let experience = experience.clone();
                    move || single_sign_on_from(&experience, form, choice.clone())
                };
                return gate.then(experience, Rc::new(go));
            }
            let value = match (&fixed, &input) {
                (Some(identifier), _) => identifier.clone(),
                (None, Some(input)) => {
                    let typed = identifier.get_untracked();
                    let country = country.get_untracked();
                    match read_identifier(&experience.i18n, input, &typed, &country) {
                        Ok(value) => value,
                        Err(message) => return form.fail(Field::Identifier, message, false),
                    }
                }
                (None, None) => return,
            };
            let proceed = proceed.clone();
            // An email whose domain has enterprise SSO signs in there.
            #[cfg(feature = "full")]
            if experience.settings.single_sign_on_enabled
                && fixed.is_none()
                && value.identifier_type == SignInIdentifier::Email
            {
                let lookup = {
                    let experience = experience.clone();
                    move || sso_first(&experience, form, value.clone(), proceed.clone())
                };
                return gate.then(experience, Rc::new(lookup));
            }
            // Under `Manual`, the "Agree" dialog first.
            gate.then(experience, Rc::new(move || proceed(value.clone())));
        }
    };

    let heading = match &fixed {
        Some(_) => t("description.enter_password"),
        None => t("description.sign_in_to_your_account"),
    };
    let link = |show: bool, path: &str, key: &str| {
        show.then(|| view! { <a href=experience.href(path)>{t(key)}</a> })
    };
    // The identifier's other factors, from its password page.
    let switch = fixed.clone().map(|identifier| {
        view! { <MethodSwitch identifier current=Factor::Password form /> }
    });
    let submit = if fixed.is_some() || identifier_first {
        t("action.continue")
    } else {
        t("action.sign_in")
    };
    let sso_text = t("action.single_sign_on");
    let submit = Signal::derive(move || {
        if sso.get() {
            sso_text.clone()
        } else {
            submit.clone()
        }
    });
    #[cfg(feature = "full")]
    let sso_notice = watch.map(|_| {
        view! {
            <p role="status" class="secondary logto_sso-notice" hidden=move || !sso.get()>
                {t("description.single_sign_on_enabled")}
            </p>
        }
    });
    #[cfg(not(feature = "full"))]
    let sso_notice = ();
    let alternatives_view =
        view! { <AlternativesView alternatives form gate divider=step.is_some() /> };
    let mode = experience.settings.sign_in_mode.to_string();
    // "Password changed": Logto's toast on the sign-in page.
    if let Some(text) = journey::session().take_flash() {
        crate::components::toast::show(&text);
    }
    view! {
        <PageHeading text=heading />
        <p class="sign-in-mode" hidden data-sign-in-mode=mode></p>
        {step
            .is_some()
            .then(|| {
                view! {
                    <form on:submit=on_submit novalidate>
                        <Fields
                            input=input.clone()
                            fixed=fixed.clone()
                            identifier
                            country
                            password=asks_password.then_some(password)
                            form
                            sso
                        />
                        {sso_notice}
                        <div hidden=move || {
                            sso.get()
                        }>
                            {link(forgot_password, "/forgot-password", "action.forgot_password")}
                        </div>
                        <TermsAgreement gate />
                        {crate::captcha::widget(&experience.settings)}
                        <FormAlert form />
                        <SubmitButton form text=submit />
                    </form>
                }
            })}
        {switch}
        {link(all_options, "/sign-in", "description.all_sign_in_options")}
        {alternatives_view}
        // Without a form, the terms come after the other ways in.
        {step.is_none().then(|| view! { <TermsAgreement gate /> })}
        {create_account
            .then(|| {
                view! {
                    <div class="secondary lgt_createAccount">
                        {t("description.no_account")}
                        {link(true, "/register", "action.create_account")}
                    </div>
                }
            })}
        <QuestionDialog question />
    }
}
