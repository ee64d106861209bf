//! Signing in with a passkey: the discoverable challenge of the landing
//! page (button and autofill), or the identifier-first one.

use super::{Journeys, Key, Outcome};
use crate::{
    api::{
        ApiError, ErrorCode, Identifier, InteractionEvent, PasskeyPreflightResponse,
        SignInPasskeyRequest, WebAuthnAuthenticationResponse, WebAuthnPayload,
        WebAuthnVerifyRequest,
    },
    flow::{next_step::Via, route::Route},
};

impl Journeys {
    /// The discoverable challenge, fetched when the landing page opens (it
    /// outlives the interactions started after it).
    pub async fn passkey_preflight(&self) -> Result<PasskeyPreflightResponse, ApiError> {
        self.client.passkey_preflight().await
    }

    /// The person's own passkeys for `identifier` (identifier-first), on a
    /// fresh sign-in interaction; kept for `/sign-in/passkey`.
    pub async fn passkey_challenge(
        &self,
        identifier: &Identifier,
    ) -> Result<WebAuthnAuthenticationResponse, ApiError> {
        self.session.remember_identifier(identifier);
        // A challenge kept means "this identifier has passkeys": never the
        // previous identifier's.
        self.session.set(Key::Passkey, None);
        self.start(InteractionEvent::SignIn, None).await?;
        let challenge = self
            .client
            .sign_in_passkey_authentication(&SignInPasskeyRequest {
                identifier: identifier.clone(),
            })
            .await?;
        self.session.set_json(Key::Passkey, Some(&challenge));
        Ok(challenge)
    }

    /// Identifier-first passkey sign-in: `Go(/sign-in/passkey)` when the
    /// person has passkeys (their challenge kept for that page), `None`
    /// when they have none (sign in the usual way), else the failure.
    pub async fn passkey_first(&self, identifier: &Identifier) -> Option<Outcome> {
        match self.passkey_challenge(identifier).await {
            Ok(_) => Some(Outcome::Go(Route::SignInPasskey)),
            Err(error) if error.is(&ErrorCode::SessionMfaWebauthnVerificationNotFound) => None,
            Err(error) => Some(Outcome::fail(error)),
        }
    }

    /// Whether the identifier being signed in has passkeys of its own (its
    /// identifier-first challenge was found), for the switches between
    /// factors.
    pub fn has_passkey(&self) -> bool {
        self.session.get(Key::Passkey).is_some()
    }

    /// Verifies the browser's assertion (`verification_id`: the
    /// identifier-first challenge's; `None`: the preflight one, which
    /// needs a new interaction), identifies and submits.
    pub async fn sign_in_with_passkey(
        &self,
        verification_id: Option<String>,
        payload: WebAuthnPayload,
    ) -> Outcome {
        let result = async {
            if verification_id.is_none() {
                self.start(InteractionEvent::SignIn, None).await?;
            }
            self.session.remember_event(&InteractionEvent::SignIn);
            let verified = self
                .client
                .sign_in_passkey_verify(&WebAuthnVerifyRequest {
                    verification_id,
                    payload,
                })
                .await?;
            self.identify_and_submit(Some(verified.verification_id))
                .await
        }
        .await;
        self.settle(&InteractionEvent::SignIn, &Via::Passkey, result)
    }
}
