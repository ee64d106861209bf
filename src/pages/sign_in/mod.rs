//! `/sign-in` and `/sign-in/password`: one form component for the three
//! screens of sign-in by identifier (identifier and password on one screen,
//! the identifier first, the password of an identifier already entered).

use std::rc::Rc;

use crate::router::Redirect;
use futures::FutureExt;
use leptos::prelude::*;

use crate::{
    api::{Identifier, SignInIdentifier},
    components::{
        dialog::{question_signal, QuestionDialog},
        form::{FormAlert, FormState, SubmitButton},
        identifier_field::read_identifier,
        method_switch::MethodSwitch,
        terms::{TermsAgreement, TermsGate},
    },
    flow::{
        landing::{self, Factor, IdentifierInput, SignInForm, Terms},
        next_step::{Field, NextStep},
        route::CodeFlow,
    },
    journey::{self, use_journey, Journey},
    journeys::{Outcome, Prestart},
    shell::PageHeading,
};

mod alternatives;
mod detours;
mod fields;
use alternatives::{Alternatives, AlternativesView};
use detours::{password_expired, sso_first};
use fields::Fields;

/// What the form asks for.
#[derive(Debug, Clone)]
enum Step {
    /// Identifier and password on one screen (every method is
    /// password-only).
    OneScreen(IdentifierInput),
    /// The identifier only; its method decides the next page.
    IdentifierFirst(IdentifierInput),
    /// The password of an identifier entered on the previous page.
    Password(Identifier),
}

/// The sign-in landing page, composed from the settings
/// ([`landing::sign_in`]).
///
/// `identifier_only`: `/identifier-sign-in` (the `first_screen` of apps
/// that collect the identifier themselves): the identifier form alone,
/// restricted to the `identifier` parameter's types.
#[component]
pub fn SignIn(#[prop(optional)] identifier_only: bool) -> impl IntoView {
    let journey = use_journey();
    let settings = &journey.experience.settings;
    if let Some(to) = landing::redirect(false, &settings.sign_in_mode) {
        return view! { <Redirect path=journey.experience.href(to) /> }.into_any();
    }
    let restriction = match (&journey.experience.query.identifier, identifier_only) {
        (Some(types), true) => landing::parse_identifier_param(types),
        _ => Vec::new(),
    };
    let landing = landing::sign_in(settings, &restriction);
    let step = match landing.form {
        SignInForm::Password(input) if identifier_only => Some(Step::IdentifierFirst(input)),
        SignInForm::Password(input) => Some(Step::OneScreen(input)),
        SignInForm::IdentifierFirst(input) => Some(Step::IdentifierFirst(input)),
        // Social and SSO only: their buttons come with those flows.
        SignInForm::None => None,
    };
    view! {
        <Form
            journey
            step
            forgot_password=landing.forgot_password && !identifier_only
            create_account=landing.create_account && !identifier_only
            terms=landing.terms
            all_options=identifier_only
            passkey_first=landing.passkey_after_identifier
            alternatives=if identifier_only {
                Alternatives::default()
            } else {
                Alternatives {
                    social: landing.social,
                    single_sign_on: landing.single_sign_on,
                    passkey_button: landing.passkey_button,
                    passkey_autofill: landing.passkey_autofill,
                }
            }
        />
    }
    .into_any()
}

/// `/sign-in/password`: the password step of identifier-first sign-in, for
/// the identifier remembered by the previous page.
#[component]
pub fn SignInPassword() -> impl IntoView {
    let journey = use_journey();
    match crate::journey::session().identifier() {
        Some(identifier) => {
            let settings = &journey.experience.settings;
            let forgot_password = landing::forgot_password_available(settings);
            view! {
                <Form
                    journey
                    step=Some(Step::Password(identifier))
                    forgot_password
                    create_account=false
                    terms=Terms::Hidden
                    all_options=false
                    alternatives=Alternatives::default()
                />
            }
            .into_any()
        }
        None => view! { <Redirect path=journey.experience.href("/sign-in") /> }.into_any(),
    }
}

