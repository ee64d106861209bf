//! The journeys: every call sequence of the Experience API, over two seams
//! (the client's HTTP [`Transport`](crate::api::Transport) and a
//! [`SessionStore`]), each ending in a typed [`Outcome`] that a view
//! renders. Pages hold no API sequencing; they call a journey and render
//! what it returns.
//!
//! It is also the headless API, for a team that brings its own views:
//!
//! ```ignore
//! use logto_experience::journeys::{Journeys, Outcome, Session};
//! let journeys = Journeys::new(client, Session::browser(), settings);
//! match journeys.sign_in_with_password(None, identifier, password, None).await {
//!     Outcome::Leave(url) => { /* location.replace(url) */ }
//!     Outcome::Go(path) => { /* the next page: MFA, profile, ... */ }
//!     Outcome::Fail { field, error, .. } => { /* show it next to `field` */ }
//!     other => { /* a question to ask, see Outcome */ }
//! }
//! ```
//!
//! Every journey is tested natively against the simulator in process
//! (`tests/journeys.rs`).

mod code;
mod consent;
mod mfa;
mod mfa_binding;
mod one_tap;
mod one_time_token;
mod outcome;
mod passkey;
mod profile;
pub mod session;
mod sign_in;
mod social;

use std::sync::Arc;

pub(crate) use code::now_ms;
pub use code::CodeFlow;
pub use consent::Consent;
pub use mfa::MfaCode;
pub use mfa_binding::NewCredential;
pub use one_time_token::MagicLink;
pub use outcome::Outcome;
pub use session::{Key, MemoryStorage, MfaBinding, PendingCode, Session, SessionStore};
pub use sign_in::Prestart;
pub use social::{Pending, Provider, SsoChoice};
// What an outcome is read with, for views of one's own.
pub use crate::flow::{
    code::resend_wait,
    native::{NativeMessage, NativeSdk},
    next_step::{message, Field, NextStep},
    route::Route,
};
pub use crate::session::Query;

use crate::{
    api::{
        ApiError, Client, ExperienceSettings, IdentificationRequest, InteractionEvent,
        InteractionEventRequest,
    },
    flow::{
        next_step::{next_step, Context, Via},
        redirect, route,
    },
};

/// The journeys of one sign-in page: the client (with its transport), the
/// session and the settings the decisions read. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Journeys {
    pub client: Client,
    pub session: Session,
    pub settings: Arc<ExperienceSettings>,
    /// Where a social round trip is also kept, briefly, for in-app browsers
    /// that come back without the tab's session storage (the origin's
    /// local storage in the browser).
    pub handoff: Session,
}

impl Journeys {
    pub fn new(client: Client, session: Session, settings: Arc<ExperienceSettings>) -> Self {
        Self {
            client,
            session,
            settings,
            handoff: Session::new(Arc::new(session::BrowserLocalStorage)),
        }
    }

    /// The same journeys, keeping social round trips' copies in `handoff`.
    pub fn with_handoff(self, handoff: Session) -> Self {
        Self { handoff, ..self }
    }

    /// `PUT /api/experience`: a fresh interaction for `event` (with the
    /// captcha's token when the settings ask for one).
    pub async fn start(
        &self,
        event: InteractionEvent,
        captcha_token: Option<String>,
    ) -> Result<(), ApiError> {
        self.client
            .start(&InteractionEventRequest {
                interaction_event: event.clone(),
                captcha_token,
            })
            .await?;
        self.session.remember_event(&event);
        // A social identity of an earlier interaction is gone with it.
        self.session.set(Key::LinkSocial, None);
        Ok(())
    }

    /// `POST /identification` (with `verification_id`, or `{}` for a
    /// registration whose profile is staged) and `POST /submit`: the
    /// redirect target, or `None` when a password reset is done.
    pub async fn identify_and_submit(
        &self,
        verification_id: Option<String>,
    ) -> Result<Option<String>, ApiError> {
        self.session
            .remember_verification(verification_id.as_deref());
        self.client
            .identify(&IdentificationRequest {
                verification_id,
                link_social_identity: None,
            })
            .await?;
        self.submit().await
    }

    /// `POST /submit`.
    pub async fn submit(&self) -> Result<Option<String>, ApiError> {
        Ok(self.client.submit().await?.map(|r| r.redirect_to))
    }

    /// After a profile item was staged: a registration identifies again (the
    /// server asks for the next missing item there), a sign-in submits.
    pub async fn resume(&self) -> Result<Option<String>, ApiError> {
        match self.session.event() {
            InteractionEvent::Register => {
                self.identify_and_submit(self.session.verification()).await
            }
            _ => self.submit().await,
        }
    }

