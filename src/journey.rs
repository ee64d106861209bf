//! The browser side of a flow that spans pages: what the next page must
//! know (kept in session storage, so a reload finds it; never a password or
//! a code), the call sequences that finish a flow, and where an answer
//! leads ([`Journey::settle`]).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    api::{
        ApiError, Client, ErrorData, IdentificationRequest, Identifier, InteractionEvent,
        InteractionEventRequest, SendVerificationCodeRequest,
    },
    components::form::FormState,
    context::Experience,
    flow::{
        next_step::{next_step, Context, Field, NextStep, Via},
        redirect,
        route::{self, CodeFlow},
    },
    session::{store, stored},
};

const CODE_KEY: &str = "logto:code";
const EVENT_KEY: &str = "logto:event";
const VERIFICATION_KEY: &str = "logto:verification";
const NOTICE_KEY: &str = "logto:notice";
const MFA_KEY: &str = "logto:mfa";
const MFA_EMAIL_KEY: &str = "logto:mfa-email";
const MFA_PHONE_KEY: &str = "logto:mfa-phone";
const MFA_BINDING_KEY: &str = "logto:mfa-binding";

/// A verification code on its way: what the code page verifies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingCode {
    /// The route segment of the flow (`sign-in`, `register`, ...).
    pub flow: String,
    pub identifier: Identifier,
    pub verification_id: String,
    /// `Date.now()` when it was sent, for the resend countdown.
    pub sent_at: f64,
    /// The page to change the address on.
    pub back: String,
    /// The address becomes an MFA factor (`/mfa-binding/...`), not a
    /// profile item.
    #[serde(default)]
    pub mfa: bool,
}

/// Remembers the code just sent, for the code page.
pub fn remember_code(code: &PendingCode) {
    if let Ok(json) = serde_json::to_string(code) {
        store(CODE_KEY, Some(&json));
    }
}

/// The code being verified, if any.
pub fn pending_code() -> Option<PendingCode> {
    serde_json::from_str(&stored(CODE_KEY)?).ok()
}

/// Remembers the interaction's event, for pages that continue it.
pub fn remember_event(event: &InteractionEvent) {
    store(EVENT_KEY, Some(event.as_str()));
}

/// The interaction's event (`SignIn` when none was remembered).
pub fn event() -> InteractionEvent {
    stored(EVENT_KEY).map_or(InteractionEvent::SignIn, |e| InteractionEvent::parse(&e))
}

/// Remembers the verification that identifies the person, so that a
/// registration identifies again after each profile page.
pub fn remember_verification(id: Option<&str>) {
    store(VERIFICATION_KEY, id);
}

/// Remembers the factors the server offers for MFA verification (its
/// order: the last used first), for the factor pages and "try another".
pub fn remember_mfa_factors(
    factors: &[crate::api::MfaFactor],
    masked: &crate::api::error::MaskedIdentifiers,
) {
    let names: Vec<&str> = factors.iter().map(|f| f.as_str()).collect();
    store(MFA_KEY, Some(&names.join(" ")));
    // Masked by the server ("jane****@x.io"): safe to keep.
    store(MFA_EMAIL_KEY, masked.email.as_deref());
    store(MFA_PHONE_KEY, masked.phone.as_deref());
}

/// Where an MFA code goes, masked, for the email or phone factor.
pub fn mfa_masked(factor: &crate::api::MfaFactor) -> Option<String> {
    match factor {
        crate::api::MfaFactor::EmailVerificationCode => stored(MFA_EMAIL_KEY),
        crate::api::MfaFactor::PhoneVerificationCode => stored(MFA_PHONE_KEY),
        _ => None,
    }
}

/// The remembered MFA factors.
pub fn mfa_factors() -> Vec<crate::api::MfaFactor> {
    stored(MFA_KEY)
        .unwrap_or_default()
        .split(' ')
        .filter(|name| !name.is_empty())
        .map(crate::api::MfaFactor::parse)
        .collect()
}

/// What the MFA binding pages offer: the factors the server lists, whether
/// the person may skip, and whether it is the "add another factor"
/// suggestion.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MfaBinding {
    pub factors: Vec<crate::api::MfaFactor>,
    pub skippable: bool,
    pub suggestion: bool,
}

/// Remembers the binding the server asked for.
pub fn remember_mfa_binding(binding: &MfaBinding) {
    if let Ok(json) = serde_json::to_string(binding) {
        store(MFA_BINDING_KEY, Some(&json));
    }
}

/// The binding asked for, if any.
pub fn mfa_binding() -> Option<MfaBinding> {
    serde_json::from_str(&stored(MFA_BINDING_KEY)?).ok()
}

/// A confirmation for the next page to show ("Password changed").
pub fn flash(text: &str) {
    store(NOTICE_KEY, Some(text));
}

