//! WebAuthn routes: registration and authentication of MFA credentials,
//! passkey sign-in (discoverable preflight and identifier-first) and
//! passkey binding. The checks themselves are in `crate::webauthn`.
//!
//! As in Logto (`classes/verifications/web-authn-verification.ts`, which
//! uses Koa's `ctx.URL`), the RP ID is the request's host name and the
//! expected origin is the request's own origin (scheme and `Host`), not
//! its `Origin` header: an assertion verifies without one.

use axum::http::header;
use serde_json::{json, Map, Value};

use super::{experience, object, req_identifier, req_str, rules, Ctx, Reply};
use crate::{
    errors::{type_name, ApiError, ApiResult, Issue},
    state::{Experience, PasskeyChallenge, Record, RecordKind},
    users::{User, WebAuthnCredential},
    util,
    webauthn::{self, Expected, SUPPORTED_ALGORITHMS},
};

/// `timeout` of the options, as Logto's `webAuthnAuthenticationOptionsTimeout`.
const TIMEOUT_MS: u64 = 60_000;
/// Staged (not yet submitted) new credentials per interaction.
const MAX_STAGED: usize = 4;
const TRANSPORTS: [&str; 7] = [
    "usb",
    "nfc",
    "ble",
    "internal",
    "cable",
    "hybrid",
    "smart-card",
];

fn identifier_not_found() -> ApiError {
    ApiError::new("session.identifier_not_found")
}

/// An assertion by a credential nobody registered (`SignInPasskeyVerification`:
/// `session.identifier_not_found` with the default 400).
fn identifier_not_found_400() -> ApiError {
    ApiError::new("session.identifier_not_found").with_status(axum::http::StatusCode::BAD_REQUEST)
}

fn verification_failed() -> ApiError {
    ApiError::new("session.mfa.webauthn_verification_failed")
}

/// The host name of an authority (`host[:port]`, `[v6]:port`).
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|ch| ch.is_ascii_digit()) => host,
        _ => authority,
    }
}

/// The RP ID: the request's host name (the configured endpoint's without a
/// `Host` header).
fn rp_id(ctx: &Ctx) -> String {
    let endpoint = &ctx.app.config.endpoint;
    let authority = ctx
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_else(|| {
            let rest = endpoint
                .split_once("://")
                .map_or(endpoint.as_str(), |(_, rest)| rest);
            rest.split('/').next().unwrap_or(rest)
        });
    host_name(authority.trim()).to_lowercase()
}

/// The request's own origin, as Koa's `ctx.origin`: the endpoint's scheme
/// and the `Host` header (the endpoint's authority without one).
fn origin(ctx: &Ctx) -> String {
    let endpoint = ctx.app.config.endpoint.trim_end_matches('/');
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("http", endpoint));
    let authority = ctx
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_else(|| rest.split('/').next().unwrap_or(rest));
    format!("{scheme}://{}", authority.trim())
}

fn user_agent(ctx: &Ctx) -> String {
    ctx.headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(256)
        .collect()
}

/// A fresh 32-byte challenge, base64url.
fn new_challenge() -> String {
    let mut bytes = [0u8; 32];
    util::random_bytes(&mut bytes);
    util::base64url(&bytes)
}

/// `allowCredentials` / `excludeCredentials` for a user's credentials.
fn descriptors(user: &User) -> Vec<Value> {
    user.webauthn
        .iter()
        .map(|credential| {
            json!({"type": "public-key", "id": credential.id, "transports": credential.transports})
        })
        .collect()
}

fn authentication_options(challenge: &str, rp_id: &str, allow: Vec<Value>) -> Value {
    json!({
        "challenge": challenge,
        "timeout": TIMEOUT_MS,
        "rpId": rp_id,
        "allowCredentials": allow,
        "userVerification": "required",
    })
}

/// The identified user (`404 session.identifier_not_found` otherwise).
fn identified_user(ctx: &mut Ctx) -> ApiResult<User> {
    let user_id = experience(ctx.interaction)?
        .user_id
        .clone()
        .ok_or_else(identifier_not_found)?;
    ctx.inner
        .user(&user_id)
        .cloned()
        .ok_or_else(identifier_not_found)
}

