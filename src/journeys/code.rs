//! Verification codes: send, resend, verify and finish the flow they
//! belong to (sign-in, registration, password reset, or an address added on
//! a profile page or bound as an MFA factor).

pub use crate::flow::route::CodeFlow;
use crate::flow::route::Route;

use super::{Journeys, Outcome, PendingCode};
use crate::{
    api::{
        ApiError, BindMfaRequest, Identifier, MfaFactor, ProfileRequest,
        SendVerificationCodeRequest, SignInIdentifier, VerifyVerificationCodeRequest,
    },
    flow::next_step::Via,
};

impl Journeys {
    /// Sends a code to `identifier` for `flow` (on a fresh interaction,
    /// with the captcha's token, except on continue pages, which keep
    /// theirs) and remembers it for the code page: `Outcome::Go` to it.
    /// `back` is where the address can be changed; `mfa` binds the address
    /// as an MFA factor instead of adding it to the profile.
    pub async fn send_code(
        &self,
        flow: CodeFlow,
        identifier: Identifier,
        back: &str,
        captcha_token: Option<String>,
        mfa: bool,
    ) -> Outcome {
        let via = Via::Code(identifier.identifier_type.clone());
        let result = async {
            let event = match flow.event() {
                Some(event) => {
                    self.start(event.clone(), captcha_token).await?;
                    event
                }
                None => self.session.event(),
            };
            let sent = self
                .client
                .send_verification_code(&SendVerificationCodeRequest {
                    identifier: identifier.clone(),
                    interaction_event: event,
                })
                .await?;
            self.session.remember_code(&PendingCode {
                flow: flow.segment().to_owned(),
                identifier: identifier.clone(),
                verification_id: sent.verification_id,
                sent_at: now_ms(),
                back: back.to_owned(),
                mfa,
                verified: false,
            });
            Ok(())
        }
        .await;
        match result {
            Ok(()) => Outcome::Go(Route::Code(flow)),
            Err(error) => {
                let event = flow.event().unwrap_or_else(|| self.session.event());
                self.settle(&event, &via, Err(error))
            }
        }
    }

    /// Sends the pending code again (same address, same flow): the new
    /// pending code, whose `sent_at` restarts the countdown.
    pub async fn resend_code(&self) -> Result<PendingCode, ApiError> {
        let pending = self.session.pending_code().ok_or_else(no_pending_code)?;
        let event = CodeFlow::parse(&pending.flow)
            .and_then(CodeFlow::event)
            .unwrap_or_else(|| self.session.event());
        let sent = self
            .client
            .send_verification_code(&SendVerificationCodeRequest {
                identifier: pending.identifier.clone(),
                interaction_event: event,
            })
            .await?;
        let resent = PendingCode {
            verification_id: sent.verification_id,
            sent_at: now_ms(),
            verified: false,
            ..pending
        };
        self.session.remember_code(&resent);
        Ok(resent)
    }

    /// Verifies `code` against the pending code and finishes its flow:
    /// identification and submit, a profile item, or an MFA factor.
    pub async fn verify_code(&self, code: String) -> Outcome {
        let Some(pending) = self.session.pending_code() else {
            return Outcome::fail(no_pending_code());
        };
        let flow = CodeFlow::parse(&pending.flow).unwrap_or(CodeFlow::SignIn);
        let event = flow.event().unwrap_or_else(|| self.session.event());
        let via = Via::Code(pending.identifier.identifier_type.clone());
        let result = self.verify_and_finish(flow, &pending, code).await;
        self.settle(&event, &via, result)
    }

    async fn verify_and_finish(
        &self,
        flow: CodeFlow,
        pending: &PendingCode,
        code: String,
    ) -> Result<Option<String>, ApiError> {
        let verified = if pending.verified {
            pending.verification_id.clone()
        } else {
            let verified = self
                .client
                .verify_verification_code(&VerifyVerificationCodeRequest {
                    identifier: pending.identifier.clone(),
                    verification_id: pending.verification_id.clone(),
                    code,
                })
                .await?
                .verification_id;
            self.session.remember_code(&PendingCode {
                verification_id: verified.clone(),
                verified: true,
                ..pending.clone()
            });
            verified
        };
        if flow != CodeFlow::Continue {
            return self.identify_and_submit(Some(verified)).await;
        }
        let phone = pending.identifier.identifier_type == SignInIdentifier::Phone;
        if pending.mfa {
            let factor = if phone {
                MfaFactor::PhoneVerificationCode
            } else {
                MfaFactor::EmailVerificationCode
            };
            self.client
                .bind_mfa(&BindMfaRequest {
                    factor,
                    verification_id: verified,
                })
                .await?;
            return self.submit().await;
        }
        let profile = if phone {
            ProfileRequest::Phone {
                verification_id: verified,
            }
        } else {
            ProfileRequest::Email {
                verification_id: verified,
            }
        };
        self.client.add_profile(&profile).await?;
        self.resume().await
    }
}

fn no_pending_code() -> ApiError {
    ApiError::InvalidRequest {
        message: "no verification code is pending".to_owned(),
    }
}

/// Milliseconds since the epoch, as `Date.now()`.
pub(crate) fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |elapsed| elapsed.as_millis() as f64)
    }
}
