//! WebAuthn on the wire, typed with `webauthn-rs-proto`.
//!
//! Logto (through `@simplewebauthn/server`) sends the ceremony options as
//! `PublicKeyCredential{Creation,Request}OptionsJSON`, binary fields as
//! base64url strings; they decode into the crate's option types. The
//! browser's credential is kept as the crate's credential types and sent as
//! the JSON of Logto's `webAuthn{Registration,Authentication}ResultGuard`,
//! which differs from the crate's own serialisation: `type` is `"WebAuthn"`,
//! the extension outputs are `clientExtensionResults`, the authenticator's
//! attachment is beside them, and absent optional fields are left out (the
//! guard rejects `null`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Its base64url bytes (decodes URL-safe or standard, padded or not;
/// encodes URL-safe without padding).
pub use base64urlsafedata::Base64UrlSafeData;
pub use webauthn_rs_proto::{
    AuthenticatorAssertionResponseRaw, AuthenticatorAttachment,
    AuthenticatorAttestationResponseRaw, AuthenticatorTransport, PublicKeyCredential,
    PublicKeyCredentialCreationOptions, PublicKeyCredentialRequestOptions,
    RegisterPublicKeyCredential,
};

/// What the browser returned from a ceremony, as Logto verifies it.
#[derive(Debug, Clone)]
pub enum WebAuthnPayload {
    /// `navigator.credentials.create`'s attestation.
    Registration {
        credential: RegisterPublicKeyCredential,
        attachment: Option<AuthenticatorAttachment>,
    },
    /// `navigator.credentials.get`'s assertion.
    Authentication {
        credential: PublicKeyCredential,
        attachment: Option<AuthenticatorAttachment>,
    },
}

/// Logto's result guards' shape, borrowed from the typed credential.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Wire<'a, R> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    raw_id: &'a Base64UrlSafeData,
    response: R,
    /// Always empty: the page asks for no extension whose output Logto
    /// reads (as Logto's own page, which sends what the browser gives, would
    /// for these options).
    client_extension_results: Empty,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticator_attachment: Option<AuthenticatorAttachment>,
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct Attestation<'a> {
    #[serde(rename = "clientDataJSON")]
    client_data_json: &'a Base64UrlSafeData,
    #[serde(rename = "attestationObject")]
    attestation_object: &'a Base64UrlSafeData,
    #[serde(skip_serializing_if = "Option::is_none")]
    transports: Option<&'a [AuthenticatorTransport]>,
}

#[derive(Serialize)]
struct Assertion<'a> {
    #[serde(rename = "clientDataJSON")]
    client_data_json: &'a Base64UrlSafeData,
    #[serde(rename = "authenticatorData")]
    authenticator_data: &'a Base64UrlSafeData,
    signature: &'a Base64UrlSafeData,
    #[serde(rename = "userHandle", skip_serializing_if = "Option::is_none")]
    user_handle: Option<&'a Base64UrlSafeData>,
}

impl Serialize for WebAuthnPayload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Registration {
                credential,
                attachment,
            } => {
                let response = &credential.response;
                Wire {
                    kind: "WebAuthn",
                    id: &credential.id,
                    raw_id: &credential.raw_id,
                    response: Attestation {
                        client_data_json: &response.client_data_json,
                        attestation_object: &response.attestation_object,
                        transports: response.transports.as_deref(),
                    },
                    client_extension_results: Empty {},
                    authenticator_attachment: *attachment,
                }
                .serialize(serializer)
            }
            Self::Authentication {
                credential,
                attachment,
            } => {
                let response = &credential.response;
                Wire {
                    kind: "WebAuthn",
                    id: &credential.id,
                    raw_id: &credential.raw_id,
                    response: Assertion {
                        client_data_json: &response.client_data_json,
                        authenticator_data: &response.authenticator_data,
                        signature: &response.signature,
                        user_handle: response.user_handle.as_ref(),
                    },
                    client_extension_results: Empty {},
                    authenticator_attachment: *attachment,
                }
                .serialize(serializer)
            }
        }
    }
}