// ---- body guard: Logto's zod schemas for the WebAuthn payloads ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ceremony {
    Registration,
    Authentication,
}

/// The payload fields the checks use.
#[derive(Debug, Default)]
struct Payload {
    id: String,
    raw_id: String,
    client_data_json: String,
    attestation_object: String,
    authenticator_data: String,
    signature: String,
    user_handle: Option<String>,
    transports: Vec<String>,
}

/// Collects zod issues in schema order.
struct Guard {
    issues: Vec<Issue>,
}

impl Guard {
    fn path(keys: &[&str]) -> Vec<Value> {
        keys.iter().map(|key| json!(key)).collect()
    }

    fn received(value: Option<&Value>) -> &'static str {
        value.map(type_name).unwrap_or("undefined")
    }

    fn string(
        &mut self,
        map: &Map<String, Value>,
        path: &[&str],
        required: bool,
    ) -> Option<String> {
        let key = path.last().copied().unwrap_or_default();
        match map.get(key) {
            Some(Value::String(text)) => Some(text.clone()),
            None if !required => None,
            other => {
                self.issues.push(Issue::invalid_type(
                    Self::path(path),
                    "string",
                    Self::received(other),
                ));
                None
            }
        }
    }

    fn object<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let key = path.last().copied().unwrap_or_default();
        match map.get(key) {
            Some(Value::Object(inner)) => Some(inner),
            other => {
                self.issues.push(Issue::invalid_type(
                    Self::path(path),
                    "object",
                    Self::received(other),
                ));
                None
            }
        }
    }

    fn optional_enum(&mut self, value: Option<&Value>, path: Vec<Value>, options: &[&str]) {
        match value {
            None => {}
            Some(Value::String(text)) if options.contains(&text.as_str()) => {}
            Some(Value::String(text)) => self.issues.push(Issue::invalid_enum(path, options, text)),
            Some(other) => {
                let expected = options
                    .iter()
                    .map(|option| format!("'{option}'"))
                    .collect::<Vec<_>>()
                    .join(" | ");
                self.issues
                    .push(Issue::invalid_type(path, &expected, type_name(other)));
            }
        }
    }

    fn response(&mut self, map: &Map<String, Value>, ceremony: Ceremony, out: &mut Payload) {
        let Some(response) = self.object(map, &["payload", "response"]) else {
            return;
        };
        let at = |key: &'static str| ["payload", "response", key];
        out.client_data_json = self
            .string(response, &at("clientDataJSON"), true)
            .unwrap_or_default();
        match ceremony {
            Ceremony::Registration => {
                out.attestation_object = self
                    .string(response, &at("attestationObject"), true)
                    .unwrap_or_default();
                self.string(response, &at("authenticatorData"), false);
                match response.get("transports") {
                    None => {}
                    Some(Value::Array(items)) => {
                        for (index, item) in items.iter().enumerate() {
                            let mut path = Self::path(&at("transports"));
                            path.push(json!(index));
                            self.optional_enum(Some(item), path, &TRANSPORTS);
                        }
                        out.transports = items
                            .iter()
                            .filter_map(Value::as_str)
                            .filter(|item| TRANSPORTS.contains(item))
                            .take(TRANSPORTS.len())
                            .map(str::to_string)
                            .collect();
                    }
                    Some(other) => self.issues.push(Issue::invalid_type(
                        Self::path(&at("transports")),
                        "array",
                        type_name(other),
                    )),
                }
                match response.get("publicKeyAlgorithm") {
                    None | Some(Value::Number(_)) => {}
                    Some(other) => self.issues.push(Issue::invalid_type(
                        Self::path(&at("publicKeyAlgorithm")),
                        "number",
                        type_name(other),
                    )),
                }
                self.string(response, &at("publicKey"), false);
            }
            Ceremony::Authentication => {
                out.authenticator_data = self
                    .string(response, &at("authenticatorData"), true)
                    .unwrap_or_default();
                out.signature = self
                    .string(response, &at("signature"), true)
                    .unwrap_or_default();
                out.user_handle = self.string(response, &at("userHandle"), false);
            }
        }
    }

    /// `{verificationId, payload}` as `koaGuard` checks it.
    fn body(
        body: &Value,
        ceremony: Ceremony,
        id_required: bool,
    ) -> ApiResult<(Option<String>, Payload)> {
        let map = object(body, &[])?;
        let mut guard = Guard { issues: Vec::new() };
        let mut payload = Payload::default();
        let verification_id = guard.string(map, &["verificationId"], id_required);
        if let Some(fields) = guard.object(map, &["payload"]) {
            if fields.get("type") != Some(&json!("WebAuthn")) {
                guard.issues.push(Issue::invalid_literal(
                    Guard::path(&["payload", "type"]),
                    "WebAuthn",
                ));
            }
            payload.id = guard
                .string(fields, &["payload", "id"], true)
                .unwrap_or_default();
            payload.raw_id = guard
                .string(fields, &["payload", "rawId"], true)
                .unwrap_or_default();
            let attachment = |guard: &mut Guard| {
                guard.optional_enum(
                    fields.get("authenticatorAttachment"),
                    Guard::path(&["payload", "authenticatorAttachment"]),
                    &["cross-platform", "platform"],
                );
            };
            // The two schemas list their keys in different orders.
            if ceremony == Ceremony::Registration {
                guard.response(fields, ceremony, &mut payload);
                attachment(&mut guard);
                guard.object(fields, &["payload", "clientExtensionResults"]);
            } else {
                attachment(&mut guard);
                guard.object(fields, &["payload", "clientExtensionResults"]);
                guard.response(fields, ceremony, &mut payload);
            }
        }
        if !guard.issues.is_empty() {
            return Err(ApiError::from_issues(guard.issues));
        }
        Ok((verification_id, payload))
    }
}

