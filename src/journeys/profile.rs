//! Registration by username, the profile items the server asks for, and
//! the new password of a reset.

use super::{Journeys, Outcome};
use crate::{
    api::{Identifier, InteractionEvent, ProfileRequest, UpdatePasswordRequest},
    flow::{next_step::Via, route::Route},
};

impl Journeys {
    /// Starts a registration with `username` (on a fresh interaction, with
    /// the captcha's token) and stages it. With `password_page`, the
    /// password comes next on its own page (`Outcome::Go`); otherwise the
    /// registration identifies and the server asks for what is missing.
    pub async fn register_username(
        &self,
        username: Identifier,
        password_page: bool,
        captcha_token: Option<String>,
    ) -> Outcome {
        if self.terms_missing() {
            return Outcome::TermsRequired;
        }
        let result = async {
            self.start(InteractionEvent::Register, captcha_token)
                .await?;
            self.session.remember_verification(None);
            self.client
                .add_profile(&ProfileRequest::Username {
                    value: username.value.clone(),
                })
                .await?;
            if password_page {
                self.session.remember_identifier(&username);
                return Ok(None);
            }
            self.identify_and_submit(None).await
        }
        .await;
        match result {
            Ok(None) if password_page => Outcome::Go(Route::RegisterPassword),
            result => self.settle(&InteractionEvent::Register, &Via::Password, result),
        }
    }

    /// Stages a profile item the server asked for (or the password of a
    /// username registration) and resumes: a registration identifies
    /// again, a sign-in submits.
    pub async fn fill_profile(&self, profile: ProfileRequest) -> Outcome {
        let event = self.session.event();
        let result = async {
            self.client.add_profile(&profile).await?;
            self.resume().await
        }
        .await;
        self.settle(&event, &Via::Other, result)
    }

    /// Sets the new password of a reset (the code was verified) and
    /// finishes it: `Outcome::PasswordReset` when done.
    pub async fn reset_password(&self, password: String) -> Outcome {
        let result = async {
            self.client
                .update_password(&UpdatePasswordRequest { password })
                .await?;
            self.submit().await
        }
        .await;
        self.settle(&InteractionEvent::ForgotPassword, &Via::Password, result)
    }

    /// Declines the passkey offer and submits.
    pub async fn skip_passkey(&self) -> Outcome {
        let result = async {
            self.client.passkey_skipped().await?;
            self.submit().await
        }
        .await;
        self.settle(&self.session.event(), &Via::Other, result)
    }
}