/// Reads Logto's JSON back (the page never does: for the native tests, the
/// simulator's software authenticator and the fuzz target). A response with
/// an `attestationObject` is a registration.
impl<'de> Deserialize<'de> for WebAuthnPayload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        use serde_json::Value;
        let value = Value::deserialize(deserializer)?;
        if value.get("type").and_then(Value::as_str) != Some("WebAuthn") {
            return Err(D::Error::custom(
                "a WebAuthn payload has `type: \"WebAuthn\"`",
            ));
        }
        let attachment = match value.get("authenticatorAttachment") {
            None => None,
            Some(attachment) => {
                Some(AuthenticatorAttachment::deserialize(attachment).map_err(D::Error::custom)?)
            }
        };
        let registration = value
            .get("response")
            .is_some_and(|response| response.get("attestationObject").is_some());
        Ok(if registration {
            Self::Registration {
                credential: RegisterPublicKeyCredential::deserialize(value)
                    .map_err(D::Error::custom)?,
                attachment,
            }
        } else {
            Self::Authentication {
                credential: PublicKeyCredential::deserialize(value).map_err(D::Error::custom)?,
                attachment,
            }
        })
    }
}

impl PartialEq for WebAuthnPayload {
    /// Equal when they would send the same JSON.
    fn eq(&self, other: &Self) -> bool {
        serde_json::to_value(self).ok() == serde_json::to_value(other).ok()
    }
}