impl Payload {
    fn authentication(&self) -> webauthn::Authentication<'_> {
        webauthn::Authentication {
            id: &self.id,
            raw_id: &self.raw_id,
            client_data_json: &self.client_data_json,
            authenticator_data: &self.authenticator_data,
            signature: &self.signature,
            user_handle: self.user_handle.as_deref(),
        }
    }
}

// ---- MFA: registration ----

/// `POST /verification/web-authn/registration`: options to create a credential.
pub fn registration(ctx: &mut Ctx) -> ApiResult<Reply> {
    let rp_id = rp_id(ctx);
    let user = identified_user(ctx)?;
    let challenge = new_challenge();
    let name = user
        .username
        .clone()
        .or_else(|| user.email.clone())
        .or_else(|| user.phone.clone())
        .unwrap_or_else(|| "Unnamed User".into());
    let display_name = user.name.clone().unwrap_or_else(|| name.clone());
    let algorithms: Vec<Value> = SUPPORTED_ALGORITHMS
        .iter()
        .map(|alg| json!({"type": "public-key", "alg": alg}))
        .collect();
    let options = json!({
        "rp": {"name": rp_id, "id": rp_id},
        "user": {
            "id": util::base64url(user.id.as_bytes()),
            "name": name,
            "displayName": display_name,
        },
        "challenge": challenge,
        "pubKeyCredParams": algorithms,
        "timeout": TIMEOUT_MS,
        "excludeCredentials": descriptors(&user),
        "authenticatorSelection": {
            "requireResidentKey": true,
            "residentKey": "required",
            "userVerification": "required",
        },
        "attestation": "none",
        "extensions": {"credProps": true},
    });
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::WebAuthn {
            user_id: user.id,
            rp_id,
            registration_challenge: Some(challenge),
            authentication_challenge: None,
            credential: None,
        },
        false,
    ));
    Ok(Reply::Json(
        json!({"verificationId": id, "registrationOptions": options}),
    ))
}

