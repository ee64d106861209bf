//! Sign-in with a password.

use futures::{
    future::{LocalBoxFuture, Shared},
    FutureExt,
};

use super::{Journeys, Outcome};
use crate::{
    api::{ApiError, Identifier, InteractionEvent, PasswordRequest},
    flow::next_step::Via,
};

/// An interaction started as soon as a password form shows, so that the
/// click costs three calls (verify the password, identify, submit).
pub type Prestart = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

impl Journeys {
    /// Starts a sign-in interaction ahead of the click (see [`Prestart`]).
    pub fn prestart(&self) -> Prestart {
        let journeys = self.clone();
        async move { journeys.start(InteractionEvent::SignIn, None).await }
            .boxed_local()
            .shared()
    }

    /// Signs in with `identifier` and `password`: on the prestarted
    /// interaction when there is one (with captcha, on a new one carrying
    /// the provider's token), then the application, or the next step.
    pub async fn sign_in_with_password(
        &self,
        prestart: Option<Prestart>,
        identifier: Identifier,
        password: String,
        captcha_token: Option<String>,
    ) -> Outcome {
        self.session.remember_identifier(&identifier);
        let result = async {
            let started = match prestart {
                // A refused token is the answer: no retry without it.
                _ if captcha_token.is_some() => {
                    return self
                        .password_attempt(identifier, password, captcha_token)
                        .await
                }
                Some(started) => started.await,
                None => Err(ApiError::Timeout),
            };
            // No early start, or it failed (offline for a moment?): now.
            if started.is_err() {
                self.start(InteractionEvent::SignIn, None).await?;
            }
            self.session.remember_event(&InteractionEvent::SignIn);
            self.verify_password_and_finish(identifier, password).await
        }
        .await;
        self.settle(&InteractionEvent::SignIn, &Via::Password, result)
    }

    async fn password_attempt(
        &self,
        identifier: Identifier,
        password: String,
        captcha_token: Option<String>,
    ) -> Result<Option<String>, ApiError> {
        self.start(InteractionEvent::SignIn, captcha_token).await?;
        self.verify_password_and_finish(identifier, password).await
    }

    async fn verify_password_and_finish(
        &self,
        identifier: Identifier,
        password: String,
    ) -> Result<Option<String>, ApiError> {
        let verification = self
            .client
            .verify_password(&PasswordRequest {
                identifier,
                password,
            })
            .await?;
        match self
            .identify_and_submit(Some(verification.verification_id))
            .await?
        {
            Some(target) => Ok(Some(target)),
            None => Err(ApiError::Malformed {
                status: 204,
                message: "sign-in finished without a redirect".to_owned(),
            }),
        }
    }
}
