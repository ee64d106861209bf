//! `/sign-in` and `/sign-in/password`: one form component for the three
//! screens of password sign-in (identifier and password on one screen, the
//! identifier first, the password of an identifier already entered).

use futures::{
    future::{LocalBoxFuture, Shared},
    FutureExt,
};
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_navigate};

use crate::{
    api::{
        ApiError, Client, IdentificationRequest, Identifier, InteractionEvent,
        InteractionEventRequest, PasswordRequest,
    },
    components::field::TextField,
    context::{use_experience, Experience},
    flow::{
        landing::{self, Factor, IdentifierInput, SignInForm},
        next_step::{next_step, Context, Field, NextStep, Via},
        sign_in::{classify, outcome, Outcome},
    },
    session,
    shell::PageHeading,
};

type Started = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

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
#[component]
pub fn SignIn() -> impl IntoView {
    let experience = use_experience();
    let settings = &experience.settings;
    if let Some(to) = landing::redirect(false, &settings.sign_in_mode) {
        return view! { <Redirect path=experience.href(to) /> }.into_any();
    }
    let landing = landing::sign_in(settings, &[]);
    let step = match landing.form {
        SignInForm::Password(input) => Some(Step::OneScreen(input)),
        SignInForm::IdentifierFirst(input) => Some(Step::IdentifierFirst(input)),
        // Social and SSO only: their buttons come with those flows.
        SignInForm::None => None,
    };
    view! {
        <Form step forgot_password=landing.forgot_password create_account=landing.create_account />
    }
    .into_any()
}

/// `/sign-in/password`: the password step of identifier-first sign-in, for
/// the identifier remembered by the previous page.
#[component]
pub fn SignInPassword() -> impl IntoView {
    let experience = use_experience();
    match session::remembered_identifier() {
        Some(identifier) => view! {
            <Form
                step=Some(Step::Password(identifier))
                forgot_password=landing::forgot_password_available(&experience.settings)
                create_account=false
            />
        }
        .into_any(),
        None => view! { <Redirect path=experience.href("/sign-in") /> }.into_any(),
    }
}