/// The WebAuthn record `verification_id` of the identified user: its RP ID
/// and the challenge `pick` chooses.
fn mfa_record(
    exp: &Experience,
    verification_id: &str,
    pick: impl Fn(&Option<String>, &Option<String>) -> Option<String>,
) -> ApiResult<(String, String, String)> {
    let user_id = exp.user_id.clone().ok_or_else(identifier_not_found)?;
    let Some(RecordKind::WebAuthn {
        user_id: owner,
        rp_id,
        registration_challenge,
        authentication_challenge,
        ..
    }) = exp.record(verification_id).map(|record| &record.kind)
    else {
        return Err(ApiError::new("session.verification_session_not_found"));
    };
    if *owner != user_id {
        return Err(ApiError::new("session.verification_session_not_found"));
    }
    let challenge = pick(registration_challenge, authentication_challenge)
        .ok_or_else(|| ApiError::new("session.mfa.pending_info_not_found"))?;
    Ok((user_id, rp_id.clone(), challenge))
}

/// `POST /verification/web-authn/registration/verify`.
pub fn registration_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let (verification_id, payload) = Guard::body(ctx.body, Ceremony::Registration, true)?;
    let verification_id = verification_id.unwrap_or_default();
    let origin = origin(ctx);
    let agent = user_agent(ctx);
    let exp = experience(ctx.interaction)?;
    let (_, rp_id, challenge) = mfa_record(exp, &verification_id, |registration, _| {
        registration.clone()
    })?;
    let expected = Expected {
        challenge: &challenge,
        origin: &origin,
        rp_id: &rp_id,
        require_user_verification: true,
    };
    let response = webauthn::Registration {
        id: &payload.id,
        raw_id: &payload.raw_id,
        client_data_json: &payload.client_data_json,
        attestation_object: &payload.attestation_object,
    };
    let inner = &*ctx.inner;
    let verified = webauthn::verify_registration(&response, &expected).and_then(|credential| {
        if inner.user_by_credential(&credential.id).is_some() {
            Err("The credential is already registered".to_string())
        } else {
            Ok(credential)
        }
    });
    let credential = verified.map_err(|message| {
        println!("logto-sim: WebAuthn registration failed: {message}");
        verification_failed().with_data(json!({"message": message}))
    })?;
    let exp = experience(ctx.interaction)?;
    if let Some(record) = exp.record_mut(&verification_id) {
        if let RecordKind::WebAuthn {
            credential: slot, ..
        } = &mut record.kind
        {
            *slot = Some(WebAuthnCredential {
                id: credential.id,
                public_key: credential.public_key,
                counter: credential.counter,
                transports: payload.transports,
                agent,
                rp_id: Some(rp_id),
            });
        }
        record.verified = true;
    }
    Ok(Reply::Json(json!({"verificationId": verification_id})))
}

// ---- MFA: authentication ----

/// `POST /verification/web-authn/authentication`: options for the user's credentials.
pub fn authentication(ctx: &mut Ctx) -> ApiResult<Reply> {
    let rp_id = rp_id(ctx);
    let user = identified_user(ctx)?;
    if user.webauthn.is_empty() {
        return Err(ApiError::new("session.mfa.webauthn_verification_not_found"));
    }
    let challenge = new_challenge();
    let options = authentication_options(&challenge, &rp_id, descriptors(&user));
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::WebAuthn {
            user_id: user.id,
            rp_id,
            registration_challenge: None,
            authentication_challenge: Some(challenge),
            credential: None,
        },
        false,
    ));
    Ok(Reply::Json(
        json!({"verificationId": id, "authenticationOptions": options}),
    ))
}

/// Verifies an assertion by `user_id`'s credential and advances its counter.
fn check_assertion(
    ctx: &mut Ctx,
    user_id: &str,
    payload: &Payload,
    expected: &Expected,
) -> Result<(), String> {
    let user = ctx
        .inner
        .user_mut(user_id)
        .ok_or("The user no longer exists")?;
    let credential = user
        .webauthn
        .iter_mut()
        .find(|credential| credential.id == payload.id)
        .ok_or("The credential is not registered to the user")?;
    let counter = webauthn::verify_authentication(
        &payload.authentication(),
        expected,
        &credential.public_key,
        credential.counter,
    )?;
    credential.counter = counter;
    Ok(())
}

