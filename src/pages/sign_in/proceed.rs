//! What the sign-in form does once the identifier is read: on to the
//! identifier's next page (its code, its password, the person's passkey
//! first), or the password sign-in of a one-screen form.

use leptos::prelude::*;

use super::detours::password_expired;
use crate::{
    api::Identifier,
    components::{dialog::QuestionSignal, form::FormState},
    flow::{
        landing::{self, Factor},
        next_step::{Field, NextStep},
        route::CodeFlow,
    },
    journey::{self, Journey},
    journeys::{Outcome, Prestart},
};

/// The form's state the steps need; cheap to clone into handlers.
#[derive(Clone)]
pub(super) struct Proceed {
    pub journey: Journey,
    pub form: FormState,
    pub question: QuestionSignal,
    pub password: RwSignal<String>,
    /// Only the identifier is asked here; its method decides the next page.
    pub identifier_first: bool,
    /// The person's passkeys are looked up after the identifier.
    pub passkey_first: bool,
    /// The interaction started as soon as a password form showed, so that
    /// the click costs three calls (verify password, identify, submit).
    pub started: StoredValue<Option<Prestart>, LocalStorage>,
}

impl Proceed {
    /// Starts the interaction the next password sign-in runs on.
    pub fn restart(&self) {
        let pending = self.journey.journeys().prestart();
        leptos::task::spawn_local(futures::FutureExt::map(pending.clone(), |_| ()));
        self.started.set_value(Some(pending));
    }

    /// After the identifier is read.
    pub fn run(&self, value: Identifier) {
        if !self.identifier_first {
            return self.sign_in_with_password(value);
        }
        // Whenever passkeys are on, the person's own first (Logto's
        // identifier-first passkey), else silently the usual way. The lite
        // build serves no passkeys (`flow::lite`).
        #[cfg(feature = "full")]
        if self.passkey_first && crate::webauthn::supported() {
            return self.try_passkeys(value);
        }
        self.next_page(value);
    }

    /// The person's passkeys for `value`, else its next page.
    #[cfg(feature = "full")]
    fn try_passkeys(&self, value: Identifier) {
        let form = self.form;
        if !form.begin() {
            return;
        }
        let this = self.clone();
        leptos::task::spawn_local(async move {
            match this.journey.journeys().passkey_first(&value).await {
                Some(outcome) => this.journey.show(form, outcome),
                None => {
                    form.end();
                    this.next_page(value);
                }
            }
        });
    }

    /// The identifier's first factor: its code is sent, else its password
    /// page.
    fn next_page(&self, value: Identifier) {
        let settings = &self.journey.experience.settings;
        let first = landing::factors(settings, &value.identifier_type, false).map(|f| f.first);
        if first == Some(Factor::Code) {
            return self.send_code(value);
        }
        journey::session().remember_identifier(&value);
        self.journey.navigate("/sign-in/password");
    }

    fn send_code(&self, value: Identifier) {
        let form = self.form;
        if !form.begin() {
            return;
        }
        let journey = self.journey.clone();
        leptos::task::spawn_local(async move {
            journey::session().remember_identifier(&value);
            journey
                .send_code_and_go(form, CodeFlow::SignIn, value, "/sign-in")
                .await;
        });
    }

    fn sign_in_with_password(&self, value: Identifier) {
        let form = self.form;
        let secret = self.password.get_untracked();
        if secret.is_empty() {
            let message = self.journey.experience.t("error.password_required");
            return form.fail(Field::Password, message, false);
        }
        if !form.begin() {
            return;
        }
        let this = self.clone();
        let pending = self.started.get_value();
        leptos::task::spawn_local(async move {
            let journey = &this.journey;
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
            let failed = !outcome.leaves_page();
            match journey.render(form, outcome) {
                Some(Err((NextStep::PasswordExpired { reset }, _))) => {
                    password_expired(journey, this.question, reset)
                }
                Some(Err((_, message))) => form.fail(Field::Form, message, false),
                _ => {}
            }
            if failed {
                this.restart();
            }
        });
    }
}
