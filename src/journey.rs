//! The views' handle on the journeys ([`crate::journeys`]): runs a journey
//! for a form and renders its [`Outcome`]: follows the redirect, opens the
//! next page, or shows the error in the page's language.

use leptos::prelude::*;

#[cfg(feature = "full")]
pub use crate::journeys::PendingCode;
use crate::{
    api::{ApiError, Identifier},
    components::form::FormState,
    context::Experience,
    flow::{
        next_step::{Field, NextStep},
        route::CodeFlow,
    },
    journeys::{Journeys, Outcome},
};

/// The text for a failed call ([`crate::flow::next_step::message`]). A
/// send refused for too many codes to the address says when to try again
/// ("… Please try again later. (in 10 minutes)"): the answer has no time,
/// the page knows the limit's window.
pub fn message(experience: &Experience, error: &ApiError) -> String {
    let text = crate::flow::next_step::message(error, |key| experience.t(key));
    let wait = crate::flow::code::retry_after(error);
    match wait.and_then(|seconds| experience.i18n.in_time(seconds)) {
        Some(when) => format!("{text} ({when})"),
        None => text,
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
    /// The journeys of this page.
    pub fn journeys(&self) -> Journeys {
        self.experience.journeys()
    }

    /// In-app navigation, keeping `app_id`.
    pub fn navigate(&self, path: &str) {
        crate::router::navigate(&self.experience.href(path), false);
    }

    /// See [`message`].
    pub fn message(&self, error: &ApiError) -> String {
        message(&self.experience, error)
    }

    /// Runs a journey for `form` (ignored while a request is in flight)
    /// and renders its outcome; a question the page does not ask shows its
    /// message at the form.
    pub fn run<F>(&self, form: FormState, journey: F)
    where
        F: std::future::Future<Output = Outcome> + 'static,
    {
        if !form.begin() {
            return;
        }
        let this = self.clone();
        leptos::task::spawn_local(async move { this.show(form, journey.await) });
    }

    /// Renders `outcome` on `form`; a question the page does not ask shows
    /// its message at the form.
    pub fn show(&self, form: FormState, outcome: Outcome) {
        if let Some(Err((_, message))) = self.render(form, outcome) {
            form.fail(Field::Form, message, false);
        }
    }

    /// Loads what a page needs from the server once it opens (a factor's
    /// secret, a ceremony's options): `None` until it is there; a failure
    /// is rendered on `form`.
    pub fn load<T, F>(&self, form: FormState, load: F) -> RwSignal<Option<T>>
    where
        T: Send + Sync + 'static,
        F: std::future::Future<Output = Result<T, Outcome>> + 'static,
    {
        let loaded = RwSignal::new(None);
        let this = self.clone();
        leptos::task::spawn_local(async move {
            match load.await {
                Ok(value) => loaded.set(Some(value)),
                Err(outcome) => this.show(form, outcome),
            }
        });
        loaded
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
        // The code page is in the full build.
        crate::handover::prefetch();
        // Sending a code on a fresh interaction needs the captcha's token.
        let captcha = match flow.event() {
            Some(_) => crate::captcha::token(&self.experience.settings).await,
            None => Ok(None),
        };
        let outcome = match captcha {
            Ok(captcha) => {
                self.journeys()
                    .send_code(flow, identifier, back, captcha, mfa)
                    .await
            }
            Err(_) => Outcome::CaptchaFailed,
        };
        // A question the page does not ask shows its message at the
        // identifier.
        if let Some(Err((_, message))) = self.render(form, outcome) {
            form.fail(Field::Identifier, message, false);
        }
    }

    /// Renders a journey's outcome: leaves for the application, opens the
    /// next page, or shows the error on `form`. Returns what the page
    /// answers in place: `Ok(())` for a finished password reset,
    /// `Err((step, message))` for questions ("create an account?", "sign
    /// in instead?", an expired password, an alert).
    pub fn render(
        &self,
        form: FormState,
        outcome: Outcome,
    ) -> Option<Result<(), (NextStep, String)>> {
        match outcome {
            Outcome::Leave(url) => {
                let _ = window().location().replace(&url);
            }
            Outcome::Go(route) => self.navigate(&route.path()),
            Outcome::PasswordReset => return Some(Ok(())),
            Outcome::Ask { step, error } => {
                form.end();
                return Some(Err((step, self.message(&error))));
            }
            // The sentinel's lock-out is Logto's transient toast.
            Outcome::Fail { error, .. }
                if error.is(&crate::api::ErrorCode::SessionVerificationBlockedTooManyAttempts) =>
            {
                form.end();
                crate::components::toast::show(&self.message(&error));
            }
            Outcome::Fail {
                field,
                error,
                clear,
            } => form.fail(field, self.message(&error), clear),
            Outcome::Rejected { rules, error } => {
                // The failed rules in the field's alert, as Logto's page says
                // them ("Avoid using simple passwords…"), else the message;
                // nowhere else, so they are said once.
                // (Only the full build has new-password pages.)
                #[cfg(feature = "full")]
                let lines =
                    crate::components::password_fields::rule_lines(&self.experience.i18n, &rules);
                #[cfg(not(feature = "full"))]
                let lines: Vec<String> = {
                    let _ = rules;
                    Vec::new()
                };
                let message = if lines.is_empty() {
                    self.message(&error)
                } else {
                    lines.join(" ")
                };
                form.reject(message)
            }
            Outcome::AccessDenied(error) => form.fail(Field::Form, self.message(&error), false),
            Outcome::RedirectRefused(_) => form.fail(
                Field::Form,
                format!(
                    "{} (redirect refused: not an http(s) URL)",
                    self.experience.t("error.something_went_wrong")
                ),
                false,
            ),
            Outcome::CaptchaFailed => form.fail(
                Field::Form,
                self.experience.t("error.captcha_verification_failed"),
                false,
            ),
            Outcome::ForgedCallback => form.fail(
                Field::Form,
                self.experience.t("error.invalid_connector_auth"),
                false,
            ),
            Outcome::TermsRequired => {
                form.end();
                let message = crate::components::terms::terms_message(&self.experience);
                return Some(Err((NextStep::AgreeToTerms, message)));
            }
        }
        None
    }
}

/// The page's session (the tab's session storage), for views that read
/// what a journey left.
pub fn session() -> crate::journeys::Session {
    crate::journeys::Session::browser()
}
