//! MFA verification: a TOTP code, a backup code, a code sent to the
//! account's email or phone, or WebAuthn; each then submits. Where the
//! tenant offers it, the person may ask for this browser to be trusted
//! (`trust`): a later sign-in from it then skips MFA verification.

use super::{Journeys, Key, Outcome};
use crate::{
    api::{
        ApiError, BackupCodeVerifyRequest, MfaFactor, SendMfaVerificationCodeRequest,
        TotpVerifyRequest, VerifyMfaVerificationCodeRequest, WebAuthnAuthenticationResponse,
        WebAuthnPayload, WebAuthnVerifyRequest,
    },
    flow::next_step::Via,
};

/// A code sent for the email or phone factor.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaCode {
    pub factor: MfaFactor,
    pub verification_id: String,
    /// `Date.now()` when it was sent, for the resend countdown.
    pub sent_at: f64,
}

impl Journeys {
    /// Verifies a code of the person's authenticator app and submits
    /// (trusting this device first when `trust`).
    pub async fn verify_totp(&self, code: String, trust: bool) -> Outcome {
        let request = TotpVerifyRequest {
            code,
            verification_id: None,
        };
        let verify = self.client.totp_verify(&request);
        self.verified_then_submit(self.then_trust(async { verify.await.map(drop) }, trust))
            .await
    }

    /// Verifies one of the person's backup codes and submits.
    pub async fn verify_backup_code(&self, code: String) -> Outcome {
        let request = BackupCodeVerifyRequest { code };
        let verify = self.client.backup_code_verify(&request);
        self.verified_then_submit(async { verify.await.map(drop) })
            .await
    }

    /// Sends a code to the account's address for the email or phone
    /// factor (the server knows where).
    pub async fn send_mfa_code(&self, factor: &MfaFactor) -> Result<MfaCode, ApiError> {
        let identifier_type =
            crate::flow::code::mfa_target(factor).ok_or_else(|| ApiError::InvalidRequest {
                message: format!("{factor} sends no code"),
            })?;
        let sent = self
            .client
            .send_mfa_verification_code(&SendMfaVerificationCodeRequest { identifier_type })
            .await?;
        Ok(MfaCode {
            factor: factor.clone(),
            verification_id: sent.verification_id,
            sent_at: super::now_ms(),
        })
    }

    /// Verifies the code of `sent` and submits (trusting this device first
    /// when `trust`).
    pub async fn verify_mfa_code(&self, sent: &MfaCode, code: String, trust: bool) -> Outcome {
        let Some(identifier_type) = crate::flow::code::mfa_target(&sent.factor) else {
            return Outcome::fail(ApiError::InvalidRequest {
                message: format!("{} sends no code", sent.factor),
            });
        };
        let request = VerifyMfaVerificationCodeRequest {
            verification_id: sent.verification_id.clone(),
            code,
            identifier_type,
        };
        let verify = self.client.verify_mfa_verification_code(&request);
        self.verified_then_submit(self.then_trust(async { verify.await.map(drop) }, trust))
            .await
    }

    /// The options of a WebAuthn verification, fetched before the click so
    /// that the browser's prompt opens straight from it.
    pub async fn prepare_web_authn(&self) -> Result<WebAuthnAuthenticationResponse, ApiError> {
        self.client.web_authn_authentication().await
    }

    /// Verifies the browser's WebAuthn assertion (`payload`, as the
    /// ceremony returned it) for `prepared`, and submits (trusting this
    /// device first when `trust`).
    pub async fn verify_web_authn(
        &self,
        prepared: WebAuthnAuthenticationResponse,
        payload: WebAuthnPayload,
        trust: bool,
    ) -> Outcome {
        let request = WebAuthnVerifyRequest {
            verification_id: Some(prepared.verification_id),
            payload,
        };
        let verify = self.client.web_authn_authentication_verify(&request);
        self.verified_then_submit(self.then_trust(async { verify.await.map(drop) }, trust))
            .await
    }

    /// How many days "Trust this device" would trust it for, when the
    /// tenant offers it to this person now (`GET /interaction`'s
    /// `trustedDevice`, asked only when the settings turn the feature on);
    /// `None` otherwise, also when the question fails (Logto's page asks
    /// silently: the box is an extra, never an obstacle).
    #[cfg(feature = "full")]
    pub async fn trusted_device_offer(&self) -> Option<u32> {
        if !self.offers_trusted_device() {
            return None;
        }
        let state = self.client.interaction().await.ok()?.trusted_device?;
        state
            .can_create
            .then_some(state.duration_days)
            .flatten()
            .filter(|days| *days > 0)
    }

    /// Whether the settings turn "Trust this device" on (Logto serves
    /// `trustedDevice` only where the feature exists).
    #[cfg(feature = "full")]
    pub fn offers_trusted_device(&self) -> bool {
        self.settings
            .trusted_device
            .as_ref()
            .is_some_and(|policy| policy.enabled == Some(true))
    }

    /// `verify`, then, when `trust` and it succeeded, the request to trust
    /// this device (`POST /profile/mfa/trusted-device`, which needs the
    /// verification), before the submit creates the trust. Like Logto's
    /// page, a refused request does not stop the sign-in.
    pub(super) async fn then_trust(
        &self,
        verify: impl std::future::Future<Output = Result<(), ApiError>>,
        trust: bool,
    ) -> Result<(), ApiError> {
        verify.await?;
        if trust {
            let _ = self.client.trust_device().await;
        }
        Ok(())
    }

    /// Declines binding MFA (`suggestion`: the "add another factor"
    /// suggestion rather than the optional set-up) and submits.
    pub async fn skip_mfa(&self, suggestion: bool) -> Outcome {
        let skip = async {
            if suggestion {
                self.client.mfa_suggestion_skipped().await
            } else {
                self.client.mfa_skipped().await
            }
        };
        self.verified_then_submit(skip).await
    }

    pub(super) async fn verified_then_submit(
        &self,
        verify: impl std::future::Future<Output = Result<(), ApiError>>,
    ) -> Outcome {
        let result = async {
            if self.session.get(Key::MfaVerified).is_none() {
                verify.await?;
                self.session.set(Key::MfaVerified, Some("1"));
            }
            self.submit().await
        }
        .await;
        if !matches!(&result, Err(error) if error.is_transient()) {
            self.session.set(Key::MfaVerified, None);
        }
        self.settle(&self.session.event(), &Via::Other, result)
    }
}
