//! Leaving for a social or enterprise SSO provider, and what survives the
//! round trip: the `state` (checked on `/callback/<connectorId>`, so that a
//! forged callback cannot sign anyone in) and the verification record.

use serde::{Deserialize, Serialize};

use crate::{
    api::{ApiError, AuthorizationUriRequest, Client, InteractionEvent, InteractionEventRequest},
    flow::{redirect, social::StateCheck},
    journeys::{Key, Session},
};

/// Which API a connector belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Provider {
    Social,
    Sso,
}

/// The round trip in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub connector_id: String,
    pub provider: Provider,
    pub verification_id: String,
}

/// The round trip in progress, if any.
pub fn pending() -> Option<Pending> {
    Session::browser().get_json(Key::Provider)
}

/// Remembers the verification after the callback verified it (for the
/// link and profile pages that follow).
pub fn remember(pending: &Pending) {
    Session::browser().set_json(Key::Provider, Some(pending));
}

/// 16 random bytes from the browser's cryptographic source, base64url.
fn random_state() -> Option<String> {
    use js_sys::{Function, Reflect, Uint8Array};
    use wasm_bindgen::JsCast;
    let crypto = Reflect::get(&leptos::prelude::window(), &"crypto".into()).ok()?;
    let fill: Function = Reflect::get(&crypto, &"getRandomValues".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let bytes = Uint8Array::new_with_length(16);
    fill.call1(&crypto, &bytes).ok()?;
    Some(crate::webauthn::base64url_encode(&bytes.to_vec()))
}

/// Compares the callback's `state` with the one kept for `connector_id`,
/// and forgets the kept one (a state is good for one callback).
pub fn check_state(connector_id: &str, returned: Option<&str>) -> StateCheck {
    let kept = Session::browser().take_social_state(connector_id);
    crate::flow::social::check_state(kept.as_deref(), returned)
}

/// `/callback/<connectorId>` on this origin (under the embedding's base
/// path): where the provider returns.
pub fn callback_uri(connector_id: &str) -> String {
    let origin = leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default();
    let base = crate::router::base();
    format!("{origin}{base}/callback/{connector_id}")
}

/// Starts a sign-in with the provider: a new interaction, a fresh state,
/// the authorization URI; then leaves the page for it. Returns only on
/// failure.
pub async fn start(
    client: &Client,
    connector_id: &str,
    provider: Provider,
) -> Result<(), ApiError> {
    let malformed = |message: &str| ApiError::Malformed {
        status: 0,
        message: message.to_owned(),
    };
    let state = random_state().ok_or_else(|| malformed("no secure random source"))?;
    client
        .start(&InteractionEventRequest {
            interaction_event: InteractionEvent::SignIn,
            captcha_token: None,
        })
        .await?;
    crate::journey::session().remember_event(&InteractionEvent::SignIn);
    let request = AuthorizationUriRequest {
        state: state.clone(),
        redirect_uri: callback_uri(connector_id),
    };
    let answer = match provider {
        Provider::Social => {
            client
                .social_authorization_uri(connector_id, &request)
                .await?
        }
        Provider::Sso => client.sso_authorization_uri(connector_id, &request).await?,
    };
    // Only a web address: never `javascript:` from a response.
    let target = redirect::checked(&answer.authorization_uri)
        .map_err(|_| malformed("the provider's address is not an http(s) URL"))?;
    Session::browser().remember_social_state(connector_id, &state);
    remember(&Pending {
        connector_id: connector_id.to_owned(),
        provider,
        verification_id: answer.verification_id,
    });
    let _ = leptos::prelude::window().location().assign(&target);
    Ok(())
}

/// An email whose domain has enterprise SSO, and its connectors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoChoice {
    pub email: String,
    pub connector_ids: Vec<String>,
}

/// Remembers the connectors found for an email, for the chooser.
pub fn remember_sso(choice: &SsoChoice) {
    Session::browser().set_json(Key::SsoChoice, Some(choice));
}

/// The connectors found last, if any.
pub fn sso_choice() -> Option<SsoChoice> {
    Session::browser().get_json(Key::SsoChoice)
}

/// Enterprise SSO for an email whose domain has connectors: straight to the
/// only one, else the chooser (`/single-sign-on/connectors`). Returns only
/// on failure, or after navigating to the chooser.
pub async fn single_sign_on(
    experience: &crate::context::Experience,
    choice: SsoChoice,
) -> Result<(), ApiError> {
    match choice.connector_ids.as_slice() {
        [only] => start(&experience.client, only, Provider::Sso).await,
        _ => {
            remember_sso(&choice);
            crate::router::navigate(&experience.href("/single-sign-on/connectors"), false);
            Ok(())
        }
    }
}
