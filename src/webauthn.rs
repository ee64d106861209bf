//! WebAuthn in the browser: Logto's options ([`crate::api::webauthn`]) go
//! to `navigator.credentials`, and the credential comes back as
//! `webauthn-rs-proto`'s credential types.
//!
//! The crate's `wasm` feature has these conversions (`From` the options to
//! `web_sys::Credential*Options`, `From<web_sys::PublicKeyCredential>` to
//! the credentials), but it is left off: they `unwrap()` every `Reflect`
//! call (a panic kills this page silently, `panic = immediate-abort`),
//! they drop the registration's transports and the authenticator
//! attachment, which Logto keeps, and they bring `serde-wasm-bindgen` into
//! the first load beside the `serde_json` the page has anyway. Here the
//! options go through their JSON, as Logto sent it, and the browser's
//! `JSON.parse`; the binary fields are then set from their decoded bytes.

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::webauthn::{
    AuthenticatorAssertionResponseRaw, AuthenticatorAttachment,
    AuthenticatorAttestationResponseRaw, Base64UrlSafeData, PublicKeyCredential,
    RegisterPublicKeyCredential, WebAuthnOptions, WebAuthnPayload,
};

/// Why a ceremony did not produce a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebAuthnError {
    /// The browser has no WebAuthn (or the page is not a secure context).
    NotSupported,
    /// The person cancelled, the prompt timed out, or no credential matched
    /// (browsers do not tell these apart, on purpose).
    NotAllowed,
    /// Registration: this authenticator already holds a credential of the
    /// account.
    AlreadyRegistered,
    /// The call was aborted (a conditional request given up for another).
    Aborted,
    /// Anything else, with the browser's error name.
    Other(String),
}

impl WebAuthnError {
    /// The phrase key that explains the error to the person; `None` for an
    /// abort, which the page caused itself and shows nothing for.
    pub fn phrase(&self, creating: bool) -> Option<&'static str> {
        Some(match self {
            Self::NotSupported => "mfa.webauthn_not_supported",
            Self::Aborted => return None,
            _ if creating => "mfa.webauthn_failed_to_create",
            _ => "mfa.webauthn_failed_to_verify",
        })
    }

    fn from_js(error: JsValue) -> Self {
        let name = Reflect::get(&error, &"name".into())
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "NotAllowedError" => Self::NotAllowed,
            "InvalidStateError" => Self::AlreadyRegistered,
            "AbortError" => Self::Aborted,
            "NotSupportedError" | "SecurityError" => Self::NotSupported,
            _ => Self::Other(name),
        }
    }
}

/// Whether this browser can run WebAuthn ceremonies at all.
pub fn supported() -> bool {
    let window = leptos::prelude::window();
    Reflect::has(&window, &"PublicKeyCredential".into()).unwrap_or(false) && credentials().is_some()
}

/// Whether passkey autofill (conditional mediation) is available.
pub async fn autofill_supported() -> bool {
    if !supported() {
        return false;
    }
    let window = leptos::prelude::window();
    let Ok(class) = Reflect::get(&window, &"PublicKeyCredential".into()) else {
        return false;
    };
    let Some(check) = method(&class, "isConditionalMediationAvailable") else {
        return false;
    };
    match check
        .call0(&class)
        .map(|p| JsFuture::from(p.unchecked_into::<js_sys::Promise>()))
    {
        Ok(promise) => promise.await.ok().and_then(|v| v.as_bool()) == Some(true),
        Err(_) => false,
    }
}