/// The confirmation left by the previous page, once.
pub fn take_flash() -> Option<String> {
    let text = stored(NOTICE_KEY);
    store(NOTICE_KEY, None);
    text
}

/// `Date.now()`.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sends a code to `identifier` for `flow` (starting the flow's interaction
/// first, with the captcha's token when there is one, except on continue
/// pages, which keep theirs) and remembers it for the code page; `back` is
/// where the address can be changed.
pub async fn send_code(
    client: &Client,
    flow: CodeFlow,
    identifier: Identifier,
    back: &str,
    captcha_token: Option<String>,
) -> Result<(), ApiError> {
    let event = match flow.event() {
        Some(event) => {
            client
                .start(&InteractionEventRequest {
                    interaction_event: event.clone(),
                    captcha_token,
                })
                .await?;
            remember_event(&event);
            event
        }
        None => event(),
    };
    let sent = client
        .send_verification_code(&SendVerificationCodeRequest {
            identifier: identifier.clone(),
            interaction_event: event,
        })
        .await?;
    remember_code(&PendingCode {
        flow: flow.segment().to_owned(),
        identifier,
        verification_id: sent.verification_id,
        sent_at: now_ms(),
        back: back.to_owned(),
        mfa: false,
    });
    Ok(())
}

/// `POST /identification` (with `verification_id`, or `{}` for a
/// registration whose profile is staged) and `POST /submit`: the redirect
/// target, or `None` when a password reset is done.
pub async fn identify_and_submit(
    client: &Client,
    verification_id: Option<String>,
) -> Result<Option<String>, ApiError> {
    remember_verification(verification_id.as_deref());
    client
        .identify(&IdentificationRequest {
            verification_id,
            link_social_identity: None,
        })
        .await?;
    submit(client).await
}

/// `POST /submit`.
pub async fn submit(client: &Client) -> Result<Option<String>, ApiError> {
    Ok(client.submit().await?.map(|r| r.redirect_to))
}

/// After a profile item was staged: a registration identifies again (the
/// server asks for the next missing item there), a sign-in submits.
pub async fn resume(client: &Client) -> Result<Option<String>, ApiError> {
    match event() {
        InteractionEvent::Register => identify_and_submit(client, stored(VERIFICATION_KEY)).await,
        _ => submit(client).await,
    }
}

/// The text for a failed call: the server's (localized) message, else what
/// went wrong in the page's language with the technical detail.
pub fn message(experience: &Experience, error: &ApiError) -> String {
    match error {
        ApiError::Server(server) if !server.message.is_empty() => {
            // Some messages come with their placeholder unfilled
            // ("User with {{ identifier }} does not exist.").
            match &server.data {
                Some(ErrorData::UserNotExist { identifier }) => server
                    .message
                    .replace("{{ identifier }}", identifier)
                    .replace("{{identifier}}", identifier),
                _ => server.message.clone(),
            }
        }
        ApiError::Timeout => experience.t("error.timeout"),
        _ => format!("{} ({error})", experience.t("error.something_went_wrong")),
    }
}

/// A page's handle on the flow, taken while the page is set up (tasks have
/// no reactive context to look the experience up in). Cheap to clone into
/// handlers.
#[derive(Clone)]
pub struct Journey {
    pub experience: Experience,
}

/// The [`Journey`] of the current page.
pub fn use_journey() -> Journey {
    Journey {
        experience: crate::context::use_experience(),
    }
}

impl Journey {
    /// In-app navigation, keeping `app_id`.
    pub fn navigate(&self, path: &str) {
        crate::router::navigate(&self.experience.href(path), false);
    }

    /// Goes to the page of `step`, if it has one.
    pub fn go(&self, step: &NextStep) -> bool {
        let Some(path) = route::path(step) else {
            return false;
        };
        self.navigate(&path);
        true
    }

    /// See [`message`].
    pub fn message(&self, error: &ApiError) -> String {
        message(&self.experience, error)
    }

    /// Runs a flow's last calls for `form` (ignored while a request is in
    /// flight) and settles their answer; a question the page does not ask
    /// shows its message at the form.
    pub fn finish<F>(&self, form: FormState, event: InteractionEvent, via: Via, work: F)
    where
        F: std::future::Future<Output = Result<Option<String>, ApiError>> + 'static,
    {
        if !form.begin() {
            return;
        }
        let journey = self.clone();
        leptos::task::spawn_local(async move {
            let result = work.await;
            if let Some(Err((_, message))) = journey.settle(form, &event, &via, result) {
                form.fail(Field::Form, message, false);
            }
        });
    }

    /// Sends a code to `identifier` for `flow` and opens the flow's code
    /// page; on an error the answer settles on `form` (a question the page
    /// does not ask shows its message at the identifier).
    pub async fn send_code_and_go(
        &self,
        form: FormState,
        flow: CodeFlow,
        identifier: Identifier,
        back: &str,
    ) {
        self.send_and_go(form, flow, identifier, back, false).await
    }