/// Logto's options, read through webauthn-rs-proto's own derive from the
/// answer's parsed value (the one parser the page holds).
macro_rules! options_from_json {
    ($($options:ty),*) => {$(
        impl super::json::FromJson for $options {
            fn from_json(value: &serde_json::Value) -> super::json::Decoded<Self> {
                Self::deserialize(value).map_err(|_| super::json::Mismatch::WRONG)
            }
        }
    )*};
}
options_from_json!(
    PublicKeyCredentialCreationOptions,
    PublicKeyCredentialRequestOptions
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn contract(file: &str) -> Option<Value> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/logto-contract")
            .join(file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return None;
        };
        Some(serde_json::from_str(&text).unwrap())
    }

    /// The bodies of the recorded exchanges to `path` (requests or
    /// responses, whichever `side` names).
    fn bodies(scenario: &Value, path: &str, side: &str) -> Vec<Value> {
        scenario["exchanges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|exchange| {
                exchange["request"]["path"]
                    .as_str()
                    .unwrap()
                    .ends_with(path)
            })
            .filter(|exchange| exchange["response"]["status"] == 200)
            .map(|exchange| exchange[side]["body"].clone())
            .collect()
    }

    #[test]
    fn decodes_the_recorded_registration_options() {
        let Some(scenario) = contract("mfa-webauthn-registration.json") else {
            return;
        };
        let responses = bodies(&scenario, "/web-authn/registration", "response");
        assert_eq!(responses.len(), 1);
        for body in responses {
            let options: PublicKeyCredentialCreationOptions =
                serde_json::from_value(body["registrationOptions"].clone()).unwrap();
            assert_eq!(options.challenge.len(), 32);
            assert_eq!(options.user.id.as_slice(), b"r9rrc8r8ocg7");
            assert_eq!(options.rp.id, "127.0.0.1");
            assert_eq!(
                options
                    .pub_key_cred_params
                    .iter()
                    .map(|p| p.alg)
                    .collect::<Vec<_>>(),
                [-7, -257]
            );
            assert_eq!(options.exclude_credentials.as_deref(), Some(&[][..]));
            assert_eq!(options.extensions.and_then(|e| e.cred_props), Some(true));
        }
    }

    #[test]
    fn decodes_the_recorded_authentication_options() {
        let mut seen = 0;
        for (file, path) in [
            ("passkey-sign-in.json", "/sign-in-passkey/authentication"),
            (
                "mfa-webauthn-authentication.json",
                "/web-authn/authentication",
            ),
        ] {
            let Some(scenario) = contract(file) else {
                return;
            };
            for body in bodies(&scenario, path, "response") {
                let options: PublicKeyCredentialRequestOptions =
                    serde_json::from_value(body["authenticationOptions"].clone()).unwrap();
                assert_eq!(options.challenge.len(), 32, "{file}");
                assert_eq!(options.rp_id, "127.0.0.1");
                for allowed in &options.allow_credentials {
                    assert_eq!(allowed.id.len(), 16);
                    assert_eq!(
                        allowed.transports.as_deref(),
                        Some(&[AuthenticatorTransport::Internal][..])
                    );
                }
                seen += 1;
            }
        }
        // The discoverable preflights (twice) and the identifier-first
        // challenge of passkey-sign-in, and the MFA one.
        assert_eq!(seen, 4);
    }

    /// Every accepted verify request of the recordings decodes into the
    /// typed credential and is sent back as exactly the recorded JSON.
    #[test]
    fn sends_the_recorded_results_unchanged() {
        let mut seen = 0;
        for (file, path, registration) in [
            ("passkey-sign-in.json", "/authentication/verify", false),
            (
                "mfa-webauthn-authentication.json",
                "/authentication/verify",
                false,
            ),
            (
                "mfa-webauthn-registration.json",
                "/registration/verify",
                true,
            ),
        ] {
            let Some(scenario) = contract(file) else {
                return;
            };
            for body in bodies(&scenario, path, "request") {
                let payload: WebAuthnPayload =
                    serde_json::from_value(body["payload"].clone()).unwrap();
                assert_eq!(
                    matches!(payload, WebAuthnPayload::Registration { .. }),
                    registration
                );
                assert_eq!(
                    serde_json::to_value(&payload).unwrap(),
                    body["payload"],
                    "{file}"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, 3);
    }

    #[test]
    fn result_json_has_the_guards_shape() {
        let assertion = WebAuthnPayload::Authentication {
            credential: PublicKeyCredential {
                id: "AQI".into(),
                raw_id: vec![1, 2].into(),
                response: AuthenticatorAssertionResponseRaw {
                    authenticator_data: vec![3].into(),
                    client_data_json: b"{}".to_vec().into(),
                    signature: vec![0xfb, 0xff].into(),
                    user_handle: None,
                },
                extensions: Default::default(),
                type_: "public-key".into(),
            },
            attachment: None,
        };
        assert_eq!(
            serde_json::to_value(&assertion).unwrap(),
            json!({
                "type": "WebAuthn",
                "id": "AQI",
                "rawId": "AQI",
                "response": {"clientDataJSON": "e30", "authenticatorData": "Aw", "signature": "-_8"},
                "clientExtensionResults": {},
            })
        );
        let attestation = WebAuthnPayload::Registration {
            credential: RegisterPublicKeyCredential {
                id: "AQI".into(),
                raw_id: vec![1, 2].into(),
                response: AuthenticatorAttestationResponseRaw {
                    attestation_object: vec![0xa0].into(),
                    client_data_json: b"{}".to_vec().into(),
                    transports: Some(vec![
                        AuthenticatorTransport::Internal,
                        AuthenticatorTransport::Hybrid,
                    ]),
                },
                type_: "public-key".into(),
                extensions: Default::default(),
            },
            attachment: Some(AuthenticatorAttachment::CrossPlatform),
        };
        assert_eq!(
            serde_json::to_value(&attestation).unwrap(),
            json!({
                "type": "WebAuthn",
                "id": "AQI",
                "rawId": "AQI",
                "response": {
                    "clientDataJSON": "e30",
                    "attestationObject": "oA",
                    "transports": ["internal", "hybrid"],
                },
                "clientExtensionResults": {},
                "authenticatorAttachment": "cross-platform",
            })
        );
    }

    #[test]
    fn rejects_what_is_not_a_webauthn_result() {
        for bad in [
            json!({"foo": "bar"}),
            json!({"type": "public-key", "id": "AA", "rawId": "AA", "response": {}}),
            json!({"type": "WebAuthn", "id": "AA", "rawId": "A A", "response": {
                "clientDataJSON": "e30", "authenticatorData": "", "signature": ""}}),
        ] {
            assert!(serde_json::from_value::<WebAuthnPayload>(bad).is_err());
        }
    }
}
