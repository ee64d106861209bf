//! WebAuthn relying-party checks (W3C WebAuthn Level 3, §7.1 and §7.2), as
//! far as the Experience API needs them: registration with attestation
//! `none` (or `packed` self-attestation) and authentication assertions, for
//! ES256 (ECDSA P-256) and RS256 (RSASSA-PKCS1-v1_5 SHA-256) keys.
//!
//! The error texts follow `@simplewebauthn/server`, which Logto uses and
//! whose message Logto puts in the registration error's `data.message`.
//!
//! [`SoftAuthenticator`] is a software ES256 authenticator for tests and
//! scripted clients: it answers the options the simulator hands out.

use p256::ecdsa::{
    signature::{Signer, Verifier},
    Signature, SigningKey, VerifyingKey,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::util;

/// COSE algorithm ids (`pubKeyCredParams`, in the order offered).
pub const ES256: i64 = -7;
pub const RS256: i64 = -257;
pub const SUPPORTED_ALGORITHMS: [i64; 2] = [ES256, RS256];

/// Authenticator data flags.
pub const FLAG_UP: u8 = 0x01;
pub const FLAG_UV: u8 = 0x04;
pub const FLAG_AT: u8 = 0x40;
pub const FLAG_ED: u8 = 0x80;

/// What the relying party expects of a response.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The base64url challenge the options carried.
    pub challenge: &'a str,
    /// The origin the ceremony must have run on (the request's `Origin`).
    pub origin: &'a str,
    /// The RP ID (the request's host name).
    pub rp_id: &'a str,
    pub require_user_verification: bool,
}

/// The base64url fields of a registration response (`AttestationResponse`).
#[derive(Debug, Clone, Copy)]
pub struct Registration<'a> {
    pub id: &'a str,
    pub raw_id: &'a str,
    pub client_data_json: &'a str,
    pub attestation_object: &'a str,
}

/// The base64url fields of an authentication response (`AssertionResponse`).
#[derive(Debug, Clone, Copy)]
pub struct Authentication<'a> {
    pub id: &'a str,
    pub raw_id: &'a str,
    pub client_data_json: &'a str,
    pub authenticator_data: &'a str,
    pub signature: &'a str,
    pub user_handle: Option<&'a str>,
}

/// A credential that passed registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCredential {
    /// base64url credential id, as the authenticator data carries it.
    pub id: String,
    /// The credential public key, a COSE_Key (CBOR).
    pub public_key: Vec<u8>,
    pub algorithm: i64,
    pub counter: u32,
    pub user_verified: bool,
}

/// Checks a registration response (§7.1); the new credential on success, a
/// `@simplewebauthn/server`-like reason otherwise.
pub fn verify_registration(
    response: &Registration,
    expected: &Expected,
) -> Result<NewCredential, String> {
    check_id(response.id, response.raw_id)?;
    let client_data = decode_b64(response.client_data_json, "clientDataJSON")?;
    check_client_data(&client_data, "webauthn.create", "registration", expected)?;

    let attestation = decode_b64(response.attestation_object, "attestationObject")?;
    let object = cbor::decode(&attestation)
        .filter(|object| matches!(object, cbor::Value::Map(_)))
        .ok_or("Attestation object could not be decoded")?;
    let fmt = object.get_text("fmt").and_then(cbor::Value::as_text);
    let auth_data = object
        .get_text("authData")
        .and_then(cbor::Value::as_bytes)
        .ok_or("Attestation object was missing authData")?;
    let statement = object.get_text("attStmt");

    let parsed = AuthData::parse(auth_data)?;
    check_rp_id(parsed.rp_id_hash, expected.rp_id)?;
    if parsed.flags & FLAG_UP == 0 {
        return Err("User not present during registration".into());
    }
    if expected.require_user_verification && parsed.flags & FLAG_UV == 0 {
        return Err("User verification required, but user could not be verified".into());
    }
    let Some(attested) = parsed.attested else {
        return Err("No credential ID was provided by authenticator".into());
    };
    if attested.credential_id.is_empty() {
        return Err("No credential ID was provided by authenticator".into());
    }
    let (algorithm, key) = PublicKey::from_cose(attested.public_key)?;

    match fmt {
        Some("none") => {
            let empty = statement.is_none_or(
                |statement| matches!(statement, cbor::Value::Map(entries) if entries.is_empty()),
            );
            if !empty {
                return Err("None attestation had unexpected attestation statement".into());
            }
        }
        Some("packed") => {
            // Self attestation only: the credential key signs its own
            // registration. A certificate chain would need the vendor roots.
            let statement = statement.ok_or("Packed attestation was missing attStmt")?;
            if statement.get_text("x5c").is_some() {
                return Err("Packed attestation with a certificate chain is not supported".into());
            }
            let alg = statement.get_text("alg").and_then(cbor::Value::as_int);
            if alg != Some(i128::from(algorithm)) {
                return Err(format!(
                    "Packed attestation algorithm {} did not match credential public key algorithm {algorithm}",
                    alg.map(|alg| alg.to_string())
                        .unwrap_or_else(|| "undefined".into())
                ));
            }
            let signature = statement
                .get_text("sig")
                .and_then(cbor::Value::as_bytes)
                .ok_or("Packed attestation was missing sig")?;
            if !key.verify(&signed_data(auth_data, &client_data), signature) {
                return Err("Packed attestation signature could not be verified".into());
            }
        }
        Some(other) => return Err(format!("Unsupported Attestation Format: {other}")),
        None => return Err("Unsupported Attestation Format: undefined".into()),
    }

    Ok(NewCredential {
        id: util::base64url(attested.credential_id),
        public_key: attested.public_key.to_vec(),
        algorithm,
        counter: parsed.counter,
        user_verified: parsed.flags & FLAG_UV != 0,
    })
}

