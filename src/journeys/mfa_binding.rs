//! Binding a new factor when the server asks for one (`user.suggest_mfa`,
//! `user.missing_mfa`, `session.mfa.suggest_additional_mfa`,
//! `session.mfa.backup_code_required`), and the passkey offered after a
//! sign-in (`user.passkey_preferred`). Each binding verifies the new
//! factor, binds it and submits; the server then asks for the next thing
//! (backup codes, say) or redirects. An email or phone factor is bound by
//! its code ([`Journeys::send_code`] with `mfa`, then
//! [`Journeys::verify_code`]).

use super::{Journeys, Outcome};
use crate::{
    api::{
        ApiError, BackupCodesResponse, BindMfaRequest, MfaFactor, TotpSecretResponse,
        TotpVerifyRequest, VerificationIdRequest, WebAuthnPayload, WebAuthnRegistrationResponse,
        WebAuthnVerifyRequest,
    },
    flow::next_step::Via,
};

/// What a new WebAuthn credential becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewCredential {
    /// A second factor (`POST /profile/mfa`).
    MfaFactor,
    /// A passkey to sign in with next time (`POST /profile/passkey`).
    Passkey,
}

impl Journeys {
    /// `/mfa-onboarding`: turns 2-step verification on (`enable`), or
    /// declines it, and submits.
    pub async fn onboard_mfa(&self, enable: bool) -> Outcome {
        if !enable {
            return self.skip_mfa(false).await;
        }
        self.verified_then_submit(self.client.mfa_enabled()).await
    }

    /// A new TOTP secret (and its QR code) for the person's app; an error
    /// is settled into the [`Outcome`] to render.
    pub async fn totp_secret(&self) -> Result<TotpSecretResponse, Outcome> {
        self.client.totp_secret().await.map_err(|e| self.failed(e))
    }

    /// Checks the first code of the app set up with `secret`, binds it and
    /// submits (trusting this device first when `trust`).
    pub async fn bind_totp(
        &self,
        secret: &TotpSecretResponse,
        code: String,
        trust: bool,
    ) -> Outcome {
        let verification_id = secret.verification_id.clone();
        let bind = async {
            let request = TotpVerifyRequest {
                code,
                verification_id: Some(verification_id.clone()),
            };
            self.client.totp_verify(&request).await?;
            self.bind(MfaFactor::Totp, verification_id).await
        };
        self.verified_then_submit(self.then_trust(bind, trust))
            .await
    }

    /// New backup codes to show (once: they are never stored).
    pub async fn backup_codes(&self) -> Result<BackupCodesResponse, Outcome> {
        self.client
            .backup_code_generate()
            .await
            .map_err(|e| self.failed(e))
    }

    /// Binds the backup codes shown (the person saved them) and submits.
    pub async fn bind_backup_codes(&self, codes: &BackupCodesResponse) -> Outcome {
        let bind = self.bind(MfaFactor::BackupCode, codes.verification_id.clone());
        self.verified_then_submit(bind).await
    }

    /// The options of a new WebAuthn credential, fetched before the click
    /// so that the browser's prompt opens straight from it.
    pub async fn web_authn_registration(&self) -> Result<WebAuthnRegistrationResponse, Outcome> {
        self.client
            .web_authn_registration()
            .await
            .map_err(|e| self.failed(e))
    }

    /// Verifies the browser's new credential (`payload`, as the ceremony
    /// returned it) for `prepared`, binds it as `what` and submits
    /// (trusting this device first when `trust`, for a second factor).
    pub async fn bind_web_authn(
        &self,
        prepared: &WebAuthnRegistrationResponse,
        payload: WebAuthnPayload,
        what: NewCredential,
        trust: bool,
    ) -> Outcome {
        let verification_id = prepared.verification_id.clone();
        let bind = async {
            let request = WebAuthnVerifyRequest {
                verification_id: Some(verification_id.clone()),
                payload,
            };
            self.client.web_authn_registration_verify(&request).await?;
            match what {
                NewCredential::MfaFactor => self.bind(MfaFactor::WebAuthn, verification_id).await,
                NewCredential::Passkey => {
                    self.client
                        .bind_passkey(&VerificationIdRequest { verification_id })
                        .await
                }
            }
        };
        let trust = trust && what == NewCredential::MfaFactor;
        self.verified_then_submit(self.then_trust(bind, trust))
            .await
    }

    /// `POST /profile/mfa` for a verified factor.
    async fn bind(&self, factor: MfaFactor, verification_id: String) -> Result<(), ApiError> {
        self.client
            .bind_mfa(&BindMfaRequest {
                factor,
                verification_id,
            })
            .await
    }

    /// A failed call outside a flow's last calls, settled as those are (an
    /// expired session goes to its page; anything else is shown).
    pub fn failed(&self, error: ApiError) -> Outcome {
        self.settle(&self.session.event(), &Via::Other, Err(error))
    }
}