    /// As [`Self::send_code_and_go`] on a continue page, for an address
    /// being bound as an MFA factor: the code page then binds it
    /// (`POST /profile/mfa`) instead of adding it to the profile.
    pub async fn send_mfa_code_and_go(&self, form: FormState, identifier: Identifier, back: &str) {
        self.send_and_go(form, CodeFlow::Continue, identifier, back, true)
            .await
    }

    async fn send_and_go(
        &self,
        form: FormState,
        flow: CodeFlow,
        identifier: Identifier,
        back: &str,
        mfa: bool,
    ) {
        let via = Via::Code(identifier.identifier_type.clone());
        let client = &self.experience.client;
        // Sending a code on a fresh interaction needs the captcha's token.
        let captcha = match flow.event() {
            Some(_) => crate::captcha::token(&self.experience.settings).await,
            None => Ok(None),
        };
        let Ok(captcha) = captcha else {
            let message = self.experience.t("error.captcha_verification_failed");
            return form.fail(Field::Form, message, false);
        };
        match send_code(client, flow, identifier, back, captcha).await {
            Ok(()) => {
                if let Some(pending) = pending_code().filter(|_| mfa) {
                    remember_code(&PendingCode { mfa, ..pending });
                }
                self.navigate(&flow.code_path())
            }
            Err(error) => {
                let event = flow.event().unwrap_or_else(event);
                if let Some(Err((_, message))) = self.settle(form, &event, &via, Err(error)) {
                    form.fail(Field::Identifier, message, false);
                }
            }
        }
    }

    /// Leaves the page for the server's redirect target, if it is safe.
    fn leave(&self, form: FormState, target: &str) {
        match redirect::checked(target) {
            Ok(url) => {
                let _ = window().location().replace(&url);
            }
            Err(_) => form.fail(
                Field::Form,
                format!(
                    "{} (redirect refused: not an http(s) URL)",
                    self.experience.t("error.something_went_wrong")
                ),
                false,
            ),
        }
    }

    /// Applies the answer of a flow's last calls: follows the redirect,
    /// goes to the next step's page, or shows the error on `form`. Returns
    /// what the page answers in place: `Ok(())` for a finished password
    /// reset, `Err((step, message))` for questions ("create an account?", "sign in
    /// instead?", an expired password, an alert).
    pub fn settle(
        &self,
        form: FormState,
        event: &InteractionEvent,
        via: &Via,
        result: Result<Option<String>, ApiError>,
    ) -> Option<Result<(), (NextStep, String)>> {
        let error = match result {
            Ok(Some(target)) => {
                self.leave(form, &target);
                return None;
            }
            Ok(None) => return Some(Ok(())),
            Err(error) => error,
        };
        let context = Context {
            settings: &self.experience.settings,
            event,
            via,
            pending_social: false,
        };
        let step = next_step(&error, context);
        match &step {
            NextStep::Profile(_) => remember_event(event),
            NextStep::MfaVerification { factors, masked } => remember_mfa_factors(factors, masked),
            NextStep::MfaBinding { factors, skippable } => remember_mfa_binding(&MfaBinding {
                factors: factors.clone(),
                skippable: *skippable,
                suggestion: false,
            }),
            NextStep::SingleSignOn { connector_ids } => {
                crate::identity_provider::remember_sso(&crate::identity_provider::SsoChoice {
                    email: crate::session::remembered_identifier()
                        .map(|i| i.value)
                        .unwrap_or_default(),
                    connector_ids: connector_ids.clone(),
                })
            }
            NextStep::MfaSuggestion {
                factors, masked, ..
            } => {
                remember_mfa_factors(factors, masked);
                remember_mfa_binding(&MfaBinding {
                    factors: factors.clone(),
                    skippable: true,
                    suggestion: true,
                });
            }
            _ => {}
        }
        if self.go(&step) {
            return None;
        }
        let message = self.message(&error);
        match step {
            // A refused password is never kept (nor is a refused code).
            NextStep::Inline { field, clear } => {
                form.fail(field, message, clear || field == Field::Password)
            }
            NextStep::PasswordRejected(rules) => form.reject(rules, message),
            NextStep::CreateAccount { .. }
            | NextStep::LinkSocial { .. }
            | NextStep::SignInInstead
            | NextStep::LinkSocialInstead
            | NextStep::PasswordExpired { .. }
            | NextStep::RegisterIdentity
            | NextStep::Alert { .. }
            | NextStep::RedoVerification => {
                form.end();
                return Some(Err((step, message)));
            }
            // Lockout, captcha, silent fallbacks and the rest: the message.
            _ => form.fail(Field::Form, message, false),
        }
        None
    }
}
