//! Leaving for a social or enterprise SSO provider, and what survives the
//! round trip: the `state` (checked on `/callback/<connectorId>`, so that a
//! forged callback cannot sign anyone in) and the verification record.

#[cfg(feature = "full")]
use crate::journeys::{Key, Session};
use crate::{api::ApiError, journeys::Journeys};

pub use crate::journeys::Provider;
#[cfg(feature = "full")]
pub use crate::journeys::SsoChoice;

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
    use base64::Engine;
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes.to_vec()))
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

/// Starts a sign-in with the provider ([`Journeys::start_with_provider`]
/// with a fresh random state and this page's callback address), then leaves
/// the page for it. Returns only on failure.
pub async fn start(
    journeys: &Journeys,
    connector_id: &str,
    provider: Provider,
) -> Result<(), ApiError> {
    let state = random_state().ok_or_else(|| ApiError::Malformed {
        status: 0,
        message: "no secure random source".to_owned(),
    })?;
    let target = journeys
        .start_with_provider(connector_id, provider, state, callback_uri(connector_id))
        .await?;
    let _ = leptos::prelude::window().location().assign(&target);
    Ok(())
}

/// This page's origin and base path (`https://auth.example.com/base`).
#[cfg(feature = "full")]
fn page_address() -> String {
    let origin = leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default();
    format!("{origin}{}", crate::router::base())
}

/// Starts a social sign-in inside a native app's webview
/// ([`Journeys::start_in_native_app`]) and hands it to the app, which
/// opens the provider and brings the answer back to `/callback/social/<id>`.
/// Returns only on failure.
#[cfg(feature = "full")]
pub async fn start_native(
    journeys: &Journeys,
    connector: &crate::api::settings::SocialConnector,
    sdk: &crate::flow::native::NativeSdk,
) -> Result<(), ApiError> {
    let state = random_state().ok_or_else(|| ApiError::Malformed {
        status: 0,
        message: "no secure random source".to_owned(),
    })?;
    let message = journeys
        .start_in_native_app(connector, sdk, state, &page_address())
        .await?;
    if crate::native_sdk::post(&message) {
        Ok(())
    } else {
        Err(ApiError::Malformed {
            status: 0,
            message: "the native app did not take the sign-in".to_owned(),
        })
    }
}

/// Remembers the connectors found for an email, for the chooser.
#[cfg(feature = "full")]
pub fn remember_sso(choice: &SsoChoice) {
    Session::browser().set_json(Key::SsoChoice, Some(choice));
}

/// The connectors found last, if any.
#[cfg(feature = "full")]
pub fn sso_choice() -> Option<SsoChoice> {
    Session::browser().get_json(Key::SsoChoice)
}

/// Enterprise SSO for an email whose domain has connectors: straight to the
/// only one, else the chooser (`/single-sign-on/connectors`). Returns only
/// on failure, or after navigating to the chooser.
#[cfg(feature = "full")]
pub async fn single_sign_on(
    experience: &crate::context::Experience,
    choice: SsoChoice,
) -> Result<(), ApiError> {
    match choice.connector_ids.as_slice() {
        [only] => start(&experience.journeys(), only, Provider::Sso).await,
        _ => {
            remember_sso(&choice);
            crate::router::navigate(&experience.href("/single-sign-on/connectors"), false);
            Ok(())
        }
    }
}

/// [`single_sign_on`] from a form (busy meanwhile; a failure shown on
/// it), for the SSO noticed while an email was typed.
#[cfg(feature = "full")]
pub fn single_sign_on_from(
    experience: &crate::context::Experience,
    form: crate::components::form::FormState,
    choice: SsoChoice,
) {
    if !form.begin() {
        return;
    }
    let experience = experience.clone();
    leptos::task::spawn_local(async move {
        experience
            .session
            .remember_identifier(&crate::api::Identifier::new(
                crate::api::SignInIdentifier::Email,
                choice.email.clone(),
            ));
        if let Err(error) = single_sign_on(&experience, choice).await {
            let message = crate::journey::message(&experience, &error);
            form.fail(crate::flow::next_step::Field::Form, message, false);
        }
    });
}