#[component]
fn Form(step: Option<Step>, forgot_password: bool, create_account: bool) -> impl IntoView {
    let experience = use_experience();
    let navigate = use_navigate();
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
        (None, None) => session::remembered_identifier()
            .map(|identifier| identifier.value)
            .unwrap_or_default(),
    };
    let identifier = RwSignal::new(initial);
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(Field, String)>);
    let busy = RwSignal::new(false);
    // The interaction is started as soon as a password form shows, so that
    // the click costs three calls (verify password, identify, submit).
    let started = StoredValue::new_local(None::<Started>);
    let restart = move |client: &Client| {
        let pending = start(client.clone());
        leptos::task::spawn_local(pending.clone().map(|_| ()));
        started.set_value(Some(pending));
    };
    if asks_password {
        restart(&experience.client);
    }

    let has_input = input.is_some();
    // Shows `message` next to `field` (the form when the page has no such
    // input), clears a rejected password and moves the focus there.
    let fail = move |field: Field, message: String| {
        let field = match field {
            Field::Identifier if has_input => field,
            Field::Password if asks_password => {
                password.set(String::new());
                field
            }
            _ => Field::Form,
        };
        error.set(Some((field, message)));
        let id = match field {
            Field::Identifier => "identifier",
            Field::Password => "password",
            _ => return,
        };
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = document().get_element_by_id(id) {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let field_error =
        move |field| Signal::derive(move || error.get().filter(|(f, _)| *f == field).map(|e| e.1));

    let on_submit = {
        let experience = experience.clone();
        let input = input.clone();
        let fixed = fixed.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // A double click must not send twice.
            if busy.get_untracked() {
                return;
            }
            let t = |key: &str| experience.t(key);
            let value = match (&fixed, &input) {
                (Some(identifier), _) => identifier.clone(),
                (None, Some(input)) => {
                    let typed = identifier.get_untracked();
                    match classify(&typed, &input.types) {
                        Some(value) => value,
                        None => {
                            let types: Vec<String> =
                                input.type_keys.iter().map(|key| t(key)).collect();
                            let key = if typed.trim().is_empty() {
                                "error.general_required"
                            } else {
                                "error.general_invalid"
                            };
                            let message = experience.i18n.t_with(key, &[("types", types.into())]);
                            return fail(Field::Identifier, message);
                        }
                    }
                }
                (None, None) => return,
            };
            if identifier_first {
                let settings = &experience.settings;
                match landing::factors(settings, &value.identifier_type, false) {
                    Some(factors) if factors.first == Factor::Password => {
                        session::remember_identifier(&value);
                        navigate(&experience.href("/sign-in/password"), Default::default());
                    }
                    // Not built yet: the code pages come with code sign-in.
                    _ => fail(
                        Field::Form,
                        format!("{}: not available yet", t("action.sign_in_via_passcode")),
                    ),
                }
                return;
            }
            let secret = password.get_untracked();
            if secret.is_empty() {
                return fail(Field::Password, t("error.password_required"));
            }
            error.set(None);
            busy.set(true);
            let experience = experience.clone();
            let navigate = navigate.clone();
            let pending = started.get_value();
            leptos::task::spawn_local(async move {
                let client = &experience.client;
                let result = sign_in(client, pending, value, secret).await;
                let error = match outcome(result) {
                    Outcome::Redirect(url) => {
                        let _ = window().location().replace(&url);
                        return;
                    }
                    Outcome::SessionExpired => {
                        return navigate(&experience.href("/unknown-session"), Default::default())
                    }
                    // Any other error: `next_step` decides.
                    Outcome::Retry(error) => error,
                };
                let context = Context {
                    settings: &experience.settings,
                    event: &InteractionEvent::SignIn,
                    via: &Via::Password,
                    pending_social: false,
                };
                let message = message(&experience, &error);
                match next_step(&error, context) {
                    NextStep::Suspended => {
                        return navigate(&experience.href("/account-suspended"), Default::default())
                    }
                    NextStep::Inline { field, .. } => fail(field, message),
                    NextStep::PasswordRejected(_) => fail(Field::Password, message),
                    // The other next steps (MFA, profile fulfilment, captcha,
                    // lockout, SSO, expired password, ...) have no pages yet:
                    // the server's message as a form-level alert for now.
                    _ => fail(Field::Form, message),
                }
                // The next try runs on a fresh interaction.
                restart(client);
                busy.set(false);
            });
        }
    };

    let heading = match &fixed {
        Some(_) => t("description.enter_password"),
        None => t("description.sign_in_to_your_account"),
    };
    let intro = fixed.as_ref().map(|identifier| {
        let key = landing::type_key(&identifier.identifier_type);
        // Phone numbers are stored as digits with the country code.
        let value = match identifier.identifier_type {
            crate::api::SignInIdentifier::Phone => format!("+{}", identifier.value),
            _ => identifier.value.clone(),
        };
        let text = experience.i18n.t_with(
            "description.enter_password_for",
            &[("method", t(key).into()), ("value", value.clone().into())],
        );
        view! {
            <p class="secondary">{text}</p>
            // For password managers: the account this password belongs to.
            <input
                type="text"
                name="username"
                autocomplete="username"
                value=value
                hidden
                readonly
            />
        }
    });
    let identifier_field = input.map(|input| {
        view! {
            <TextField
                name="identifier"
                label=input.label(t)
                autocomplete=input.autocomplete
                input_type=input.html_type
                input_mode=input.input_mode
                value=identifier
                error=field_error(Field::Identifier)
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
                error=field_error(Field::Password)
            />
        }
    });
    let link = |show: bool, path: &str, key: &str| {
        show.then(|| view! { <a href=experience.href(path)>{t(key)}</a> })
    };
    let submit = if fixed.is_some() || identifier_first {
        t("action.continue")
    } else {
        t("action.sign_in")
    };
    let form_error = field_error(Field::Form);
    let mode = experience.settings.sign_in_mode.to_string();
    view! {
        <PageHeading text=heading title=t("action.sign_in") />
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
                        {move || {
                            form_error
                                .get()
                                .map(|message| {
                                    view! {
                                        <p role="alert" class="error">
                                            {message}
                                        </p>
                                    }
                                })
                        }}
                        <button type="submit" class="button primary" disabled=move || busy.get()>
                            {submit}
                        </button>
                    </form>
                }
            })}
        {link(fixed.is_some(), "/sign-in", "action.back")}
        {create_account
            .then(|| {
                view! {
                    <p class="secondary">
                        {t("description.no_account")}
                        {link(true, "/register", "action.create_account")}
                    </p>
                }
            })}
    }
}

/// The text for a failed call: the server's (localized) message, else what
/// went wrong in the page's language with the technical detail.
fn message(experience: &Experience, error: &ApiError) -> String {
    match error {
        ApiError::Server(server) if !server.message.is_empty() => server.message.clone(),
        ApiError::Timeout => experience.t("error.timeout"),
        _ => format!("{} ({error})", experience.t("error.something_went_wrong")),
    }
}

/// `PUT /api/experience {SignIn}`, shared so that the click can await the
/// call already in flight.
fn start(client: Client) -> Started {
    async move {
        client
            .start(&InteractionEventRequest {
                interaction_event: InteractionEvent::SignIn,
                captcha_token: None,
            })
            .await
    }
    .boxed_local()
    .shared()
}

async fn sign_in(
    client: &Client,
    started: Option<Started>,
    identifier: Identifier,
    password: String,
) -> Result<String, ApiError> {
    let started = match started {
        Some(started) => started.await,
        None => Err(ApiError::Timeout),
    };
    if started.is_err() {
        // The early start failed (offline for a moment?): try once more now.
        start(client.clone()).await?;
    }
    let verification = client
        .verify_password(&PasswordRequest {
            identifier,
            password,
        })
        .await?;
    client
        .identify(&IdentificationRequest {
            verification_id: Some(verification.verification_id),
            link_social_identity: None,
        })
        .await?;
    match client.submit().await? {
        Some(redirect) => Ok(redirect.redirect_to),
        None => Err(ApiError::Malformed {
            status: 204,
            message: "sign-in finished without a redirect".to_owned(),
        }),
    }
}