/// Checks an authentication assertion (§7.2) against a stored credential's
/// COSE public key and signature counter; the new counter on success.
pub fn verify_authentication(
    response: &Authentication,
    expected: &Expected,
    public_key: &[u8],
    stored_counter: u32,
) -> Result<u32, String> {
    check_id(response.id, response.raw_id)?;
    let client_data = decode_b64(response.client_data_json, "clientDataJSON")?;
    check_client_data(&client_data, "webauthn.get", "authentication", expected)?;
    if let Some(handle) = response.user_handle {
        if util::base64url_decode(handle).is_none() {
            return Err("Credential response userHandle was not a base64url string".into());
        }
    }
    let auth_data = decode_b64(response.authenticator_data, "authenticatorData")?;
    let parsed = AuthData::parse(&auth_data)?;
    check_rp_id(parsed.rp_id_hash, expected.rp_id)?;
    if parsed.flags & FLAG_UP == 0 {
        return Err("User not present during authentication".into());
    }
    if expected.require_user_verification && parsed.flags & FLAG_UV == 0 {
        return Err("User verification required, but user could not be verified".into());
    }
    // A counter that does not move forward may mean a cloned authenticator
    // (authenticators without a counter always send 0).
    if (parsed.counter > 0 || stored_counter > 0) && parsed.counter <= stored_counter {
        return Err(format!(
            "Response counter value {} was lower than expected {stored_counter}",
            parsed.counter
        ));
    }
    let signature = decode_b64(response.signature, "signature")?;
    let (_, key) = PublicKey::from_cose(public_key)?;
    if !key.verify(&signed_data(&auth_data, &client_data), &signature) {
        return Err("Signature verification failed".into());
    }
    Ok(parsed.counter)
}

/// `authenticatorData ‖ SHA-256(clientDataJSON)`, what the credential signs.
fn signed_data(auth_data: &[u8], client_data: &[u8]) -> Vec<u8> {
    let mut data = auth_data.to_vec();
    data.extend_from_slice(&Sha256::digest(client_data));
    data
}

fn check_id(id: &str, raw_id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("Missing credential ID".into());
    }
    if id != raw_id {
        return Err("Credential ID was not base64url-encoded".into());
    }
    Ok(())
}

fn decode_b64(text: &str, name: &str) -> Result<Vec<u8>, String> {
    util::base64url_decode(text)
        .ok_or_else(|| format!("Credential response {name} was not base64url"))
}

