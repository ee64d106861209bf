//! `/register` and `/register/password`: a new account by username (then
//! its password) or by an email or phone proven with a code.

use crate::components::social_buttons::SocialButtons;
use crate::router::Redirect;
use leptos::prelude::*;

use crate::{
    api::{Identifier, ProfileRequest},
    components::{
        dialog::{question_signal, QuestionDialog},
        form::{FormAlert, FormState, SubmitButton},
        identifier_field::{read_identifier, IdentifierField},
        password_fields::NewPasswordForm,
        sso_link::SsoLink,
        sso_watch::SsoWatch,
        terms::{TermsAgreement, TermsGate},
    },
    flow::{
        landing::{self, Registration},
        next_step::Field,
        route::CodeFlow,
        username,
    },
    journey::{self, use_journey},
    journeys::Outcome,
    shell::PageHeading,
};

/// The registration landing page, composed from the `signUp` settings.
///
/// `identifier_only`: `/identifier-register`, the form alone, restricted to
/// the `identifier` parameter's types.
#[component]
pub fn Register(#[prop(optional)] identifier_only: bool) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let settings = &experience.settings;
    if let Some(to) = landing::redirect(true, &settings.sign_in_mode) {
        return view! { <Redirect path=experience.href(to) /> }.into_any();
    }
    let restriction = match (&experience.query.identifier, identifier_only) {
        (Some(types), true) => landing::parse_identifier_param(types),
        _ => Vec::new(),
    };
    let landing = landing::register(settings, &restriction);
    let t = |key: &str| experience.t(key);
    let identifier = RwSignal::new(experience.query.login_hint.clone().unwrap_or_default());
    let country =
        RwSignal::new(crate::phone::default_country(experience.i18n.language()).to_owned());
    let form = FormState::new().input(Field::Identifier, "identifier", identifier);
    let question = question_signal();
    let gate = TermsGate::new(landing.terms, question);
    // An email with enterprise SSO goes there instead (Logto's
    // `IdentifierRegisterForm`): noticed as it is typed, else checked
    // before the code is sent.
    let watch = landing
        .form
        .as_ref()
        .filter(|input| input.types.contains(&crate::api::SignInIdentifier::Email))
        .map(|_| SsoWatch::new(&experience, identifier));
    let sso = Signal::derive(move || watch.and_then(SsoWatch::choice).is_some());

    let on_submit = {
        let journey = journey.clone();
        let input = landing.form.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(input) = &input else { return };
            let experience = &journey.experience;
            if let Some(choice) = watch.and_then(SsoWatch::choice_now) {
                let go = {
                    let experience = experience.clone();
                    move || {
                        crate::identity_provider::single_sign_on_from(
                            &experience,
                            form,
                            choice.clone(),
                        )
                    }
                };
                return gate.then(experience, std::rc::Rc::new(go));
            }
            let typed = identifier.get_untracked();
            let country = country.get_untracked();
            let value = match read_identifier(&experience.i18n, input, &typed, &country) {
                Ok(value) => value,
                Err(message) => return form.fail(Field::Identifier, message, false),
            };
            if value.identifier_type == crate::api::SignInIdentifier::Username {
                let policy = &experience.settings.username_policy;
                if let Err(problem) = username::check(&value.value, policy) {
                    let message = problem.message(&experience.i18n);
                    return form.fail(Field::Identifier, message, false);
                }
            }
            let registration = landing::registration(&experience.settings, &value.identifier_type);
            let journey = journey.clone();
            let go = move || {
                if !form.begin() {
                    return;
                }
                let journey = journey.clone();
                let value = value.clone();
                leptos::task::spawn_local(async move {
                    register(&journey, form, registration, value).await;
                });
            };
            gate.then(experience, std::rc::Rc::new(go));
        }
    };

    let identifier_field = landing.form.clone().map(|input| {
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
    let all_options = identifier_only.then(|| {
        view! { <a href=experience.href("/register")>{t("description.all_account_creation_options")}</a> }
    });
    let sign_in = (landing.sign_in && !identifier_only).then(|| {
        view! {
            <p class="secondary">
                {t("description.have_account")} " "
                <a href=experience.href("/sign-in")>{t("action.sign_in")}</a>
            </p>
        }
    });
    let alternatives = (!identifier_only).then(|| {
        let social = landing.social;
        let sso = landing.single_sign_on.then(|| view! { <SsoLink gate /> });
        view! {
            <crate::components::one_tap::GoogleOneTap context="signup" />
            {(landing.form.is_some() && (social || sso.is_some()))
                .then(|| view! { <crate::components::divider::OrDivider /> })}
            <div class="logto_alternatives">
                {social.then(|| view! { <SocialButtons form gate /> })} {sso}
            </div>
        }
    });
    let sso_text = t("action.single_sign_on");
    let create_text = t("action.create_account");
    let submit = Signal::derive(move || {
        if sso.get() {
            sso_text.clone()
        } else {
            create_text.clone()
        }
    });
    let sso_notice = watch.map(|_| {
        view! {
            <p role="status" class="secondary logto_sso-notice" hidden=move || !sso.get()>
                {t("description.single_sign_on_enabled")}
            </p>
        }
    });
    view! {
        <PageHeading text=t("description.create_your_account") />
        {landing
            .form
            .is_some()
            .then(|| {
                view! {
                    <form on:submit=on_submit novalidate>
                        {identifier_field}
                        {sso_notice}
                        <div hidden=move || sso.get()>
                            <TermsAgreement gate />
                        </div>
                        {crate::captcha::widget(&experience.settings)}
                        <FormAlert form />
                        <SubmitButton form text=submit />
                    </form>
                }
            })}
        {alternatives}
        // Social only: the box above the buttons' way out, as on Logto's page.
        {landing.form.is_none().then(|| view! { <TermsAgreement gate /> })}
        {all_options}
        {sign_in}
        <QuestionDialog question />
    }
    .into_any()
}

/// Starts the registration with `value`: a username is staged (then the
/// password page, or straight to identification when the server asks for
/// the rest itself); an email or phone gets a code.
async fn register(
    journey: &journey::Journey,
    form: FormState,
    registration: Registration,
    value: Identifier,
) {
    match registration {
        Registration::Code => {
            let email = value.identifier_type == crate::api::SignInIdentifier::Email;
            if email && journey.experience.settings.single_sign_on_enabled {
                // Logto's `use-check-single-sign-on.ts`: a failed lookup
                // registers as usual.
                if let Ok(Some(choice)) = journey.journeys().find_sso(&value.value).await {
                    crate::identity_provider::remember_sso(&choice);
                    form.end();
                    return journey.navigate("/single-sign-on/connectors");
                }
            }
            journey
                .send_code_and_go(form, CodeFlow::Register, value, "/register")
                .await;
        }
        Registration::Username { password_page } => {
            let outcome = match crate::captcha::token(&journey.experience.settings).await {
                Ok(captcha) => {
                    journey
                        .journeys()
                        .register_username(value, password_page, captcha)
                        .await
                }
                Err(_) => Outcome::CaptchaFailed,
            };
            if let Some(Err((_, message))) = journey.render(form, outcome) {
                form.fail(Field::Form, message, false);
            }
        }
    }
}

/// `/register/password`: the password of the username just staged.
#[component]
pub fn RegisterPassword() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let username = crate::journey::session()
        .identifier()
        .map(|identifier| identifier.value);
    let on_password = move |form, secret| {
        let journeys = journey.journeys();
        journey.run(form, async move {
            journeys
                .fill_profile(ProfileRequest::Password { value: secret })
                .await
        });
    };
    view! {
        <PageHeading text=t("description.set_password") />
        <NewPasswordForm on_password username=username.unwrap_or_default() />
        <a href=experience.href("/register")>{t("action.back")}</a>
    }
}