#[component]
fn Form(
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

    let initial = match (&fixed, &experience.query.login_hint) {
        (Some(identifier), _) => identifier.value.clone(),
        (None, Some(hint)) => hint.clone(),
        (None, None) => crate::journey::session()
            .identifier()
            .map(|identifier| identifier.value)
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
    // The interaction is started as soon as a password form shows, so that
    // the click costs three calls (verify password, identify, submit).
    let started = StoredValue::new_local(None::<Prestart>);
    let restart = {
        let journeys = journey.journeys();
        move || {
            let pending = journeys.prestart();
            leptos::task::spawn_local(pending.clone().map(|_| ()));
            started.set_value(Some(pending));
        }
    };
    if asks_password {
        restart();
    }

    let send_code = {
        let journey = journey.clone();
        move |value: Identifier| {
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            leptos::task::spawn_local(async move {
                crate::journey::session().remember_identifier(&value);
                journey
                    .send_code_and_go(form, CodeFlow::SignIn, value, "/sign-in")
                    .await;
            });
        }
    };

    // After the identifier is read: the next page, or the password sign-in.
    let proceed = {
        let journey = journey.clone();
        let send_code = send_code.clone();
        move |value: Identifier| {
            let experience = &journey.experience;
            let t = |key: &str| experience.t(key);
            if identifier_first {
                let settings = &experience.settings;
                let next = {
                    let journey = journey.clone();
                    let send_code = send_code.clone();
                    let settings = settings.clone();
                    move |value: Identifier| {
                        let first = landing::factors(&settings, &value.identifier_type, false);
                        match first.map(|f| f.first) {
                            Some(Factor::Code) => send_code(value),
                            _ => {
                                crate::journey::session().remember_identifier(&value);
                                journey.navigate("/sign-in/password");
                            }
                        }
                    }
                };
                // Whenever passkeys are on, the person's own first (Logto's
                // identifier-first passkey), else silently the usual way.
                if !(passkey_first && crate::webauthn::supported()) {
                    return next(value);
                }
                if !form.begin() {
                    return;
                }
                let journey = journey.clone();
                leptos::task::spawn_local(async move {
                    match journey.journeys().passkey_first(&value).await {
                        Some(outcome) => journey.show(form, outcome),
                        None => {
                            form.end();
                            next(value);
                        }
                    }
                });
                return;
            }
            let secret = password.get_untracked();
            if secret.is_empty() {
                return form.fail(Field::Password, t("error.password_required"), false);
            }
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let pending = started.get_value();
            let restart = restart.clone();
            leptos::task::spawn_local(async move {
                let journeys = journey.journeys();
                let outcome = match crate::captcha::token(&journeys.settings).await {
                    Ok(captcha) => {
                        journeys
                            .sign_in_with_password(pending, value, secret, captcha)
                            .await
                    }
                    Err(_) => Outcome::CaptchaFailed,
                };
                // The next try on this page runs on a fresh interaction; a
                // next step on another page (MFA, profile) continues this one.
                let failed = !matches!(outcome, Outcome::Leave(_) | Outcome::Go(_));
                match journey.render(form, outcome) {
                    Some(Err((NextStep::PasswordExpired { reset }, _))) => {
                        password_expired(&journey, question, reset)
                    }
                    Some(Err((_, message))) => form.fail(Field::Form, message, false),
                    _ => {}
                }
                if failed {
                    restart();
                }
            });
        }
    };
    let proceed = Rc::new(proceed);

    let on_submit = {
        let journey = journey.clone();
        let input = input.clone();
        let fixed = fixed.clone();
        let proceed = proceed.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let experience = &journey.experience;
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
            // An email whose domain has enterprise SSO signs in there.
            let sso = experience.settings.single_sign_on_enabled
                && fixed.is_none()
                && value.identifier_type == SignInIdentifier::Email;
            let proceed = proceed.clone();
            if !sso {
                // Under `Manual`, the "Agree" dialog first.
                return gate.then(experience, Rc::new(move || proceed(value.clone())));
            }
            let lookup = {
                let experience = experience.clone();
                move || sso_first(&experience, form, value.clone(), proceed.clone())
            };
            gate.then(experience, Rc::new(lookup));
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
    let alternatives_view =
        view! { <AlternativesView alternatives form gate divider=step.is_some() /> };
    let mode = experience.settings.sign_in_mode.to_string();
    let notice = journey::session().take_flash().map(|text| {
        view! {
            <p role="status" class="logto_notice logto_notice-success">
                {crate::components::icon::icon(crate::components::icon::CHECK)}
                <span>{text}</span>
            </p>
        }
    });
    view! {
        <PageHeading text=heading title=t("action.sign_in") />
        {notice}
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
                        />
                        {link(forgot_password, "/forgot-password", "action.forgot_password")}
                        <TermsAgreement gate />
                        {crate::captcha::widget(&experience.settings)}
                        <FormAlert form />
                        <SubmitButton form text=submit />
                    </form>
                }
            })}
        {switch}
        {link(fixed.is_some(), "/sign-in", "action.back")}
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