/// How JavaScript prints a JSON value in a template string.
fn js_text(value: Option<&Value>) -> String {
    match value {
        None => "undefined".into(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// Type, challenge, origin, `crossOrigin` and token binding of the client data.
fn check_client_data(
    raw: &[u8],
    kind: &str,
    ceremony: &str,
    expected: &Expected,
) -> Result<(), String> {
    let data: Value = serde_json::from_slice(raw)
        .ok()
        .filter(Value::is_object)
        .ok_or("Credential response clientDataJSON was not JSON")?;
    if data.get("type").and_then(Value::as_str) != Some(kind) {
        return Err(format!(
            "Unexpected {ceremony} response type: {}",
            js_text(data.get("type"))
        ));
    }
    let challenge = data.get("challenge").and_then(Value::as_str);
    if challenge != Some(expected.challenge) {
        return Err(format!(
            "Unexpected {ceremony} response challenge \"{}\", expected \"{}\"",
            js_text(data.get("challenge")),
            expected.challenge
        ));
    }
    let origin = data.get("origin").and_then(Value::as_str);
    if expected.origin.is_empty() || origin != Some(expected.origin) {
        return Err(format!(
            "Unexpected {ceremony} response origin \"{}\", expected \"{}\"",
            js_text(data.get("origin")),
            expected.origin
        ));
    }
    // Only a page embedded in a cross-origin frame says `true`; the sign-in
    // page is never framed (`frame-ancestors 'none'`).
    if data.get("crossOrigin") == Some(&Value::Bool(true)) {
        return Err(format!("Unexpected cross-origin {ceremony} response"));
    }
    if let Some(binding) = data.get("tokenBinding") {
        let status = binding.get("status").and_then(Value::as_str);
        if !matches!(status, Some("present" | "supported" | "not-supported")) {
            return Err(format!(
                "Unexpected tokenBinding.status value of \"{}\"",
                js_text(binding.get("status"))
            ));
        }
    }
    Ok(())
}

fn check_rp_id(rp_id_hash: &[u8], rp_id: &str) -> Result<(), String> {
    if Sha256::digest(rp_id.as_bytes()).as_slice() != rp_id_hash {
        return Err("Unexpected RP ID hash".into());
    }
    Ok(())
}

/// Parsed authenticator data (§6.1).
struct AuthData<'a> {
    rp_id_hash: &'a [u8],
    flags: u8,
    counter: u32,
    attested: Option<Attested<'a>>,
}

/// Attested credential data (§6.5.1).
struct Attested<'a> {
    credential_id: &'a [u8],
    /// The COSE_Key, exactly as encoded.
    public_key: &'a [u8],
}

impl<'a> AuthData<'a> {
    fn parse(data: &'a [u8]) -> Result<Self, String> {
        if data.len() < 37 {
            return Err("Authenticator data was too short".into());
        }
        let flags = data[32];
        let counter = u32::from_be_bytes([data[33], data[34], data[35], data[36]]);
        let mut rest = &data[37..];
        let mut attested = None;
        if flags & FLAG_AT != 0 {
            if rest.len() < 18 {
                return Err("Attested credential data was too short".into());
            }
            let length = usize::from(u16::from_be_bytes([rest[16], rest[17]]));
            rest = &rest[18..];
            if rest.len() < length {
                return Err("Credential ID was longer than the authenticator data".into());
            }
            let (credential_id, after) = rest.split_at(length);
            let (_, used) =
                cbor::decode_prefix(after).ok_or("Credential public key could not be decoded")?;
            attested = Some(Attested {
                credential_id,
                public_key: &after[..used],
            });
            rest = &after[used..];
        }
        if flags & FLAG_ED != 0 {
            let (_, used) =
                cbor::decode_prefix(rest).ok_or("Extension data could not be decoded")?;
            rest = &rest[used..];
        }
        if !rest.is_empty() {
            return Err("Leftover bytes detected while parsing authenticator data".into());
        }
        Ok(Self {
            rp_id_hash: &data[..32],
            flags,
            counter,
            attested,
        })
    }
}

/// A credential public key.
#[derive(Debug, Clone)]
pub enum PublicKey {
    Es256(VerifyingKey),
    Rs256 { n: Vec<u8>, e: Vec<u8> },
}

impl PublicKey {
    /// Parses a COSE_Key (RFC 9053): EC2 P-256 with ES256, or RSA with RS256.
    pub fn from_cose(bytes: &[u8]) -> Result<(i64, Self), String> {
        let key = cbor::decode(bytes).ok_or("Credential public key could not be decoded")?;
        let alg = key
            .get_int(3)
            .and_then(cbor::Value::as_int)
            .ok_or("Credential public key was missing numeric alg")?;
        let Some(alg) = i64::try_from(alg)
            .ok()
            .filter(|alg| SUPPORTED_ALGORITHMS.contains(alg))
        else {
            let supported: Vec<String> = SUPPORTED_ALGORITHMS.iter().map(i64::to_string).collect();
            return Err(format!(
                "Unexpected public key alg \"{alg}\", expected one of \"{}\"",
                supported.join(", ")
            ));
        };
        let kty = key.get_int(1).and_then(cbor::Value::as_int);
        let bytes_at = |label: i128| key.get_int(label).and_then(cbor::Value::as_bytes);
        match alg {
            ES256 => {
                if kty != Some(2) || key.get_int(-1).and_then(cbor::Value::as_int) != Some(1) {
                    return Err("ES256 public key is not an EC2 P-256 key".into());
                }
                let (Some(x), Some(y)) = (bytes_at(-2), bytes_at(-3)) else {
                    return Err("EC2 public key was missing x or y".into());
                };
                if x.len() != 32 || y.len() != 32 {
                    return Err("EC2 public key coordinates have the wrong length".into());
                }
                let mut point = vec![4u8];
                point.extend_from_slice(x);
                point.extend_from_slice(y);
                let key = VerifyingKey::from_sec1_bytes(&point)
                    .map_err(|_| "EC2 public key is not a point on P-256")?;
                Ok((alg, Self::Es256(key)))
            }
            _ => {
                let (Some(n), Some(e)) = (bytes_at(-1), bytes_at(-2)) else {
                    return Err("RSA public key was missing n or e".into());
                };
                let n = strip_zeros(n);
                let e = strip_zeros(e);
                if kty != Some(3) || !(256..=512).contains(&n.len()) || e.is_empty() || e.len() > 8
                {
                    return Err("RS256 public key is not a 2048 to 4096-bit RSA key".into());
                }
                Ok((
                    alg,
                    Self::Rs256 {
                        n: n.to_vec(),
                        e: e.to_vec(),
                    },
                ))
            }
        }
    }

    /// Verifies `signature` (ES256: ASN.1 DER; RS256: PKCS#1 v1.5) over `data`.
    pub fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        match self {
            Self::Es256(key) => der_signature(signature).is_some_and(|signature| {
                let signature = signature.normalize_s().unwrap_or(signature);
                key.verify(data, &signature).is_ok()
            }),
            Self::Rs256 { n, e } => verify_rs256(n, e, data, signature),
        }
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| *byte != 0)
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// An ECDSA signature from its ASN.1 DER form (what authenticators send).
fn der_signature(der: &[u8]) -> Option<Signature> {
    Signature::from_der(der).ok()
}

/// The DER form of an ECDSA signature.
fn der_encode(signature: &Signature) -> Vec<u8> {
    signature.to_der().as_bytes().to_vec()
}

/// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2.2).
fn verify_rs256(n: &[u8], e: &[u8], data: &[u8], signature: &[u8]) -> bool {
    use crypto_bigint::{
        modular::runtime_mod::{DynResidue, DynResidueParams},
        Encoding, U4096, U64,
    };
    const WIDTH: usize = 512;
    let k = n.len();
    if k > WIDTH || signature.len() != k || e.len() > 8 {
        return false;
    }
    let widen = |bytes: &[u8]| {
        let mut wide = [0u8; WIDTH];
        wide[WIDTH - bytes.len()..].copy_from_slice(bytes);
        U4096::from_be_slice(&wide)
    };
    let modulus = widen(n);
    let s = widen(signature);
    if s >= modulus {
        return false;
    }
    let mut exponent = [0u8; 8];
    exponent[8 - e.len()..].copy_from_slice(e);
    let exponent = U64::from_be_slice(&exponent);
    if n.last().is_none_or(|last| last & 1 == 0) {
        return false; // `DynResidueParams::new` wants an odd modulus.
    }
    let params = DynResidueParams::new(&modulus);
    let message = DynResidue::new(&s, params)
        .pow_bounded_exp(&exponent, e.len() * 8)
        .retrieve()
        .to_be_bytes();
    // EM = 0x00 0x01 PS(0xff…) 0x00 DigestInfo(SHA-256) H
    const DIGEST_INFO: [u8; 19] = [
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    let hash = Sha256::digest(data);
    let tail = DIGEST_INFO.len() + hash.len();
    if k < tail + 11 {
        return false;
    }
    let mut expected = vec![0x00, 0x01];
    expected.resize(k - tail - 1, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(&DIGEST_INFO);
    expected.extend_from_slice(&hash);
    util::constant_time_eq(&message[WIDTH - k..], &expected)
}

/// A minimal CBOR decoder (RFC 8949) for attestation objects and COSE keys:
/// definite lengths only (CTAP2 canonical CBOR), bounded depth, every
/// length checked against the input.
pub mod cbor {
    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Int(i128),
        Bytes(Vec<u8>),
        Text(String),
        Array(Vec<Value>),
        Map(Vec<(Value, Value)>),
        Bool(bool),
        Null,
        Undefined,
        /// A float or other simple value (never needed, only skipped).
        Other,
    }

    const MAX_DEPTH: usize = 16;

    impl Value {
        pub fn as_int(&self) -> Option<i128> {
            match self {
                Self::Int(value) => Some(*value),
                _ => None,
            }
        }

        pub fn as_bytes(&self) -> Option<&[u8]> {
            match self {
                Self::Bytes(bytes) => Some(bytes),
                _ => None,
            }
        }

        pub fn as_text(&self) -> Option<&str> {
            match self {
                Self::Text(text) => Some(text),
                _ => None,
            }
        }

        fn get(&self, wanted: &Value) -> Option<&Value> {
            match self {
                Self::Map(entries) => entries
                    .iter()
                    .find(|(key, _)| key == wanted)
                    .map(|(_, value)| value),
                _ => None,
            }
        }

        /// A map entry with an integer key.
        pub fn get_int(&self, key: i128) -> Option<&Value> {
            self.get(&Self::Int(key))
        }

        /// A map entry with a text key.
        pub fn get_text(&self, key: &str) -> Option<&Value> {
            self.get(&Self::Text(key.to_string()))
        }
    }

    /// Decodes one complete item (`None` if anything is left over).
    pub fn decode(data: &[u8]) -> Option<Value> {
        let (value, used) = decode_prefix(data)?;
        (used == data.len()).then_some(value)
    }

    /// Decodes the first item; returns it and the bytes it took.
    pub fn decode_prefix(data: &[u8]) -> Option<(Value, usize)> {
        let mut reader = Reader { data, pos: 0 };
        let value = reader.item(0)?;
        Some((value, reader.pos))
    }

    struct Reader<'a> {
        data: &'a [u8],
        pos: usize,
    }

    impl Reader<'_> {
        fn remaining(&self) -> usize {
            self.data.len() - self.pos
        }

        fn take(&mut self, len: usize) -> Option<&[u8]> {
            if len > self.remaining() {
                return None;
            }
            let slice = &self.data[self.pos..self.pos + len];
            self.pos += len;
            Some(slice)
        }

        fn argument(&mut self, info: u8) -> Option<u64> {
            let size = match info {
                0..=23 => return Some(u64::from(info)),
                24 => 1,
                25 => 2,
                26 => 4,
                27 => 8,
                // Indefinite lengths and reserved values.
                _ => return None,
            };
            let bytes = self.take(size)?;
            Some(
                bytes
                    .iter()
                    .fold(0u64, |acc, byte| (acc << 8) | u64::from(*byte)),
            )
        }

        /// A length that cannot exceed what is left (each item is ≥ 1 byte).
        fn length(&mut self, info: u8, per_item: usize) -> Option<usize> {
            let len = usize::try_from(self.argument(info)?).ok()?;
            (len.checked_mul(per_item)? <= self.remaining()).then_some(len)
        }

        fn item(&mut self, depth: usize) -> Option<Value> {
            if depth > MAX_DEPTH {
                return None;
            }
            let initial = *self.take(1)?.first()?;
            let (major, info) = (initial >> 5, initial & 0x1f);
            Some(match major {
                0 => Value::Int(i128::from(self.argument(info)?)),
                1 => Value::Int(-1 - i128::from(self.argument(info)?)),
                2 => {
                    let len = self.length(info, 1)?;
                    Value::Bytes(self.take(len)?.to_vec())
                }
                3 => {
                    let len = self.length(info, 1)?;
                    Value::Text(String::from_utf8(self.take(len)?.to_vec()).ok()?)
                }
                4 => {
                    let len = self.length(info, 1)?;
                    let mut items = Vec::with_capacity(len);
                    for _ in 0..len {
                        items.push(self.item(depth + 1)?);
                    }
                    Value::Array(items)
                }
                5 => {
                    let len = self.length(info, 2)?;
                    let mut entries = Vec::with_capacity(len);
                    for _ in 0..len {
                        let key = self.item(depth + 1)?;
                        let value = self.item(depth + 1)?;
                        entries.push((key, value));
                    }
                    Value::Map(entries)
                }
                6 => {
                    // A tag: keep the tagged item.
                    self.argument(info)?;
                    self.item(depth + 1)?
                }
                _ => match info {
                    20 => Value::Bool(false),
                    21 => Value::Bool(true),
                    22 => Value::Null,
                    23 => Value::Undefined,
                    0..=19 => Value::Other,
                    24..=27 => {
                        self.argument(info)?;
                        Value::Other
                    }
                    _ => return None,
                },
            })
        }
    }

    /// Writes a major type with its argument (encoder for the tests and
    /// the software authenticator).
    pub fn head(major: u8, value: u64, out: &mut Vec<u8>) {
        let major = major << 5;
        match value {
            0..=23 => out.push(major | value as u8),
            24..=0xff => out.extend_from_slice(&[major | 24, value as u8]),
            0x100..=0xffff => {
                out.push(major | 25);
                out.extend_from_slice(&(value as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                out.push(major | 26);
                out.extend_from_slice(&(value as u32).to_be_bytes());
            }
            _ => {
                out.push(major | 27);
                out.extend_from_slice(&value.to_be_bytes());
            }
        }
    }

    pub fn bytes(data: &[u8], out: &mut Vec<u8>) {
        head(2, data.len() as u64, out);
        out.extend_from_slice(data);
    }

    pub fn text(data: &str, out: &mut Vec<u8>) {
        head(3, data.len() as u64, out);
        out.extend_from_slice(data.as_bytes());
    }

    pub fn int(value: i64, out: &mut Vec<u8>) {
        if value >= 0 {
            head(0, value as u64, out);
        } else {
            head(1, (-1 - value) as u64, out);
        }
    }
}

/// The parameters of one ceremony a [`SoftAuthenticator`] performs.
#[derive(Debug, Clone, Copy)]
pub struct Ceremony<'a> {
    pub challenge: &'a str,
    pub origin: &'a str,
    pub rp_id: &'a str,
    /// Authenticator data flags (`FLAG_AT` is added for registrations).
    pub flags: u8,
    /// Sent as `userHandle` in assertions (a discoverable credential's user).
    pub user_handle: Option<&'a [u8]>,
}

impl<'a> Ceremony<'a> {
    /// User present and verified, no user handle.
    pub fn new(challenge: &'a str, origin: &'a str, rp_id: &'a str) -> Self {
        Self {
            challenge,
            origin,
            rp_id,
            flags: FLAG_UP | FLAG_UV,
            user_handle: None,
        }
    }
}

/// A software ES256 authenticator with one credential: it makes the
/// `navigator.credentials.create/get` results (as the JSON payloads the
/// Experience API takes) for given challenges, like a platform
/// authenticator with attestation `none`.
#[derive(Debug, Clone)]
pub struct SoftAuthenticator {
    key: SigningKey,
    pub credential_id: Vec<u8>,
    /// The signature counter, incremented by every ceremony.
    pub counter: u32,
}

impl Default for SoftAuthenticator {
    fn default() -> Self {
        Self::new()
    }
}

impl SoftAuthenticator {
    /// A fresh key pair and a random 16-byte credential id.
    pub fn new() -> Self {
        let mut id = vec![0u8; 16];
        util::random_bytes(&mut id);
        Self::with_credential_id(id)
    }

    pub fn with_credential_id(credential_id: Vec<u8>) -> Self {
        let key = loop {
            let mut secret = [0u8; 32];
            util::random_bytes(&mut secret);
            if let Ok(key) = SigningKey::from_slice(&secret) {
                break key;
            }
        };
        Self {
            key,
            credential_id,
            counter: 0,
        }
    }

    /// The credential id, base64url.
    pub fn id(&self) -> String {
        util::base64url(&self.credential_id)
    }

    /// The credential public key as a COSE_Key (EC2, P-256, ES256).
    pub fn cose_public_key(&self) -> Vec<u8> {
        let point = self.key.verifying_key().to_encoded_point(false);
        let mut out = Vec::new();
        cbor::head(5, 5, &mut out);
        for (label, value) in [(1, 2), (3, ES256), (-1, 1)] {
            cbor::int(label, &mut out);
            cbor::int(value, &mut out);
        }
        cbor::int(-2, &mut out);
        cbor::bytes(
            point.x().map(|x| x.as_slice()).unwrap_or_default(),
            &mut out,
        );
        cbor::int(-3, &mut out);
        cbor::bytes(
            point.y().map(|y| y.as_slice()).unwrap_or_default(),
            &mut out,
        );
        out
    }

    fn client_data(kind: &str, ceremony: &Ceremony) -> Vec<u8> {
        json!({
            "type": kind,
            "challenge": ceremony.challenge,
            "origin": ceremony.origin,
            "crossOrigin": false,
        })
        .to_string()
        .into_bytes()
    }

    fn auth_data(&mut self, ceremony: &Ceremony, attested: bool) -> Vec<u8> {
        self.counter += 1;
        let mut data = Sha256::digest(ceremony.rp_id.as_bytes()).to_vec();
        data.push(if attested {
            ceremony.flags | FLAG_AT
        } else {
            ceremony.flags
        });
        data.extend_from_slice(&self.counter.to_be_bytes());
        if attested {
            data.extend_from_slice(&[0u8; 16]); // AAGUID: none
            data.extend_from_slice(&(self.credential_id.len() as u16).to_be_bytes());
            data.extend_from_slice(&self.credential_id);
            data.extend_from_slice(&self.cose_public_key());
        }
        data
    }

    /// Signs `data` with the credential key (DER, as authenticators do).
    pub fn sign(&self, data: &[u8]) -> Vec<u8> {
        let signature: Signature = self.key.sign(data);
        der_encode(&signature)
    }

    /// A registration payload (`navigator.credentials.create`, attestation
    /// `none`), with `"type": "WebAuthn"` as the Experience API wants it.
    pub fn register(&mut self, ceremony: &Ceremony) -> Value {
        let client_data = Self::client_data("webauthn.create", ceremony);
        let auth_data = self.auth_data(ceremony, true);
        let mut object = Vec::new();
        cbor::head(5, 3, &mut object);
        cbor::text("fmt", &mut object);
        cbor::text("none", &mut object);
        cbor::text("attStmt", &mut object);
        cbor::head(5, 0, &mut object);
        cbor::text("authData", &mut object);
        cbor::bytes(&auth_data, &mut object);
        json!({
            "type": "WebAuthn",
            "id": self.id(),
            "rawId": self.id(),
            "response": {
                "clientDataJSON": util::base64url(&client_data),
                "attestationObject": util::base64url(&object),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        })
    }

    /// An authentication payload (`navigator.credentials.get`).
    pub fn assert(&mut self, ceremony: &Ceremony) -> Value {
        let client_data = Self::client_data("webauthn.get", ceremony);
        let auth_data = self.auth_data(ceremony, false);
        let signature = self.sign(&signed_data(&auth_data, &client_data));
        let mut response = json!({
            "clientDataJSON": util::base64url(&client_data),
            "authenticatorData": util::base64url(&auth_data),
            "signature": util::base64url(&signature),
        });
        if let Some(handle) = ceremony.user_handle {
            response["userHandle"] = json!(util::base64url(handle));
        }
        json!({
            "type": "WebAuthn",
            "id": self.id(),
            "rawId": self.id(),
            "response": response,
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field of a payload made by [`SoftAuthenticator`].
    fn fields<'a>(payload: &'a Value, name: &str) -> &'a str {
        payload
            .pointer(&format!("/response/{name}"))
            .or_else(|| payload.get(name))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    const ORIGIN: &str = "http://localhost:8080";
    const RP_ID: &str = "localhost";
    const CHALLENGE: &str = "MhJsKA4vDR3u7e692DTKRo-5YM3Yos3gFjXqVIFpYNM";

    fn expected<'a>() -> Expected<'a> {
        Expected {
            challenge: CHALLENGE,
            origin: ORIGIN,
            rp_id: RP_ID,
            require_user_verification: true,
        }
    }

    fn registration(payload: &Value) -> Registration<'_> {
        Registration {
            id: fields(payload, "id"),
            raw_id: fields(payload, "rawId"),
            client_data_json: fields(payload, "clientDataJSON"),
            attestation_object: fields(payload, "attestationObject"),
        }
    }

    fn authentication(payload: &Value) -> Authentication<'_> {
        Authentication {
            id: fields(payload, "id"),
            raw_id: fields(payload, "rawId"),
            client_data_json: fields(payload, "clientDataJSON"),
            authenticator_data: fields(payload, "authenticatorData"),
            signature: fields(payload, "signature"),
            user_handle: payload
                .pointer("/response/userHandle")
                .and_then(Value::as_str),
        }
    }

    /// An authenticator with a registered credential: (authenticator, COSE key, counter).
    fn registered() -> (SoftAuthenticator, Vec<u8>, u32) {
        let mut authenticator = SoftAuthenticator::new();
        let payload = authenticator.register(&Ceremony::new(CHALLENGE, ORIGIN, RP_ID));
        let credential = verify_registration(&registration(&payload), &expected()).unwrap();
        assert_eq!(credential.id, authenticator.id());
        assert_eq!(credential.algorithm, ES256);
        assert!(credential.user_verified);
        (authenticator, credential.public_key, credential.counter)
    }

    fn check_assertion(ceremony: Ceremony, tamper: impl FnOnce(&mut Value)) -> Result<u32, String> {
        let (mut authenticator, key, counter) = registered();
        let mut payload = authenticator.assert(&ceremony);
        tamper(&mut payload);
        verify_authentication(&authentication(&payload), &expected(), &key, counter)
    }

    #[test]
    fn a_good_assertion_passes() {
        let ceremony = Ceremony::new(CHALLENGE, ORIGIN, RP_ID);
        assert_eq!(check_assertion(ceremony, |_| {}), Ok(2));
        let with_handle = Ceremony {
            user_handle: Some(b"user-id"),
            ..ceremony
        };
        assert!(check_assertion(with_handle, |_| {}).is_ok());
    }

    #[test]
    fn wrong_challenge_fails() {
        let ceremony = Ceremony::new("b3RoZXItY2hhbGxlbmdl", ORIGIN, RP_ID);
        let error = check_assertion(ceremony, |_| {}).unwrap_err();
        assert!(
            error.starts_with("Unexpected authentication response challenge"),
            "{error}"
        );
    }

    #[test]
    fn wrong_origin_fails() {
        let ceremony = Ceremony::new(CHALLENGE, "http://evil.example", RP_ID);
        let error = check_assertion(ceremony, |_| {}).unwrap_err();
        assert!(
            error.starts_with("Unexpected authentication response origin"),
            "{error}"
        );
    }

    #[test]
    fn wrong_rp_id_hash_fails() {
        let ceremony = Ceremony::new(CHALLENGE, ORIGIN, "evil.example");
        assert_eq!(
            check_assertion(ceremony, |_| {}).unwrap_err(),
            "Unexpected RP ID hash"
        );
    }

    #[test]
    fn bad_signature_fails() {
        let ceremony = Ceremony::new(CHALLENGE, ORIGIN, RP_ID);
        let flip = |payload: &mut Value| {
            let mut signature = util::base64url_decode(fields(payload, "signature")).unwrap();
            let last = signature.len() - 1;
            signature[last] ^= 1;
            payload["response"]["signature"] = json!(util::base64url(&signature));
        };
        assert_eq!(
            check_assertion(ceremony, flip).unwrap_err(),
            "Signature verification failed"
        );
        // Signed data changed after signing (here: the client data).
        let swap = |payload: &mut Value| {
            let other = json!({"type": "webauthn.get", "challenge": CHALLENGE, "origin": ORIGIN});
            payload["response"]["clientDataJSON"] =
                json!(util::base64url(other.to_string().as_bytes()));
        };
        assert_eq!(
            check_assertion(ceremony, swap).unwrap_err(),
            "Signature verification failed"
        );
        let garbage = |payload: &mut Value| payload["response"]["signature"] = json!("AAAA");
        assert_eq!(
            check_assertion(ceremony, garbage).unwrap_err(),
            "Signature verification failed"
        );
    }

    #[test]
    fn missing_user_presence_or_verification_fails() {
        let ceremony = Ceremony {
            flags: FLAG_UV,
            ..Ceremony::new(CHALLENGE, ORIGIN, RP_ID)
        };
        assert_eq!(
            check_assertion(ceremony, |_| {}).unwrap_err(),
            "User not present during authentication"
        );
        let ceremony = Ceremony {
            flags: FLAG_UP,
            ..ceremony
        };
        assert_eq!(
            check_assertion(ceremony, |_| {}).unwrap_err(),
            "User verification required, but user could not be verified"
        );
    }

    #[test]
    fn replayed_counter_fails() {
        let (mut authenticator, key, _) = registered();
        let payload = authenticator.assert(&Ceremony::new(CHALLENGE, ORIGIN, RP_ID));
        let error =
            verify_authentication(&authentication(&payload), &expected(), &key, 5).unwrap_err();
        assert_eq!(error, "Response counter value 2 was lower than expected 5");
    }

    #[test]
    fn another_credential_key_fails() {
        let (mut authenticator, _, _) = registered();
        let (_, other_key, _) = registered();
        let payload = authenticator.assert(&Ceremony::new(CHALLENGE, ORIGIN, RP_ID));
        assert!(
            verify_authentication(&authentication(&payload), &expected(), &other_key, 0).is_err()
        );
    }

    #[test]
    fn registration_checks() {
        let register = |ceremony: Ceremony| {
            let payload = SoftAuthenticator::new().register(&ceremony);
            verify_registration(&registration(&payload), &expected()).map(|_| ())
        };
        assert!(register(Ceremony::new(CHALLENGE, ORIGIN, RP_ID)).is_ok());
        let error = register(Ceremony::new("other", ORIGIN, RP_ID)).unwrap_err();
        assert!(error.starts_with("Unexpected registration response challenge"));
        let error = register(Ceremony::new(CHALLENGE, "https://evil.example", RP_ID)).unwrap_err();
        assert!(error.starts_with("Unexpected registration response origin"));
        assert_eq!(
            register(Ceremony::new(CHALLENGE, ORIGIN, "example.com")).unwrap_err(),
            "Unexpected RP ID hash"
        );
        let no_up = Ceremony {
            flags: FLAG_UV,
            ..Ceremony::new(CHALLENGE, ORIGIN, RP_ID)
        };
        assert_eq!(
            register(no_up).unwrap_err(),
            "User not present during registration"
        );
        // The recorded "well-formed but invalid" payload.
        let recorded = Registration {
            id: "AAAA",
            raw_id: "AAAA",
            client_data_json: "e30",
            attestation_object: "oA",
        };
        assert_eq!(
            verify_registration(&recorded, &expected()).unwrap_err(),
            "Unexpected registration response type: undefined"
        );
        // The origin comes from the request; without one nothing matches.
        let payload = SoftAuthenticator::new().register(&Ceremony::new(CHALLENGE, ORIGIN, RP_ID));
        let no_origin = Expected {
            origin: "",
            ..expected()
        };
        assert!(verify_registration(&registration(&payload), &no_origin).is_err());
    }

    #[test]
    fn the_recorded_registration_and_assertion_verify() {
        // Real traffic (mfa-webauthn-registration.json and
        // mfa-webauthn-authentication.json): a software authenticator
        // against Logto at http://127.0.0.1:3001.
        let expect = |challenge| Expected {
            challenge,
            origin: "http://127.0.0.1:3001",
            rp_id: "127.0.0.1",
            require_user_verification: true,
        };
        let credential = verify_registration(
            &Registration {
                id: "aVbcqTQjj9CZ6-StCRAeNw",
                raw_id: "aVbcqTQjj9CZ6-StCRAeNw",
                client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiTWhKc0tBNHZEUjN1N2U2OTJEVEtSby01WU0zWW9zM2dGalhxVklGcFlOTSIsIm9yaWdpbiI6Imh0dHA6Ly8xMjcuMC4wLjE6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0",
                attestation_object: "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViUEsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaBFAAAAAAAAAAAAAAAAAAAAAAAAAAAAEGlW3Kk0I4_QmevkrQkQHjelAQIDJiABIVggmEZ0jwcpiNV1kR967lYWlUaQ1soiocZv2JKQpC3leVMiWCDlI2yZMc4imwWzSK5fJfu_Ya2Rt-57RO9_cBWiGUYg3w",
            },
            &expect("MhJsKA4vDR3u7e692DTKRo-5YM3Yos3gFjXqVIFpYNM"),
        )
        .unwrap();
        assert_eq!(credential.id, "aVbcqTQjj9CZ6-StCRAeNw");
        let counter = verify_authentication(
            &Authentication {
                id: "aVbcqTQjj9CZ6-StCRAeNw",
                raw_id: "aVbcqTQjj9CZ6-StCRAeNw",
                client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiUUI5MnhRM252bHpuMUZMUXVYOF9Id255UTgtczJKcmpGUjllaUJyVmJWYyIsIm9yaWdpbiI6Imh0dHA6Ly8xMjcuMC4wLjE6MzAwMSIsImNyb3NzT3JpZ2luIjpmYWxzZX0",
                authenticator_data: "EsoXtJryKJQ28wPgFmAwoh5SXSZuIJJnQzgBqP1AcaAFAAAAAQ",
                signature: "MEUCIBlGgE80e7ma4ghIRThjs-Bt0Y-cnAs_BSj_ZDmf_efWAiEAyp8A2b_PUmvS4Z2Eb6kZJ7Qlr0B0DSULxsG4ZWZs_A8",
                user_handle: None,
            },
            &expect("QB92xQ3nvlzn1FLQuX8_HwnyQ8-s2JrjFR9eiBrVbVc"),
            &credential.public_key,
            credential.counter,
        )
        .unwrap();
        assert_eq!(counter, 1);
    }

    #[test]
    fn rs256_signatures_verify() {
        // A 2048-bit key (e = 65537) and its PKCS#1 v1.5 signature of
        // "logto-sim rs256", made with Python's `cryptography`.
        let n = util::hex_decode(concat!(
            "c5526eb92789d26a776838d2ffb9f72d3c0339604ee4df07d057946e29a7aebc",
            "8e8c44dd33c845f2a7e278a60939e041aed2d83421ed275461d64c1b9a47eca2",
            "43386a56309985c84d016a9cadac7029bb2e225c023a3957154e08a9d47d8496",
            "8ad30676ea74d35b02218ad927435c89a5e7a5b50d08a81821330e8169a4e221",
            "46fa2761c8b3c50735f55bd2142fd7922413d540b25e0304d8095db048addb75",
            "341064bc14c42eafa31bf67ddf009b132e8edda1e3b7bc7990d1a87959198a29",
            "2714903eb279271493cb0caa0b850104f26ee1cf95744728c885f839f0f5a338",
            "383fd4db775221874180d6c83dce4994eada83a03afd8a4b7ee5285f3d4f8acb",
        ))
        .unwrap();
        let signature = util::hex_decode(concat!(
            "9d8c6bf886517e797aa9837ec577bfb6e9dd855fb0018ae5da52b9636d8a30d8",
            "5b8d724676c5e49fc4fdd0bc47e63cbc486e20e6d3e8a0ab3fdaaba9eae859e4",
            "7da6473c7976ef02887401268a9ad1ad9a55dfbb1c059ac19a084ef5c19c351f",
            "66fc71860780638257fa84624b9f81110e5ba0c2e988e49837d2554497d9c7c1",
            "2afb32636cff44794df35a03c820d67d9be5de1c1180cdee79124e27ddabb589",
            "03848d7ed2cb74d490c5e4a343541b8e7ca52e0514499afc2185ff6d84549b14",
            "0f16547b8263f7787b6fad14816b660521e66df8341a6c16bc1d98ab895cb8ff",
            "241a1f481f7b290883807b2ce5a424bc5e5a4c1f9f27846cd32922a5dbe03608",
        ))
        .unwrap();
        let mut cose = Vec::new();
        cbor::head(5, 4, &mut cose);
        for (label, value) in [(1, 3), (3, RS256)] {
            cbor::int(label, &mut cose);
            cbor::int(value, &mut cose);
        }
        cbor::int(-1, &mut cose);
        cbor::bytes(&n, &mut cose);
        cbor::int(-2, &mut cose);
        cbor::bytes(&[1, 0, 1], &mut cose);
        let (alg, key) = PublicKey::from_cose(&cose).unwrap();
        assert_eq!(alg, RS256);
        assert!(key.verify(b"logto-sim rs256", &signature));
        assert!(!key.verify(b"logto-sim rs255", &signature));
        let mut flipped = signature.clone();
        flipped[10] ^= 1;
        assert!(!key.verify(b"logto-sim rs256", &flipped));
        assert!(!key.verify(b"logto-sim rs256", &signature[1..]));
    }

    #[test]
    fn mangled_responses_fail_without_panicking() {
        let mut authenticator = SoftAuthenticator::new();
        let payload = authenticator.register(&Ceremony::new(CHALLENGE, ORIGIN, RP_ID));
        let object = util::base64url_decode(fields(&payload, "attestationObject")).unwrap();
        let credential = verify_registration(&registration(&payload), &expected()).unwrap();
        let (key, counter) = (credential.public_key, credential.counter);
        let assertion = authenticator.assert(&Ceremony::new(CHALLENGE, ORIGIN, RP_ID));
        let auth_data = util::base64url_decode(fields(&assertion, "authenticatorData")).unwrap();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..3000 {
            // Flip, truncate or overwrite with a CBOR head byte.
            let mut mangled = if round % 2 == 0 {
                object.clone()
            } else {
                auth_data.clone()
            };
            let at = next() as usize % mangled.len();
            match next() % 3 {
                0 => mangled[at] ^= 1 << (next() % 8),
                1 => mangled.truncate(at),
                _ => mangled[at] = [0x5b, 0x9b, 0xbb, 0xff, 0x1b, 0xd8][next() as usize % 6],
            }
            let text = util::base64url(&mangled);
            if round % 2 == 0 {
                let response = Registration {
                    attestation_object: &text,
                    ..registration(&payload)
                };
                let _ = verify_registration(&response, &expected());
            } else {
                let response = Authentication {
                    authenticator_data: &text,
                    ..authentication(&assertion)
                };
                let result = verify_authentication(&response, &expected(), &key, counter);
                assert!(result.is_err() || mangled == auth_data);
            }
        }
    }

    #[test]
    fn cbor_is_bounded() {
        assert_eq!(cbor::decode(&[0xa0]), Some(cbor::Value::Map(Vec::new())));
        // A byte string claiming more bytes than there are.
        assert_eq!(cbor::decode(&[0x5a, 0xff, 0xff, 0xff, 0xff, 0x00]), None);
        // An array claiming 2^32 items.
        assert_eq!(cbor::decode(&[0x9a, 0xff, 0xff, 0xff, 0xff]), None);
        // Deep nesting.
        assert_eq!(cbor::decode(&[0x81; 64]), None);
        // Indefinite length.
        assert_eq!(cbor::decode(&[0x9f, 0xff]), None);
        // Trailing bytes.
        assert_eq!(cbor::decode(&[0x01, 0x02]), None);
        assert_eq!(cbor::decode(&[0x38, 0x18]), Some(cbor::Value::Int(-25)));
    }

    #[test]
    fn der_round_trip() {
        let authenticator = SoftAuthenticator::new();
        for message in [b"a".as_slice(), b"bb", b"ccc"] {
            let der = authenticator.sign(message);
            let signature = der_signature(&der).unwrap();
            assert_eq!(der_encode(&signature), der);
        }
        assert!(der_signature(&[0x30, 0x00]).is_none());
    }
}
