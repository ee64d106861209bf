//! WebAuthn on the wire.
//!
//! Logto (through `@simplewebauthn/server`) sends the ceremony options as
//! `PublicKeyCredential{Creation,Request}OptionsJSON`, binary fields as
//! base64url strings. The page hands them to the browser as they came, with
//! those fields decoded ([`WebAuthnOptions`]): typing every member (as
//! `webauthn-rs-proto`'s option types do) only to write them out again cost
//! about 30 KB of the first load, where the passkey sign-in runs.
//!
//! The browser's credential is kept as `webauthn-rs-proto`'s credential
//! types and sent as the JSON of Logto's
//! `webAuthn{Registration,Authentication}ResultGuard`, which differs from the
//! crate's own serialisation: `type` is `"WebAuthn"`, the extension outputs
//! are `clientExtensionResults`, the authenticator's attachment is beside
//! them, and absent optional fields are left out (the guard rejects `null`).

use base64::{
    engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD},
    Engine,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::json::{object, required, Decoded, FromJson, Mismatch};

/// Its base64url bytes (decodes URL-safe or standard, padded or not;
/// encodes URL-safe without padding).
pub use base64urlsafedata::Base64UrlSafeData;
pub use webauthn_rs_proto::{
    AuthenticatorAssertionResponseRaw, AuthenticatorAttachment,
    AuthenticatorAttestationResponseRaw, AuthenticatorTransport, PublicKeyCredential,
    RegisterPublicKeyCredential,
};

/// A ceremony's options as Logto sent them (`json`), and their binary
/// fields decoded: checked on arrival, so that a malformed answer is an API
/// error rather than a failed ceremony. The browser checks the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct WebAuthnOptions {
    pub json: Value,
    pub challenge: Base64UrlSafeData,
    /// Registration: the account's id (`user.id`).
    pub user_id: Option<Base64UrlSafeData>,
    /// The ids of `allowCredentials` (authentication) or
    /// `excludeCredentials` (registration), in order.
    pub credential_ids: Vec<Base64UrlSafeData>,
}

impl WebAuthnOptions {
    /// The key of the credential list these options carry.
    pub fn credential_list(&self) -> &'static str {
        if self.json.get("excludeCredentials").is_some() {
            "excludeCredentials"
        } else {
            "allowCredentials"
        }
    }
}

/// base64url bytes as `@simplewebauthn` writes them (padded or standard
/// base64 forgiven).
struct Bytes(Base64UrlSafeData);

impl FromJson for Bytes {
    fn from_json(value: &Value) -> Decoded<Self> {
        let text = value.as_str().ok_or(Mismatch::WRONG)?.trim_end_matches('=');
        URL_SAFE_NO_PAD
            .decode(text)
            .or_else(|_| STANDARD_NO_PAD.decode(text))
            .map(|bytes| Self(bytes.into()))
            .map_err(|_| Mismatch::WRONG)
    }
}

/// `{ "id": <bytes> }`: a credential descriptor, or the options' user.
fn id(value: &Value) -> Decoded<Base64UrlSafeData> {
    Ok(required::<Bytes>(object(value)?, "id")?.0)
}

impl FromJson for WebAuthnOptions {
    fn from_json(value: &Value) -> Decoded<Self> {
        let options = object(value)?;
        let list = options
            .get("excludeCredentials")
            .or_else(|| options.get("allowCredentials"));
        Ok(Self {
            challenge: required::<Bytes>(options, "challenge")?.0,
            user_id: options.get("user").map(id).transpose()?,
            credential_ids: match list {
                Some(list) => list
                    .as_array()
                    .ok_or(Mismatch::WRONG)?
                    .iter()
                    .map(id)
                    .collect::<Decoded<_>>()?,
                None => Vec::new(),
            },
            json: value.clone(),
        })
    }
}

/// As Logto sent them (the decoded fields come from the same JSON).
impl Serialize for WebAuthnOptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// For the session copies' and the native tests' serde readers.
impl<'de> Deserialize<'de> for WebAuthnOptions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_json(&value)
            .map_err(|_| serde::de::Error::custom("not WebAuthn options as Logto sends them"))
    }
}

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
            let options = WebAuthnOptions::from_json(&body["registrationOptions"]).unwrap();
            assert_eq!(options.challenge.len(), 32);
            assert_eq!(
                options.user_id.as_ref().map(|id| id.as_slice()),
                Some(&b"r9rrc8r8ocg7"[..])
            );
            assert_eq!(options.credential_list(), "excludeCredentials");
            assert!(options.credential_ids.is_empty());
            // The rest goes to the browser as Logto sent it.
            assert_eq!(options.json, body["registrationOptions"]);
            assert_eq!(serde_json::to_value(&options).unwrap(), options.json);
        }
    }

    #[test]
    fn options_with_malformed_binary_fields_are_refused() {
        let good = json!({
            "challenge": "AAEC",
            "allowCredentials": [{ "id": "AwQ", "type": "public-key" }],
            "rpId": "example.com",
        });
        let options = WebAuthnOptions::from_json(&good).unwrap();
        assert_eq!(options.challenge.as_slice(), [0, 1, 2]);
        assert_eq!(options.credential_ids[0].as_slice(), [3, 4]);
        assert_eq!(options.user_id, None);
        // Padded and standard base64 are forgiven.
        let padded = json!({ "challenge": "+/8=", "user": { "id": "AA==" } });
        let options = WebAuthnOptions::from_json(&padded).unwrap();
        assert_eq!(options.challenge.as_slice(), [0xfb, 0xff]);
        assert_eq!(options.user_id.unwrap().as_slice(), [0]);
        for bad in [
            json!({}),
            json!({ "challenge": 7 }),
            json!({ "challenge": "not base64!" }),
            json!({ "challenge": "AAEC", "user": {} }),
            json!({ "challenge": "AAEC", "allowCredentials": {} }),
            json!({ "challenge": "AAEC", "excludeCredentials": [{ "id": "*" }] }),
            json!([]),
        ] {
            assert!(WebAuthnOptions::from_json(&bad).is_err(), "{bad}");
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
                let options = WebAuthnOptions::from_json(&body["authenticationOptions"]).unwrap();
                assert_eq!(options.challenge.len(), 32, "{file}");
                assert_eq!(options.credential_list(), "allowCredentials");
                let listed = body["authenticationOptions"]["allowCredentials"]
                    .as_array()
                    .unwrap();
                assert_eq!(options.credential_ids.len(), listed.len());
                for id in &options.credential_ids {
                    assert_eq!(id.len(), 16);
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
