//! `/sign-in` and `/sign-in/password`: one form component for the three
//! screens of sign-in by identifier (identifier and password on one screen,
//! the identifier first, the password of an identifier already entered).

use std::rc::Rc;

use crate::router::Redirect;
use futures::FutureExt;
use leptos::prelude::*;

use crate::{
    api::{ErrorCode, Identifier, SignInIdentifier},
    components::{
        dialog::{question_signal, Question, QuestionDialog},
        field::TextField,
        form::{FormAlert, FormState, SubmitButton},
        identifier_field::{read_identifier, IdentifierField},
        passkey_sign_in::PasskeySignIn,
        social_buttons::SocialButtons,
        terms::TermsAgreement,
    },
    context::Experience,
    flow::{
        landing::{self, Factor, IdentifierInput, SignInForm, Terms},
        next_step::{Field, NextStep},
        route::CodeFlow,
    },
    identity_provider::{self, SsoChoice},
    journey::{self, use_journey, Journey},
    journeys::{Outcome, Prestart},
    shell::PageHeading,
};

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

/// The ways to sign in besides the identifier form.
#[derive(Debug, Clone, Copy, Default)]
struct Alternatives {
    social: bool,
    single_sign_on: bool,
    passkey_button: bool,
    passkey_autofill: bool,
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
    let agreed = RwSignal::new(false);
    let form = FormState::new()
        .input(Field::Identifier, "identifier", identifier)
        .input(Field::Password, "password", password);
    let question = question_signal();
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
    // The factors of the identifier on the password page: the switch to a
    // code when the method allows one.
    let code_switch = fixed.as_ref().and_then(|identifier| {
        let factors = landing::factors(&experience.settings, &identifier.identifier_type, false)?;
        factors
            .others
            .contains(&Factor::Code)
            .then(|| identifier.clone())
    });

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
                // Passkeys offered after the identifier (no button on the
                // landing): the person's own, else silently the usual way.
                let passkey = &settings.passkey_sign_in;
                let passkey_first = passkey.enabled == Some(true)
                    && passkey.show_passkey_button != Some(true)
                    && crate::webauthn::supported();
                if !passkey_first {
                    return next(value);
                }
                if !form.begin() {
                    return;
                }
                let journey = journey.clone();
                leptos::task::spawn_local(async move {
                    crate::journey::session().remember_identifier(&value);
                    match journey.journeys().passkey_challenge(&value).await {
                        Ok(_) => journey.navigate("/sign-in/passkey"),
                        Err(error)
                            if error.code()
                                == Some(&ErrorCode::SessionMfaWebauthnVerificationNotFound) =>
                        {
                            form.end();
                            next(value);
                        }
                        Err(error) => form.fail(Field::Form, journey.message(&error), false),
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
                let failed = !matches!(outcome, Outcome::Leave(_) | Outcome::Go(_));
                let here = window().location().pathname().ok();
                match journey.render(form, outcome) {
                    Some(Err((NextStep::PasswordExpired { reset }, _))) => {
                        let experience = &journey.experience;
                        let navigate = journey.clone();
                        question.set(Some(Question {
                            message: experience.t("description.password_expired"),
                            confirm: experience.t(if reset {
                                "description.password_expiration_reset"
                            } else {
                                "action.got_it"
                            }),
                            cancel: None,
                            on_confirm: Rc::new(move || {
                                if reset {
                                    navigate.navigate("/forgot-password");
                                }
                            }),
                        }));
                    }
                    Some(Err((_, message))) => form.fail(Field::Form, message, false),
                    _ => {}
                }
                // The next try on this page runs on a fresh interaction; a
                // next step on another page (MFA, profile) continues this one.
                if failed && window().location().pathname().ok() == here {
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
            if terms == Terms::Checkbox && !agreed.get_untracked() {
                return form.fail(Field::Form, terms_message(experience), false);
            }
            // An email whose domain has enterprise SSO signs in there.
            let sso = experience.settings.single_sign_on_enabled
                && fixed.is_none()
                && value.identifier_type == SignInIdentifier::Email;
            if sso {
                if !form.begin() {
                    return;
                }
                let experience = experience.clone();
                let proceed = proceed.clone();
                leptos::task::spawn_local(async move {
                    crate::journey::session().remember_identifier(&value);
                    match experience.client.sso_connectors(&value.value).await {
                        Ok(found) if !found.connector_ids.is_empty() => {
                            let choice = SsoChoice {
                                email: value.value.clone(),
                                connector_ids: found.connector_ids,
                            };
                            if let Err(error) =
                                identity_provider::single_sign_on(&experience, choice).await
                            {
                                let message = journey::message(&experience, &error);
                                form.fail(Field::Form, message, false);
                            }
                        }
                        // No SSO for it (or the lookup failed): as usual.
                        _ => {
                            form.end();
                            proceed(value);
                        }
                    }
                });
            } else {
                proceed(value);
            }
        }
    };

    let heading = match &fixed {
        Some(_) => t("description.enter_password"),
        None => t("description.sign_in_to_your_account"),
    };
    let intro = fixed.as_ref().map(|identifier| {
        let key = landing::type_key(&identifier.identifier_type);
        let value = crate::flow::code::sent_to(identifier);
        let text = experience.i18n.t_with(
            "description.enter_password_for",
            &[("method", t(key).into()), ("value", value.clone().into())],
        );
        view! {
            <p class="secondary">{text}</p>
            // For password managers: the account this password belongs to.
            <input
                type="text"
                name="identifier"
                autocomplete="username"
                value=value
                hidden
                readonly
            />
        }
    });
    let identifier_field = input.map(|input| {
        let label = input.label(t);
        view! {
            <IdentifierField
                input
                label
                value=identifier
                country
                error=form.error(Field::Identifier)
            />
        }
    });
    let password_field = asks_password.then(|| {
        view! {
            <TextField
                name="password"
                label=t("input.password")
                autocomplete="current-password"
                input_type="password"
                value=password
                error=form.error(Field::Password)
            />
        }
    });
    let link = |show: bool, path: &str, key: &str| {
        show.then(|| view! { <a href=experience.href(path)>{t(key)}</a> })
    };
    let switch = code_switch.map(|value| {
        let send_code = send_code.clone();
        view! {
            <crate::components::action_link::ActionLink
                class="link"
                text=t("action.sign_in_via_passcode")
                on_press=move || send_code(value.clone())
            />
        }
    });
    let submit = if fixed.is_some() || identifier_first {
        t("action.continue")
    } else {
        t("action.sign_in")
    };
    let alternatives_view = {
        let Alternatives {
            social,
            single_sign_on,
            passkey_button,
            passkey_autofill,
        } = alternatives;
        let experience = experience.clone();
        let may_leave: Rc<dyn Fn() -> bool> = Rc::new(move || {
            let agreed = terms != Terms::Checkbox || agreed.get_untracked();
            if !agreed {
                form.fail(Field::Form, terms_message(&experience), false);
            }
            agreed
        });
        let others = social || single_sign_on || passkey_button;
        view! {
            {(step.is_some() && others)
                .then(|| {
                    view! {
                        <div class="logto_divider lgt_divider">
                            <i class="lgt_line"></i>
                            {t("description.or")}
                            <i class="lgt_line"></i>
                        </div>
                    }
                })}
            <div class="logto_alternatives">
                {social.then(|| view! { <SocialButtons form may_leave /> })}
                <PasskeySignIn form button=passkey_button autofill=passkey_autofill />
                {single_sign_on
                    .then(|| {
                        view! {
                            <a
                                class="button secondary logto_sso-button"
                                href=journey.experience.href("/single-sign-on")
                            >
                                {t("action.single_sign_on")}
                            </a>
                        }
                    })}
            </div>
        }
    };
    let mode = experience.settings.sign_in_mode.to_string();
    let notice = journey::session().take_flash().map(|text| {
        view! {
            <p role="status" class="logto_notice">
                {text}
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
                        {intro}
                        {identifier_field}
                        {password_field}
                        {link(forgot_password, "/forgot-password", "action.forgot_password")}
                        <TermsAgreement terms agreed />
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

/// "Please agree to the terms" for a submit without the box ticked.
pub fn terms_message(experience: &Experience) -> String {
    let names = [
        experience.t("description.terms_of_use"),
        experience.t("description.privacy_policy"),
    ];
    experience
        .i18n
        .t_with("description.agree_with_terms_modal", &[])
        .replace(
            "<link></link>",
            &names.join(&format!(" {} ", experience.t("description.and"))),
        )
}
