//! Social and enterprise SSO sign-in: the round trip to the provider and
//! what the identity then needs (sign-in, registration, linking).

use serde::{Deserialize, Serialize};

use super::{Journeys, Key, Outcome};
use crate::{
    api::{
        ApiError, AuthorizationUriRequest, ConnectorVerifyRequest, IdentificationRequest,
        InteractionEvent,
    },
    flow::{
        next_step::Via,
        redirect,
        social::{check_state, connector_data, StateCheck},
    },
};

/// Which API a connector belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Provider {
    Social,
    Sso,
}

impl Provider {
    fn via(self) -> Via {
        match self {
            Self::Social => Via::Social,
            Self::Sso => Via::Sso,
        }
    }
}

/// The round trip in progress (kept in the session).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub connector_id: String,
    pub provider: Provider,
    pub verification_id: String,
    /// The provider's answer was accepted but what followed got no answer:
    /// a retry goes on without verifying it again.
    #[serde(default)]
    pub verified: bool,
}

impl Journeys {
    /// Starts a sign-in with `connector_id`'s provider: a new interaction,
    /// the authorization URI for `state` (fresh and random, made by the
    /// caller) and `redirect_uri` (this page's `/callback/<connectorId>`).
    /// Keeps the state and the verification; returns the provider's
    /// address to leave for, only if it is a web address.
    pub async fn start_with_provider(
        &self,
        connector_id: &str,
        provider: Provider,
        state: String,
        redirect_uri: String,
    ) -> Result<String, ApiError> {
        self.start(InteractionEvent::SignIn, None).await?;
        let request = AuthorizationUriRequest {
            state: state.clone(),
            redirect_uri,
        };
        let answer = match provider {
            Provider::Social => {
                self.client
                    .social_authorization_uri(connector_id, &request)
                    .await?
            }
            Provider::Sso => {
                self.client
                    .sso_authorization_uri(connector_id, &request)
                    .await?
            }
        };
        // Only a web address: never `javascript:` from a response.
        let target =
            redirect::checked(&answer.authorization_uri).map_err(|_| ApiError::Malformed {
                status: 200,
                message: "the provider's address is not an http(s) URL".to_owned(),
            })?;
        self.session.remember_social_state(connector_id, &state);
        self.session.set_json(
            Key::Provider,
            Some(&Pending {
                connector_id: connector_id.to_owned(),
                provider,
                verification_id: answer.verification_id,
                verified: false,
            }),
        );
        Ok(target)
    }

    /// The round trip in progress, if it is `connector_id`'s.
    pub fn pending_provider(&self, connector_id: &str) -> Option<Pending> {
        self.session
            .get_json::<Pending>(Key::Provider)
            .filter(|pending| pending.connector_id == connector_id)
    }

    /// The provider's answer on `/callback/<connectorId>` (`params`: its
    /// query, `redirect_uri` as sent): checks the `state` against the kept
    /// one (good for one callback), verifies, identifies and submits. A
    /// forged, replayed or foreign callback is never verified.
    pub async fn finish_with_provider(
        &self,
        connector_id: &str,
        params: &[(String, String)],
        redirect_uri: &str,
    ) -> Outcome {
        let returned = params
            .iter()
            .find(|(key, _)| key == "state")
            .map(|(_, value)| value.as_str());
        let kept = self.session.take_social_state(connector_id);
        let (StateCheck::Match, Some(pending)) = (
            check_state(kept.as_deref(), returned),
            self.pending_provider(connector_id),
        ) else {
            return Outcome::ForgedCallback;
        };
        let request = ConnectorVerifyRequest {
            connector_data: connector_data(params, redirect_uri),
            verification_id: Some(pending.verification_id.clone()),
        };
        let result = async {
            let verification_id = if pending.verified {
                pending.verification_id.clone()
            } else {
                let verified = match pending.provider {
                    Provider::Social => self.client.social_verify(connector_id, &request).await?,
                    Provider::Sso => self.client.sso_verify(connector_id, &request).await?,
                };
                self.session.set_json(
                    Key::Provider,
                    Some(&Pending {
                        verification_id: verified.verification_id.clone(),
                        verified: true,
                        ..pending.clone()
                    }),
                );
                verified.verification_id
            };
            self.session.remember_event(&InteractionEvent::SignIn);
            self.identify_and_submit(Some(verification_id)).await
        }
        .await;
        // Logto never answered: the same callback may be tried again (the
        // state stays good for it, and only for it).
        if let (Err(error), Some(state)) = (&result, returned) {
            if error.is_transient() {
                self.session.remember_social_state(connector_id, state);
            }
        }
        self.settle(&InteractionEvent::SignIn, &pending.provider.via(), result)
    }

    /// The verified identity becomes a new account (Logto's
    /// `registerWithVerifiedIdentifier`); profile pages may follow.
    pub async fn register_identity(&self) -> Outcome {
        let Some(pending) = self.session.get_json::<Pending>(Key::Provider) else {
            return Outcome::ForgedCallback;
        };
        let result = self
            .switch_event_and_submit(InteractionEvent::Register, Some(pending.verification_id))
            .await;
        self.settle(&InteractionEvent::Register, &pending.provider.via(), result)
    }

    /// The verified identity is linked to the account with the same email
    /// or phone.
    pub async fn link_identity(&self) -> Outcome {
        let Some(pending) = self.session.get_json::<Pending>(Key::Provider) else {
            return Outcome::ForgedCallback;
        };
        let result = async {
            self.client
                .identify(&IdentificationRequest {
                    verification_id: Some(pending.verification_id.clone()),
                    link_social_identity: Some(true),
                })
                .await?;
            self.submit().await
        }
        .await;
        let event = self.session.event();
        self.settle(&event, &pending.provider.via(), result)
    }
}