/// `POST /verification/web-authn/authentication/verify`: MFA verification.
pub fn authentication_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let (verification_id, payload) = Guard::body(ctx.body, Ceremony::Authentication, true)?;
    let verification_id = verification_id.unwrap_or_default();
    let origin = origin(ctx);
    let exp = experience(ctx.interaction)?;
    let (user_id, rp_id, challenge) = mfa_record(exp, &verification_id, |_, authentication| {
        authentication.clone()
    })?;
    let key = format!("user:{user_id}");
    rules::sentinel_check(ctx.inner, &app.settings, &key)?;
    let expected = Expected {
        challenge: &challenge,
        origin: &origin,
        rp_id: &rp_id,
        require_user_verification: true,
    };
    if let Err(reason) = check_assertion(ctx, &user_id, &payload, &expected) {
        println!("logto-sim: WebAuthn authentication failed: {reason}");
        return Err(rules::sentinel_fail(
            ctx.inner,
            &app.settings,
            &key,
            verification_failed(),
        ));
    }
    let exp = experience(ctx.interaction)?;
    if let Some(record) = exp.record_mut(&verification_id) {
        record.verified = true;
    }
    exp.mfa.verified = true;
    Ok(Reply::Json(json!({"verificationId": verification_id})))
}

// ---- passkey sign-in ----

/// `POST /preflight/sign-in-passkey/authentication`: options for a
/// discoverable credential; the challenge is kept in the interaction.
pub fn passkey_preflight(ctx: &mut Ctx) -> ApiResult<Reply> {
    let rp_id = rp_id(ctx);
    let challenge = new_challenge();
    let options = authentication_options(&challenge, &rp_id, Vec::new());
    ctx.interaction.passkey_preflight = Some(PasskeyChallenge { challenge, rp_id });
    Ok(Reply::Json(json!({"authenticationOptions": options})))
}

/// `POST /verification/sign-in-passkey/authentication {identifier}`:
/// options for that user's passkeys. Unknown users, users without one and
/// disabled passkey sign-in all answer `webauthn_verification_not_found`.
pub fn passkey_authentication(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let identifier = req_identifier(body, &["username", "email", "phone"])?;
    let rp_id = rp_id(ctx);
    let user = ctx
        .inner
        .find_user(&identifier, app.username_case_sensitive())
        .filter(|user| app.settings.passkey_sign_in.enabled && !user.webauthn.is_empty())
        .cloned()
        .ok_or_else(|| ApiError::new("session.mfa.webauthn_verification_not_found"))?;
    let challenge = new_challenge();
    let options = authentication_options(&challenge, &rp_id, descriptors(&user));
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::SignInWebAuthn {
            user_id: Some(user.id),
            rp_id,
            challenge,
        },
        false,
    ));
    Ok(Reply::Json(
        json!({"verificationId": id, "authenticationOptions": options}),
    ))
}

/// `POST /verification/sign-in-passkey/authentication/verify`: with
/// `verificationId` against the identifier-first challenge, without it
/// against the preflight challenge (which stays for another try). The credential
/// names the user; for discoverable credentials the user handle must too.
pub fn passkey_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let (verification_id, payload) = Guard::body(ctx.body, Ceremony::Authentication, false)?;
    let current_rp_id = rp_id(ctx);
    let origin = origin(ctx);
    let exp = experience(ctx.interaction)?;
    let (expected_user, rp_id, challenge) = match &verification_id {
        Some(id) => match exp.record(id).map(|record| &record.kind) {
            Some(RecordKind::SignInWebAuthn {
                user_id,
                rp_id,
                challenge,
            }) => (user_id.clone(), rp_id.clone(), challenge.clone()),
            _ => return Err(ApiError::new("session.verification_session_not_found")),
        },
        // The preflight challenge stays in the interaction: it can be
        // answered again, each answer a new record replacing the last.
        None => {
            let preflight = ctx
                .interaction
                .passkey_preflight
                .clone()
                .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
            (None, preflight.rp_id, preflight.challenge)
        }
    };
    if rp_id != current_rp_id {
        return Err(ApiError::new("session.passkey_sign_in.conflict_rp_id"));
    }
    let owner = ctx
        .inner
        .user_by_credential(&payload.id)
        .map(|user| user.id.clone())
        .ok_or_else(identifier_not_found_400)?;
    if expected_user.as_ref().is_some_and(|user| *user != owner) {
        return Err(ApiError::new("session.identity_conflict"));
    }
    let handle = payload
        .user_handle
        .as_deref()
        .map(|handle| util::base64url_decode(handle).unwrap_or_default());
    let handle_ok = match handle {
        Some(handle) => handle == owner.as_bytes(),
        // A discoverable credential must say whose it is (§7.2 step 6).
        None => expected_user.is_some(),
    };
    let expected = Expected {
        challenge: &challenge,
        origin: &origin,
        rp_id: &rp_id,
        require_user_verification: true,
    };
    let checked = if handle_ok {
        check_assertion(ctx, &owner, &payload, &expected)
    } else {
        Err("The user handle does not name the credential's user".into())
    };
    if let Err(reason) = checked {
        println!("logto-sim: passkey sign-in failed: {reason}");
        return Err(verification_failed());
    }
    let exp = experience(ctx.interaction)?;
    let id = match verification_id.and_then(|id| exp.record_mut(&id)) {
        Some(record) => {
            if let RecordKind::SignInWebAuthn { user_id, .. } = &mut record.kind {
                *user_id = Some(owner);
            }
            record.verified = true;
            record.id.clone()
        }
        None => exp.put_record(Record::new(
            RecordKind::SignInWebAuthn {
                user_id: Some(owner),
                rp_id,
                challenge,
            },
            true,
        )),
    };
    exp.captcha_skipped = true;
    Ok(Reply::Json(json!({"verificationId": id})))
}