    /// Switches the interaction to `event`, keeping its verifications, and
    /// finishes with `verification_id` (Logto's "create an account with
    /// this verified address" and "sign in instead").
    pub async fn switch_and_finish(
        &self,
        event: InteractionEvent,
        verification_id: Option<String>,
    ) -> Outcome {
        if event == InteractionEvent::Register && self.terms_missing() {
            return Outcome::TermsRequired;
        }
        let result = self
            .switch_event_and_submit(event.clone(), verification_id)
            .await;
        self.settle(&event, &Via::Other, result)
    }

    /// Whether a registration must wait for the person to agree to the
    /// terms: the tenant asks for it (`Manual` or `ManualRegistrationOnly`,
    /// with a document to agree to) and they have not
    /// ([`Session::agree_to_terms`]). A tenant that chose to ask
    /// registers nobody who did not agree, whichever way they came in.
    pub fn terms_missing(&self) -> bool {
        crate::flow::landing::terms_before_registering(&self.settings)
            && !self.session.terms_agreed()
    }

    /// The calls of [`Self::switch_and_finish`], for journeys that settle
    /// the answer themselves.
    pub async fn switch_event_and_submit(
        &self,
        event: InteractionEvent,
        verification_id: Option<String>,
    ) -> Result<Option<String>, ApiError> {
        self.client
            .set_interaction_event(&InteractionEventRequest {
                interaction_event: event.clone(),
                captcha_token: None,
            })
            .await?;
        self.session.remember_event(&event);
        self.identify_and_submit(verification_id).await
    }

    /// Where the answer of a flow's last calls leads: the application, the
    /// next step's page, or what the page shows or asks in place. Keeps
    /// what the next page needs in the session, and clears the
    /// interaction's keys before leaving for the application.
    pub fn settle(
        &self,
        event: &InteractionEvent,
        via: &Via,
        result: Result<Option<String>, ApiError>,
    ) -> Outcome {
        let error = match result {
            Ok(Some(target)) => return self.leave(&target),
            Ok(None) => return Outcome::PasswordReset,
            Err(error) => error,
        };
        // The same click again may well work: stay, keep what was typed.
        if error.is_transient() {
            return Outcome::fail(error);
        }
        let context = Context {
            settings: &self.settings,
            event,
            via,
            pending_social: self.linking_social().is_some(),
        };
        let step = next_step(&error, context);
        self.remember_for(&step, event);
        if let Some(route) = route::path(&step) {
            if step == NextStep::SessionExpired {
                self.session.clear_interaction();
            }
            return Outcome::Go(route);
        }
        match step {
            // A refused password is never kept (nor is a refused code).
            NextStep::Inline { field, clear } => Outcome::Fail {
                field,
                clear: clear || field == Field::Password,
                error,
            },
            NextStep::PasswordRejected(rules) => Outcome::Rejected { rules, error },
            NextStep::CreateAccount { .. }
            | NextStep::LinkSocial { .. }
            | NextStep::SignInInstead
            | NextStep::LinkSocialInstead
            | NextStep::PasswordExpired { .. }
            | NextStep::RegisterIdentity
            | NextStep::Alert { .. }
            | NextStep::RedoVerification => Outcome::Ask { step, error },
            // Lockout, captcha, silent fallbacks and the rest: the message.
            _ => Outcome::Fail {
                field: Field::Form,
                error,
                clear: false,
            },
        }
    }

    /// What the next step's page reads from the session.
    fn remember_for(&self, step: &NextStep, event: &InteractionEvent) {
        match step {
            NextStep::Profile(_) => self.session.remember_event(event),
            NextStep::MfaVerification { factors, masked } => {
                self.session.remember_mfa_factors(factors, masked)
            }
            NextStep::MfaBinding { factors, skippable } => {
                self.session.remember_mfa_binding(&MfaBinding {
                    factors: factors.clone(),
                    skippable: *skippable,
                    suggestion: false,
                    bound: Vec::new(),
                })
            }
            NextStep::SingleSignOn { connector_ids } => self.session.set_json(
                Key::SsoChoice,
                Some(&SsoChoice {
                    email: self
                        .session
                        .identifier()
                        .map(|i| i.value)
                        .unwrap_or_default(),
                    connector_ids: connector_ids.clone(),
                }),
            ),
            NextStep::MfaSuggestion {
                factors,
                masked,
                web_authn_is_sign_in_passkey,
            } => {
                self.session.remember_mfa_factors(factors, masked);
                self.session.remember_mfa_binding(&MfaBinding {
                    factors: factors.clone(),
                    skippable: true,
                    suggestion: true,
                    bound: crate::flow::mfa::bound_factors(
                        factors,
                        masked,
                        *web_authn_is_sign_in_passkey,
                    ),
                });
            }
            _ => {}
        }
    }

    /// The application's address, if it is a web address; the interaction's
    /// keys are cleared first (Logto clears its cache likewise).
    pub fn leave(&self, target: &str) -> Outcome {
        match redirect::checked(target) {
            Ok(url) => {
                self.session.clear_interaction();
                Outcome::Leave(url)
            }
            Err(_) => Outcome::RedirectRefused(target.to_owned()),
        }
    }
}
