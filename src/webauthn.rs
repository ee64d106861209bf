//! WebAuthn in the browser: Logto's options (the `@simplewebauthn` JSON
//! shape, binary fields as base64url strings) go to `navigator.credentials`,
//! and the credential comes back as the JSON Logto verifies.
//!
//! The conversion is done here by hand on the few binary fields instead of
//! through typed WebAuthn structs: the page never decides anything from
//! these values, and the passkey button lives in the size-budgeted first
//! load.

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
/// assertion as Logto's `payload` (`"type": "WebAuthn"` included).
pub async fn authenticate(
    options: &Value,
    mediation: Mediation,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Value, WebAuthnError> {
    let public_key = to_js(options, &["challenge"], &["allowCredentials"])?;
    let request = Object::new();
    set(&request, "publicKey", &public_key);
    if mediation == Mediation::Conditional {
        set(&request, "mediation", &"conditional".into());
    }
    if let Some(signal) = signal {
        set(&request, "signal", signal);
    }
    let credential = call(&request, "get").await?;
    Ok(credential_json(&credential))
}

/// `navigator.credentials.create` with Logto's registration options; the
/// attestation as Logto's `payload`.
pub async fn register(options: &Value) -> Result<Value, WebAuthnError> {
    let public_key = to_js(options, &["challenge"], &["excludeCredentials"])?;
    if let Some(user) = options.get("user") {
        let user = to_js(user, &["id"], &[])?;
        set(&public_key, "user", &user);
    }
    let request = Object::new();
    set(&request, "publicKey", &public_key);
    let credential = call(&request, "create").await?;
    Ok(credential_json(&credential))
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

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

/// The JSON options as a JS object, with `binary` fields and the `id` of
/// each entry of the `lists` decoded from base64url.
fn to_js(options: &Value, binary: &[&str], lists: &[&str]) -> Result<JsValue, WebAuthnError> {
    let text =
        serde_json::to_string(options).map_err(|_| WebAuthnError::Other("options".into()))?;
    let object = js_sys::JSON::parse(&text).map_err(|_| WebAuthnError::Other("options".into()))?;
    let bytes = |value: Option<&Value>| -> Result<Uint8Array, WebAuthnError> {
        let text = value.and_then(Value::as_str).unwrap_or_default();
        let decoded = base64url_decode(text).ok_or(WebAuthnError::Other("options".into()))?;
        Ok(Uint8Array::from(decoded.as_slice()))
    };
    for key in binary {
        set(&object, key, &bytes(options.get(*key))?.into());
    }
    for key in lists {
        let Some(entries) = options.get(*key).and_then(Value::as_array) else {
            continue;
        };
        let converted = Array::new();
        for entry in entries {
            let js = to_js(entry, &["id"], &[])?;
            converted.push(&js);
        }
        set(&object, key, &converted);
    }
    Ok(object)
}

/// A `PublicKeyCredential` as the JSON `@simplewebauthn` verifies.
fn credential_json(credential: &JsValue) -> Value {
    let get = |target: &JsValue, key: &str| Reflect::get(target, &key.into()).ok();
    let binary = |target: &JsValue, key: &str| {
        get(target, key)
            .filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>())
            .map(|buffer| Value::String(base64url_encode(&Uint8Array::new(&buffer).to_vec())))
    };
    let mut response = Map::new();
    if let Some(inner) = get(credential, "response") {
        for key in [
            "clientDataJSON",
            "authenticatorData",
            "signature",
            "userHandle",
            "attestationObject",
        ] {
            if let Some(value) = binary(&inner, key) {
                response.insert(key.into(), value);
            }
        }
        if let Some(transports) = method(&inner, "getTransports")
            .and_then(|f| f.call0(&inner).ok())
            .and_then(|list| list.dyn_into::<Array>().ok())
        {
            let names = transports.iter().filter_map(|t| t.as_string());
            response.insert("transports".into(), names.map(Value::String).collect());
        }
    }
    let string = |key: &str| get(credential, key).and_then(|v| v.as_string());
    let mut json = Map::new();
    json.insert("type".into(), "WebAuthn".into());
    json.insert("id".into(), string("id").unwrap_or_default().into());
    json.insert(
        "rawId".into(),
        binary(credential, "rawId").unwrap_or_else(|| string("id").unwrap_or_default().into()),
    );
    json.insert("response".into(), Value::Object(response));
    json.insert("clientExtensionResults".into(), Value::Object(Map::new()));
    if let Some(attachment) = string("authenticatorAttachment") {
        json.insert("authenticatorAttachment".into(), attachment.into());
    }
    Value::Object(json)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for chunk in bytes.chunks(3) {
        // Three bytes make four characters; a shorter last chunk, one
        // more character than it has bytes.
        let (group, chars) = match *chunk {
            [a] => ([a, 0, 0], 2),
            [a, b] => ([a, b, 0], 3),
            [a, b, c] => ([a, b, c], 4),
            _ => continue,
        };
        let n = u32::from(group[0]) << 16 | u32::from(group[1]) << 8 | u32::from(group[2]);
        for shift in [18, 12, 6, 0].into_iter().take(chars) {
            let sextet = (n >> shift & 63) as usize;
            out.push(char::from(ALPHABET.get(sextet).copied().unwrap_or(b'A')));
        }
    }
    out
}

/// Base64url (or standard base64), padding optional.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    // `bits` stays below 14 and the arms below stay within 0..64: the
    // wrapping operations never wrap.
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes().take_while(|c| *c != b'=') {
        let value = match c {
            b'A'..=b'Z' => c.wrapping_sub(b'A'),
            b'a'..=b'z' => c.wrapping_sub(b'a').wrapping_add(26),
            b'0'..=b'9' => c.wrapping_sub(b'0').wrapping_add(52),
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits = bits.wrapping_add(6);
        if let Some(left) = bits.checked_sub(8) {
            bits = left;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for bytes in [
            &b""[..],
            b"f",
            b"fo",
            b"foo",
            b"foob",
            b"fooba",
            b"foobar",
            &[0xfb, 0xff],
        ] {
            let encoded = base64url_encode(bytes);
            assert!(!encoded.contains('='));
            assert_eq!(base64url_decode(&encoded).as_deref(), Some(bytes));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("+/8=").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64url_decode("a b"), None);
        assert_eq!(
            base64url_decode("aVbcqTQjj9CZ6-StCRAeNw").map(|b| b.len()),
            Some(16)
        );
    }
}