fn credentials() -> Option<JsValue> {
    let navigator = Reflect::get(&leptos::prelude::window(), &"navigator".into()).ok()?;
    Reflect::get(&navigator, &"credentials".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

/// How a sign-in request is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mediation {
    /// The browser's modal prompt.
    Modal,
    /// Offered in the autofill list of the `username webauthn` input.
    Conditional,
}

/// `navigator.credentials.get` with Logto's authentication options; the
/// assertion, for Logto's verify request.
pub async fn authenticate(
    options: &WebAuthnOptions,
    mediation: Mediation,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<WebAuthnPayload, WebAuthnError> {
    let public_key = to_js(options)?;
    // No extension input is binary: Logto's options guard allows `appid`,
    // `credProps` and `hmacCreateSecret` only.
    let request = Object::new();
    set(&request, "publicKey", &public_key);
    if mediation == Mediation::Conditional {
        set(&request, "mediation", &"conditional".into());
    }
    if let Some(signal) = signal {
        set(&request, "signal", signal);
    }
    let js = call(&request, "get").await?;
    let response = get(&js, "response").ok_or_else(malformed)?;
    let field = |key| binary(&response, key).ok_or_else(malformed);
    let credential = PublicKeyCredential {
        id: string(&js, "id").unwrap_or_default(),
        raw_id: binary(&js, "rawId").ok_or_else(malformed)?,
        response: AuthenticatorAssertionResponseRaw {
            authenticator_data: field("authenticatorData")?,
            client_data_json: field("clientDataJSON")?,
            signature: field("signature")?,
            user_handle: binary(&response, "userHandle"),
        },
        extensions: Default::default(),
        type_: "public-key".into(),
    };
    Ok(WebAuthnPayload::Authentication {
        credential,
        attachment: attachment(&js),
    })
}

/// `navigator.credentials.create` with Logto's registration options; the
/// attestation, for Logto's verify request.
pub async fn register(options: &WebAuthnOptions) -> Result<WebAuthnPayload, WebAuthnError> {
    let public_key = to_js(options)?;
    let request = Object::new();
    set(&request, "publicKey", &public_key);
    let js = call(&request, "create").await?;
    let response = get(&js, "response").ok_or_else(malformed)?;
    let field = |key| binary(&response, key).ok_or_else(malformed);
    // Transports outside the crate's list (`smart-card`, `cable`) are left
    // out: it would send them as `unknown`, which Logto's guard rejects.
    let transports = method(&response, "getTransports")
        .and_then(|f| f.call0(&response).ok())
        .and_then(|list| list.dyn_into::<Array>().ok())
        .map(|list| {
            list.iter()
                .filter_map(|name| name.as_string()?.parse().ok())
                .collect()
        });
    let credential = RegisterPublicKeyCredential {
        id: string(&js, "id").unwrap_or_default(),
        raw_id: binary(&js, "rawId").ok_or_else(malformed)?,
        response: AuthenticatorAttestationResponseRaw {
            attestation_object: field("attestationObject")?,
            client_data_json: field("clientDataJSON")?,
            transports,
        },
        type_: "public-key".into(),
        extensions: Default::default(),
    };
    Ok(WebAuthnPayload::Registration {
        credential,
        attachment: attachment(&js),
    })
}

async fn call(request: &Object, name: &str) -> Result<JsValue, WebAuthnError> {
    if !supported() {
        return Err(WebAuthnError::NotSupported);
    }
    let credentials = credentials().ok_or(WebAuthnError::NotSupported)?;
    let function = method(&credentials, name).ok_or(WebAuthnError::NotSupported)?;
    let promise = function
        .call1(&credentials, request)
        .map_err(WebAuthnError::from_js)?;
    let credential = JsFuture::from(promise.unchecked_into::<js_sys::Promise>())
        .await
        .map_err(WebAuthnError::from_js)?;
    if credential.is_null() || credential.is_undefined() {
        return Err(WebAuthnError::NotAllowed);
    }
    Ok(credential)
}

fn malformed() -> WebAuthnError {
    WebAuthnError::Other("credential".into())
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &key.into())
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

fn string(target: &JsValue, key: &str) -> Option<String> {
    get(target, key)?.as_string()
}

/// An `ArrayBuffer` field of the credential.
fn binary(target: &JsValue, key: &str) -> Option<Base64UrlSafeData> {
    get(target, key)
        .filter(|value| value.is_instance_of::<js_sys::ArrayBuffer>())
        .map(|buffer| Uint8Array::new(&buffer).to_vec().into())
}

fn bytes(data: &Base64UrlSafeData) -> JsValue {
    Uint8Array::from(data.as_slice()).into()
}

fn attachment(credential: &JsValue) -> Option<AuthenticatorAttachment> {
    match string(credential, "authenticatorAttachment")?.as_str() {
        "platform" => Some(AuthenticatorAttachment::Platform),
        "cross-platform" => Some(AuthenticatorAttachment::CrossPlatform),
        _ => None,
    }
}

/// The options as a JS object: their JSON, with the binary fields set to
/// their bytes.
fn to_js(options: &WebAuthnOptions) -> Result<JsValue, WebAuthnError> {
    let text =
        serde_json::to_string(&options.json).map_err(|_| WebAuthnError::Other("options".into()))?;
    let public_key =
        js_sys::JSON::parse(&text).map_err(|_| WebAuthnError::Other("options".into()))?;
    set(&public_key, "challenge", &bytes(&options.challenge));
    if let (Some(user), Some(id)) = (get(&public_key, "user"), &options.user_id) {
        set(&user, "id", &bytes(id));
    }
    // The list and the ids are in the same order.
    let list =
        get(&public_key, options.credential_list()).and_then(|list| list.dyn_into::<Array>().ok());
    if let Some(list) = list {
        for (entry, id) in list.iter().zip(&options.credential_ids) {
            set(&entry, "id", &bytes(id));
        }
    }
    Ok(public_key)
}