// ---- binding ----

/// Stages the verified new credential of `verification_id`.
pub fn stage_credential(exp: &mut Experience, verification_id: &str) -> ApiResult<()> {
    let record = exp
        .record(verification_id)
        .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
    let RecordKind::WebAuthn { credential, .. } = &record.kind else {
        return Err(ApiError::new("session.verification_failed"));
    };
    if !record.verified {
        return Err(ApiError::new("session.verification_failed"));
    }
    let credential = credential
        .clone()
        .ok_or_else(|| ApiError::new("session.mfa.pending_info_not_found"))?;
    let staged = &mut exp.mfa.webauthn;
    staged.retain(|known| known.id != credential.id);
    if staged.len() >= MAX_STAGED {
        staged.remove(0);
    }
    staged.push(credential);
    Ok(())
}

/// `POST /profile/mfa/passkey {verificationId}`: bind a new credential as a
/// sign-in passkey (MFA is not turned on by it).
pub fn bind_passkey(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let verification_id = req_str(body, &["verificationId"])?;
    super::mfa::profile_gate(ctx)?;
    stage_credential(experience(ctx.interaction)?, &verification_id)?;
    Ok(Reply::NoContent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        assert_eq!(host_name("localhost:8080"), "localhost");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
        assert_eq!(host_name("[::1]:3001"), "::1");
        assert_eq!(host_name("auth.example.com"), "auth.example.com");
    }

    #[test]
    fn payload_issues_follow_zod_order() {
        let error = Guard::body(
            &json!({"verificationId": "x", "payload": {"foo": "bar"}}),
            Ceremony::Registration,
            true,
        )
        .unwrap_err();
        let paths: Vec<String> = error.data.as_ref().unwrap()["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|issue| issue["path"][1].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            paths,
            ["type", "id", "rawId", "response", "clientExtensionResults"]
        );
        let error = Guard::body(
            &json!({"payload": {"foo": 1}}),
            Ceremony::Authentication,
            false,
        )
        .unwrap_err();
        let data = error.data.as_ref().unwrap();
        assert_eq!(
            data["issues"][3]["path"],
            json!(["payload", "clientExtensionResults"])
        );
        assert_eq!(data["issues"][4]["path"], json!(["payload", "response"]));
        let ok = Guard::body(
            &json!({"payload": {"type": "WebAuthn", "id": "a", "rawId": "a",
                "response": {"clientDataJSON": "e30", "authenticatorData": "", "signature": "",
                             "userHandle": "dQ"},
                "clientExtensionResults": {"credProps": {"rk": true}}}}),
            Ceremony::Authentication,
            false,
        )
        .unwrap();
        assert_eq!(ok.0, None);
        assert_eq!(ok.1.user_handle.as_deref(), Some("dQ"));
    }
}
