//! Magic links (Logto's `pages/OneTimeToken`): the one-time token of
//! `/one-time-token?one_time_token=&login_hint=` signs the person in, or
//! registers them when no account has the address.

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
}

impl Journeys {
    /// Starts a sign-in, verifies `token` for `email`, identifies and
    /// submits.
    pub async fn sign_in_with_magic_link(&self, token: String, email: String) -> MagicLink {
        let identifier = Identifier::new(SignInIdentifier::Email, &email);
        let verified = async {
            self.start(InteractionEvent::SignIn, None).await?;
            self.client
                .one_time_token_verify(&OneTimeTokenVerifyRequest {
                    token,
                    identifier: identifier.clone(),
                })
                .await
        }
        .await;
        let verification_id = match verified {
            Ok(answer) => answer.verification_id,
            Err(error) => return MagicLink::Refused(error),
        };
        self.session.remember_identifier(&identifier);
        match self
            .identify_and_submit(Some(verification_id.clone()))
            .await
        {
            Err(error) if error.is(&ErrorCode::UserUserNotExist) => {
                MagicLink::NewAccount { verification_id }
            }
            result => {
                MagicLink::Signed(self.settle(&InteractionEvent::SignIn, &Via::Other, result))
            }
        }
    }

    /// Registers the address verified by a magic link (the verified token
    /// overrides a sign-in-only mode on the server).
    pub async fn register_verified(&self, verification_id: String) -> Outcome {
        self.switch_and_finish(InteractionEvent::Register, Some(verification_id))
            .await
    }
}
