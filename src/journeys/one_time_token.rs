//! Magic links (Logto's `pages/OneTimeToken`): the one-time token of
//! `/one-time-token?one_time_token=&login_hint=` signs the person in, or
//! registers them when no account has the address. The token of
//! `/reset-password?one_time_token=&login_hint=` proves the address for a
//! password reset instead.

use super::{Journeys, Outcome};
use crate::{
    api::{
        ApiError, ErrorCode, Identifier, InteractionEvent, OneTimeTokenVerifyRequest,
        SignInIdentifier,
    },
    flow::next_step::Via,
};

/// What a magic link leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum MagicLink {
    /// The token was refused (expired, revoked, spent, another address) or
    /// no interaction could start: the link's error page, with this error.
    Refused(ApiError),
    /// The address is verified and has no account: registering it
    /// ([`Journeys::register_verified`]) may need the terms agreed to first.
    NewAccount { verification_id: String },
    /// The sign-in went on: render this.
    Signed(Outcome),
    /// Logto never answered (offline, a timeout, a proxy's error): the
    /// same link can be tried again ([`Journeys::retry_magic_link`]);
    /// `verified` when the token was already accepted.
    Unanswered {
        error: ApiError,
        verified: Option<String>,
    },
}

impl Journeys {
    /// A fresh `event` interaction and the link's token verified for
    /// `identifier`: its verification id, or where the link stops (no
    /// answer: it may be tried again; a refusal: the error page).
    async fn verify_link(
        &self,
        event: InteractionEvent,
        token: String,
        identifier: &Identifier,
    ) -> Result<String, MagicLink> {
        let verified = async {
            self.start(event, None).await?;
            self.client
                .one_time_token_verify(&OneTimeTokenVerifyRequest {
                    token,
                    identifier: identifier.clone(),
                })
                .await
        }
        .await;
        match verified {
            Ok(answer) => Ok(answer.verification_id),
            Err(error) if error.is_transient() => Err(MagicLink::Unanswered {
                error,
                verified: None,
            }),
            Err(error) => Err(MagicLink::Refused(error)),
        }
    }

    /// Starts a sign-in, verifies `token` for `email`, identifies and
    /// submits.
    pub async fn sign_in_with_magic_link(&self, token: String, email: String) -> MagicLink {
        let identifier = Identifier::new(SignInIdentifier::Email, &email);
        let verification_id = match self
            .verify_link(InteractionEvent::SignIn, token, &identifier)
            .await
        {
            Ok(verification_id) => verification_id,
            Err(stopped) => return stopped,
        };
        self.session.remember_identifier(&identifier);
        self.finish_magic_link(verification_id).await
    }

    /// The same link again after [`MagicLink::Unanswered`]: from the
    /// start, or, when the token was accepted (it is good once), from
    /// the identification.
    pub async fn retry_magic_link(
        &self,
        token: String,
        email: String,
        verified: Option<String>,
    ) -> MagicLink {
        match verified {
            Some(verification_id) => self.finish_magic_link(verification_id).await,
            None => self.sign_in_with_magic_link(token, email).await,
        }
    }

    async fn finish_magic_link(&self, verification_id: String) -> MagicLink {
        match self
            .identify_and_submit(Some(verification_id.clone()))
            .await
        {
            Err(error) if error.is(&ErrorCode::UserUserNotExist) => {
                MagicLink::NewAccount { verification_id }
            }
            Err(error) if error.is_transient() => MagicLink::Unanswered {
                error,
                verified: Some(verification_id),
            },
            result => {
                MagicLink::Signed(self.settle(&InteractionEvent::SignIn, &Via::Other, result))
            }
        }
    }

    /// A magic link for a password reset: starts a `ForgotPassword`
    /// interaction, verifies `token` for `email` and identifies the account
    /// (a verified one-time token passes core's identification guard,
    /// `guardIdentificationMethod` in `sign-in-experience-validator.ts`);
    /// the submit then asks for the new password
    /// ([`Outcome::Go`] to [`crate::flow::route::Route::NewPassword`]), as
    /// after a code. `verified`: the token accepted before Logto stopped
    /// answering (a retry goes on from the identification). Any refusal,
    /// an unknown address included, is the link's error page.
    pub async fn reset_with_magic_link(
        &self,
        token: String,
        email: String,
        verified: Option<String>,
    ) -> MagicLink {
        let identifier = Identifier::new(SignInIdentifier::Email, &email);
        let verification_id = match verified {
            Some(verification_id) => verification_id,
            None => match self
                .verify_link(InteractionEvent::ForgotPassword, token, &identifier)
                .await
            {
                Ok(verification_id) => verification_id,
                Err(stopped) => return stopped,
            },
        };
        // The sign-in page offers the address once the password is new.
        self.session.remember_identifier(&identifier);
        match self
            .identify_and_submit(Some(verification_id.clone()))
            .await
        {
            Err(error) if error.is_transient() => MagicLink::Unanswered {
                error,
                verified: Some(verification_id),
            },
            Err(error) if !error.is(&ErrorCode::UserNewPasswordRequiredInProfile) => {
                MagicLink::Refused(error)
            }
            result => MagicLink::Signed(self.settle(
                &InteractionEvent::ForgotPassword,
                &Via::Other,
                result,
            )),
        }
    }

    /// Registers the address verified by a magic link (the verified token
    /// overrides a sign-in-only mode on the server).
    pub async fn register_verified(&self, verification_id: String) -> Outcome {
        self.switch_and_finish(InteractionEvent::Register, Some(verification_id))
            .await
    }
}
