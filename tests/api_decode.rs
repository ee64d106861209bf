//! Checks the typed API client against traffic recorded from a real Logto
//! 1.42.0 (`../shared/logto-contract`, see its README).
//!
//! * every response body of every scenario decodes into the type the client
//!   uses for that endpoint, and error bodies into `ApiError` with a known
//!   code and typed `data`;
//! * request types re-encode to exactly the recorded request bodies, and the
//!   client sends the recorded headers;
//! * every recorded settings payload survives a decode/encode round trip
//!   (so no field is silently dropped), and every phrases file decodes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use logto_experience::api::client::{with_query, Method};
use logto_experience::api::error::{decode_empty, decode_json, decode_optional_json};
use logto_experience::api::json::{from_value, FromJson};
use logto_experience::api::settings::{
    AgreeToTermsPolicy, ConnectorPlatform, MfaPolicy, SignInIdentifier, SignInMode,
};
use logto_experience::api::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/logto-contract")
}

/// Whether the corpus is beside the repository (it is not part of it: a
/// user's clone has none, and these tests then pass without checking;
/// `tools/test.sh` says so once).
fn corpus_present() -> bool {
    corpus().is_dir()
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(file name, parsed)` of every JSON file directly in `dir` whose name
/// starts with `prefix`, sorted.
fn json_files(dir: &Path, prefix: &str) -> Vec<(String, Value)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(prefix))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, read_json(&path))
        })
        .collect()
}

fn scenarios() -> Vec<(String, Value)> {
    let files = json_files(&corpus(), "");
    assert!(
        files.len() >= 69,
        "expected the 69 scenario files, found {}",
        files.len()
    );
    files
}

/// The raw bytes the server sent: recordings store an empty body as `null`
/// and a non-JSON body as `{"_non_json_body": text}`.
fn raw_body(body: &Value) -> Vec<u8> {
    match body {
        Value::Null => Vec::new(),
        Value::Object(object) if object.len() == 1 && object.contains_key("_non_json_body") => {
            object["_non_json_body"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec()
        }
        other => serde_json::to_vec(other).unwrap(),
    }
}

/// The response type the client decodes for an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Empty,
    Identification,
    Submit,
    VerificationId,
    AuthorizationUri,
    TotpSecret,
    WebAuthnRegistration,
    WebAuthnAuthentication,
    PasskeyPreflight,
    BackupCodes,
    Interaction,
    SsoConnectors,
    Consent,
    ConsentInfo,
    /// Not an Experience API call (Management API set-up steps).
    NotExperience,
}

/// The request type the client encodes for an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    None,
    InteractionEvent,
    Identification,
    Password,
    SendCode,
    VerifyCode,
    SendMfaCode,
    VerifyMfaCode,
    AuthorizationUri,
    ConnectorVerify,
    TotpVerify,
    WebAuthnVerify,
    SignInPasskey,
    BackupCodeVerify,
    OneTimeToken,
    Profile,
    UpdatePassword,
    BindMfa,
    VerificationId,
    Consent,
    NotExperience,
}

/// `/api/experience/verification/social/abc/verify` → `/verification/social/:id/verify`.
fn normalize(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or_default();
    if path.starts_with("/api/interaction/") {
        return Some(path.to_owned());
    }
    let rest = path.strip_prefix("/api/experience")?;
    let mut parts: Vec<&str> = rest.split('/').collect();
    if parts.len() > 3 && parts[1] == "verification" && matches!(parts[2], "social" | "sso") {
        parts[3] = ":id";
    }
    Some(parts.join("/"))
}

fn route(method: &str, path: &str) -> (Expect, Body) {
    let Some(path) = normalize(path) else {
        return (Expect::NotExperience, Body::NotExperience);
    };
    match (method, path.as_str()) {
        ("PUT", "") | ("PUT", "/interaction-event") => (Expect::Empty, Body::InteractionEvent),
        ("POST", "/identification") => (Expect::Identification, Body::Identification),
        ("POST", "/submit") => (Expect::Submit, Body::None),
        ("GET", "/interaction") => (Expect::Interaction, Body::None),
        ("GET", "/sso-connectors") => (Expect::SsoConnectors, Body::None),
        ("POST", "/preflight/sign-in-passkey/authentication") => {
            (Expect::PasskeyPreflight, Body::None)
        }
        ("POST", "/verification/password") | ("POST", "/verification/new-password-identity") => {
            (Expect::VerificationId, Body::Password)
        }
        ("POST", "/verification/verification-code") => (Expect::VerificationId, Body::SendCode),
        ("POST", "/verification/verification-code/verify") => {
            (Expect::VerificationId, Body::VerifyCode)
        }
        ("POST", "/verification/mfa-verification-code") => {
            (Expect::VerificationId, Body::SendMfaCode)
        }
        ("POST", "/verification/mfa-verification-code/verify") => {
            (Expect::VerificationId, Body::VerifyMfaCode)
        }
        ("POST", "/verification/social/:id/authorization-uri")
        | ("POST", "/verification/sso/:id/authorization-uri") => {
            (Expect::AuthorizationUri, Body::AuthorizationUri)
        }
        ("POST", "/verification/social/:id/verify") | ("POST", "/verification/sso/:id/verify") => {
            (Expect::VerificationId, Body::ConnectorVerify)
        }
        ("POST", "/verification/totp/secret") => (Expect::TotpSecret, Body::None),
        ("POST", "/verification/totp/verify") => (Expect::VerificationId, Body::TotpVerify),
        ("POST", "/verification/web-authn/registration") => {
            (Expect::WebAuthnRegistration, Body::None)
        }
        ("POST", "/verification/web-authn/authentication") => {
            (Expect::WebAuthnAuthentication, Body::None)
        }
        ("POST", "/verification/web-authn/registration/verify")
        | ("POST", "/verification/web-authn/authentication/verify")
        | ("POST", "/verification/sign-in-passkey/authentication/verify") => {
            (Expect::VerificationId, Body::WebAuthnVerify)
        }
        ("POST", "/verification/sign-in-passkey/authentication") => {
            (Expect::WebAuthnAuthentication, Body::SignInPasskey)
        }
        ("POST", "/verification/backup-code/generate") => (Expect::BackupCodes, Body::None),
        ("POST", "/verification/backup-code/verify") => {
            (Expect::VerificationId, Body::BackupCodeVerify)
        }
        ("POST", "/verification/one-time-token/verify") => {
            (Expect::VerificationId, Body::OneTimeToken)
        }
        ("POST", "/profile") => (Expect::Empty, Body::Profile),
        ("PUT", "/profile/password") => (Expect::Empty, Body::UpdatePassword),
        ("POST", "/profile/mfa") => (Expect::Empty, Body::BindMfa),
        ("POST", "/profile/mfa/passkey") => (Expect::Empty, Body::VerificationId),
        ("POST", "/profile/mfa/mfa-enabled")
        | ("POST", "/profile/mfa/mfa-skipped")
        | ("POST", "/profile/mfa/mfa-suggestion-skipped")
        | ("POST", "/profile/mfa/passkey-skipped")
        | ("POST", "/profile/mfa/trusted-device") => (Expect::Empty, Body::None),
        ("GET", "/api/interaction/consent") => (Expect::ConsentInfo, Body::None),
        ("POST", "/api/interaction/consent") => (Expect::Consent, Body::Consent),
        (method, path) => panic!("no client endpoint for {method} {path}"),
    }
}

/// Decodes with `T` and checks that re-encoding gives back the same JSON.
fn decode_lossless<T: FromJson + Serialize>(status: u16, body: &Value) -> T {
    let value: T = decode_json(status, &raw_body(body))
        .unwrap_or_else(|e| panic!("{}: {e:?}", std::any::type_name::<T>()));
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        *body,
        "{} dropped or changed a field",
        std::any::type_name::<T>()
    );
    value
}

fn check_success(expect: Expect, status: u16, body: &Value) {
    let bytes = raw_body(body);
    match expect {
        Expect::Empty => {
            assert_eq!(status, 204);
            decode_empty(status, &bytes).unwrap();
        }
        Expect::Identification => {
            assert!(
                status == 201 || status == 204,
                "identification status {status}"
            );
            decode_empty(status, &bytes).unwrap();
        }
        Expect::Submit => {
            let submitted: Option<RedirectResponse> = decode_optional_json(status, &bytes).unwrap();
            match status {
                200 => {
                    let redirect = submitted.expect("redirectTo");
                    assert!(redirect.redirect_to.contains("/oidc/auth/"));
                    assert_eq!(serde_json::to_value(&redirect).unwrap(), *body);
                }
                204 => assert_eq!(submitted, None),
                other => panic!("submit status {other}"),
            }
        }
        Expect::VerificationId => {
            decode_lossless::<VerificationIdResponse>(status, body);
        }
        Expect::AuthorizationUri => {
            let response = decode_lossless::<AuthorizationUriResponse>(status, body);
            assert!(response.authorization_uri.starts_with("http"));
        }
        Expect::TotpSecret => {
            let response = decode_lossless::<TotpSecretResponse>(status, body);
            assert!(response.secret_qr_code.starts_with("data:image/"));
        }
        Expect::WebAuthnRegistration => {
            let response = decode_lossless::<WebAuthnRegistrationResponse>(status, body);
            assert!(!response.registration_options.challenge.is_empty());
        }
        Expect::WebAuthnAuthentication => {
            let response = decode_lossless::<WebAuthnAuthenticationResponse>(status, body);
            assert!(!response.authentication_options.challenge.is_empty());
        }
        Expect::PasskeyPreflight => {
            let response = decode_lossless::<PasskeyPreflightResponse>(status, body);
            assert!(!response.authentication_options.challenge.is_empty());
        }
        Expect::BackupCodes => {
            let response = decode_lossless::<BackupCodesResponse>(status, body);
            assert!(!response.codes.is_empty());
        }
        Expect::SsoConnectors => {
            decode_lossless::<SsoConnectorsResponse>(status, body);
        }
        Expect::Interaction => {
            let state: InteractionState = decode_json(status, &bytes).unwrap();
            assert!(!matches!(
                state.interaction_event,
                InteractionEvent::Unknown(_)
            ));
            let records = body["verificationRecords"].as_array().unwrap();
            assert_eq!(state.verification_records.len(), records.len());
            for (record, raw) in state.verification_records.iter().zip(records) {
                assert_eq!(record.id, raw["id"].as_str().unwrap());
                assert_eq!(
                    record.verification_type.as_str(),
                    raw["type"].as_str().unwrap()
                );
                assert!(!matches!(
                    record.verification_type,
                    VerificationType::Unknown(_)
                ));
            }
            assert_eq!(state.user_id.as_deref(), body["userId"].as_str());
            assert_eq!(
                state.captcha.map(|c| (c.verified, c.skipped)),
                Some((
                    body["captcha"]["verified"].as_bool().unwrap(),
                    body["captcha"]["skipped"].as_bool().unwrap()
                ))
            );
        }
        Expect::ConsentInfo => {
            decode_json::<ConsentInfo>(status, &bytes).unwrap();
        }
        Expect::Consent => {
            decode_lossless::<RedirectResponse>(status, body);
        }
        Expect::NotExperience => {}
    }
}

/// Codes whose recorded `data` must come out typed (not `ErrorData::Other`).
fn check_error_data(code: &ErrorCode, data: Option<&ErrorData>, body: &Value) {
    let raw = &body["data"];
    let Some(data) = data else {
        assert!(raw.is_null(), "{code}: data dropped");
        return;
    };
    match (code, data) {
        (ErrorCode::UserMissingProfile, ErrorData::MissingProfile(items)) => {
            let raw: Vec<&str> = raw["missingProfile"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let items: Vec<&str> = items.iter().map(|i| i.as_str()).collect();
            assert_eq!(items, raw);
        }
        (
            ErrorCode::UserMissingMfa | ErrorCode::SessionMfaRequireMfaVerification,
            ErrorData::Mfa(mfa),
        ) => {
            let factors: Vec<&str> = mfa.available_factors.iter().map(|f| f.as_str()).collect();
            let raw_factors: Vec<&str> = raw["availableFactors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(factors, raw_factors);
            assert!(!mfa
                .available_factors
                .iter()
                .any(|f| matches!(f, MfaFactor::Unknown(_))));
            assert_eq!(mfa.skippable, raw["skippable"].as_bool());
        }
        (ErrorCode::UserIdentityNotExist, ErrorData::IdentityNotExist { related_user }) => {
            match related_user {
                Some(user) => {
                    assert_eq!(user.identifier_type.as_str(), raw["relatedUser"]["type"]);
                    assert_eq!(user.value, raw["relatedUser"]["value"]);
                }
                None => assert!(raw.get("relatedUser").is_none()),
            }
        }
        (ErrorCode::UserUserNotExist, ErrorData::UserNotExist { identifier }) => {
            assert_eq!(identifier, raw["identifier"].as_str().unwrap());
        }
        (ErrorCode::PasswordRejected, ErrorData::PasswordRejected(issues)) => {
            let raw = raw.as_array().unwrap();
            assert_eq!(issues.len(), raw.len());
            for (issue, raw) in issues.iter().zip(raw) {
                assert_eq!(issue.code.as_str(), raw["code"].as_str().unwrap());
                assert!(!matches!(issue.code, error::PasswordIssueCode::Unknown(_)));
                assert_eq!(issue.min(), raw["interpolation"]["min"].as_u64());
            }
        }
        (ErrorCode::SessionSsoEnabled, ErrorData::SsoEnabled { sso_connectors }) => {
            assert_eq!(
                sso_connectors.len(),
                raw["ssoConnectors"].as_array().unwrap().len()
            );
        }
        (ErrorCode::GuardInvalidInput, ErrorData::InvalidInput { issues }) => {
            assert!(!issues.is_empty());
            assert!(issues
                .iter()
                .all(|i| !i.path.is_empty() && !i.code.is_empty()));
        }
        (_, ErrorData::Failure(failure)) => {
            assert!(
                code.as_str().starts_with("connector.")
                    || *code == ErrorCode::SessionMfaWebauthnVerificationFailed
            );
            assert_eq!(failure.message.as_deref(), raw["message"].as_str());
        }
        (code, ErrorData::Other(value)) => {
            panic!("{code}: data left untyped: {value}")
        }
        (code, data) => panic!("{code}: unexpected data variant {data:?}"),
    }
}

fn check_error(status: u16, body: &Value) -> String {
    let error = ApiError::from_response(status, &raw_body(body));
    let ApiError::Server(server) = &error else {
        panic!("expected a server error, got {error:?}");
    };
    let code = body["code"].as_str().expect("recorded error has a code");
    assert_eq!(server.status, status);
    assert_eq!(server.code.as_str(), code);
    assert!(
        !matches!(server.code, ErrorCode::Unknown(_)),
        "code {code} decoded as Unknown"
    );
    assert_eq!(server.message, body["message"].as_str().unwrap());
    assert!(!server.message.is_empty());
    assert_eq!(server.details.as_deref(), body["details"].as_str());
    assert_eq!(server.oidc_error.as_deref(), body["error"].as_str());
    assert_eq!(
        server.oidc_error_description.as_deref(),
        body["error_description"].as_str()
    );
    check_error_data(&server.code, server.data.as_ref(), body);
    assert!(error.is(&server.code));
    assert_eq!(error.to_string(), server.message);
    code.to_owned()
}

/// Re-encodes a recorded request body through the client's request type.
fn reencode<T: DeserializeOwned + Serialize>(body: &Value) -> Value {
    let typed: T = serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("{} rejects {body}: {e}", std::any::type_name::<T>()));
    serde_json::to_value(&typed).unwrap()
}

fn check_request(kind: Body, body: &Value) {
    let encoded = match kind {
        Body::None | Body::NotExperience => return,
        Body::InteractionEvent => reencode::<InteractionEventRequest>(body),
        Body::Identification => reencode::<IdentificationRequest>(body),
        Body::Password => reencode::<PasswordRequest>(body),
        Body::SendCode => reencode::<SendVerificationCodeRequest>(body),
        Body::VerifyCode => reencode::<VerifyVerificationCodeRequest>(body),
        Body::SendMfaCode => reencode::<SendMfaVerificationCodeRequest>(body),
        Body::VerifyMfaCode => reencode::<VerifyMfaVerificationCodeRequest>(body),
        Body::AuthorizationUri => reencode::<AuthorizationUriRequest>(body),
        Body::ConnectorVerify => reencode::<ConnectorVerifyRequest>(body),
        Body::TotpVerify => reencode::<TotpVerifyRequest>(body),
        Body::WebAuthnVerify => reencode::<WebAuthnVerifyRequest>(body),
        Body::SignInPasskey => reencode::<SignInPasskeyRequest>(body),
        Body::BackupCodeVerify => reencode::<BackupCodeVerifyRequest>(body),
        Body::OneTimeToken => reencode::<OneTimeTokenVerifyRequest>(body),
        Body::Profile => reencode::<ProfileRequest>(body),
        Body::UpdatePassword => reencode::<UpdatePasswordRequest>(body),
        Body::BindMfa => reencode::<BindMfaRequest>(body),
        Body::VerificationId => reencode::<VerificationIdRequest>(body),
        Body::Consent => reencode::<ConsentRequest>(body),
    };
    assert_eq!(encoded, *body, "request type changes the recorded body");
}

#[test]
fn every_recorded_response_decodes() {
    if !corpus_present() {
        return;
    }
    let mut exchanges = 0;
    let mut errors = 0;
    let mut codes = BTreeSet::new();
    for (file, scenario) in scenarios() {
        for (index, exchange) in scenario["exchanges"].as_array().unwrap().iter().enumerate() {
            let request = &exchange["request"];
            let response = &exchange["response"];
            let method = request["method"].as_str().unwrap();
            let path = request["path"].as_str().unwrap();
            let status = u16::try_from(response["status"].as_u64().unwrap()).unwrap();
            let body = &response["body"];
            let (expect, kind) = route(method, path);
            if expect == Expect::NotExperience {
                continue;
            }
            let context = format!("{file} #{index}: {method} {path} → {status}");
            let outcome = std::panic::catch_unwind(|| {
                if (200..300).contains(&status) {
                    check_success(expect, status, body);
                    check_request(kind, &request["body"]);
                    None
                } else {
                    let code = check_error(status, body);
                    if code != "guard.invalid_input" {
                        check_request(kind, &request["body"]);
                    }
                    Some(code)
                }
            });
            match outcome {
                Ok(Some(code)) => {
                    errors += 1;
                    codes.insert(code);
                }
                Ok(None) => {}
                Err(_) => panic!("{context}: see the panic above"),
            }
            exchanges += 1;
        }
    }
    println!(
        "{exchanges} exchanges decoded, {errors} error bodies, {} distinct codes",
        codes.len()
    );
    assert!(exchanges > 300, "only {exchanges} exchanges");

    // The README's "Error codes seen" table is exactly what the corpus holds.
    let readme = fs::read_to_string(corpus().join("README.md")).unwrap();
    let table = readme
        .split("## Error codes seen")
        .nth(1)
        .expect("README has an error code table");
    let listed: BTreeSet<String> = table
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|line| line.split('`').next())
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, codes);
    for code in &listed {
        assert!(
            !matches!(ErrorCode::parse(code), ErrorCode::Unknown(_)),
            "{code} missing from ErrorCode"
        );
    }
}

#[test]
fn client_sends_the_recorded_headers() {
    if !corpus_present() {
        return;
    }
    let mut checked = 0;
    for (file, scenario) in scenarios() {
        for exchange in scenario["exchanges"].as_array().unwrap() {
            let request = &exchange["request"];
            let path = request["path"].as_str().unwrap();
            if normalize(path).is_none() {
                continue;
            }
            let headers = &request["headers"];
            let client = Client::default()
                .with_app_id(headers["Logto-App-Id"].as_str().map(str::to_owned))
                .with_language(headers["Accept-Language"].as_str().map(str::to_owned));
            let body = match &request["body"] {
                Value::Null => None,
                other => Some(other.to_string()),
            };
            let method = match request["method"].as_str().unwrap() {
                "GET" => Method::Get,
                "POST" => Method::Post,
                "PUT" => Method::Put,
                other => panic!("{file}: method {other}"),
            };
            let prepared = client.prepare(method, path, body);
            assert_eq!(prepared.url, path);
            for (name, value) in &prepared.headers {
                assert_eq!(
                    headers[*name].as_str(),
                    Some(value.as_str()),
                    "{file}: {path}: header {name}"
                );
            }
            let recorded = headers
                .as_object()
                .unwrap()
                .keys()
                .filter(|name| *name != "Origin")
                .count();
            assert_eq!(prepared.headers.len(), recorded, "{file}: {path}: headers");
            checked += 1;
        }
    }
    assert!(checked > 300);
}

#[test]
fn hand_built_requests_match_recordings() {
    if !corpus_present() {
        return;
    }
    fn recorded(file: &str, index: usize) -> Value {
        let scenario = read_json(&corpus().join(file));
        scenario["exchanges"][index]["request"]["body"].clone()
    }
    fn same<T: Serialize>(value: &T, file: &str, index: usize) {
        assert_eq!(
            serde_json::to_value(value).unwrap(),
            recorded(file, index),
            "{file} #{index}"
        );
    }

    same(
        &InteractionEventRequest {
            interaction_event: InteractionEvent::SignIn,
            captcha_token: None,
        },
        "signin-password-username-ok.json",
        0,
    );
    let password = recorded("signin-password-username-ok.json", 1);
    same(
        &PasswordRequest {
            identifier: Identifier::username(password["identifier"]["value"].as_str().unwrap()),
            password: password["password"].as_str().unwrap().to_owned(),
        },
        "signin-password-username-ok.json",
        1,
    );
    let identification = recorded("signin-password-username-ok.json", 2);
    same(
        &IdentificationRequest {
            verification_id: identification["verificationId"].as_str().map(str::to_owned),
            link_social_identity: None,
        },
        "signin-password-username-ok.json",
        2,
    );
    same(
        &IdentificationRequest::default(),
        "captcha-required.json",
        7,
    );
    let link = recorded("social-related-user-link.json", 5);
    same(
        &IdentificationRequest {
            verification_id: link["verificationId"].as_str().map(str::to_owned),
            link_social_identity: Some(true),
        },
        "social-related-user-link.json",
        5,
    );
    same(
        &ProfileRequest::Username {
            value: "cap_192308434b".into(),
        },
        "captcha-required.json",
        5,
    );
    same(
        &ProfileRequest::Password {
            value: "Contract-Passw0rd!2026".into(),
        },
        "captcha-required.json",
        6,
    );
    let email = recorded("signin-missing-profile-email.json", 6);
    same(
        &ProfileRequest::Email {
            verification_id: email["verificationId"].as_str().unwrap().to_owned(),
        },
        "signin-missing-profile-email.json",
        6,
    );
    let send = recorded("signin-phone-code-ok.json", 1);
    same(
        &SendVerificationCodeRequest {
            identifier: Identifier::phone(send["identifier"]["value"].as_str().unwrap()),
            interaction_event: InteractionEvent::SignIn,
        },
        "signin-phone-code-ok.json",
        1,
    );
    let verify = recorded("signin-phone-code-ok.json", 2);
    same(
        &VerifyVerificationCodeRequest {
            identifier: Identifier::phone(verify["identifier"]["value"].as_str().unwrap()),
            verification_id: verify["verificationId"].as_str().unwrap().to_owned(),
            code: verify["code"].as_str().unwrap().to_owned(),
        },
        "signin-phone-code-ok.json",
        2,
    );
    let totp = recorded("mfa-mandatory-bind-totp-and-backup-codes.json", 7);
    same(
        &TotpVerifyRequest {
            code: totp["code"].as_str().unwrap().to_owned(),
            verification_id: totp["verificationId"].as_str().map(str::to_owned),
        },
        "mfa-mandatory-bind-totp-and-backup-codes.json",
        7,
    );
    same(
        &TotpVerifyRequest {
            code: "661804".into(),
            verification_id: None,
        },
        "mfa-signin-totp-verify.json",
        4,
    );
    let bind = recorded("mfa-mandatory-bind-totp-and-backup-codes.json", 8);
    same(
        &BindMfaRequest {
            factor: MfaFactor::Totp,
            verification_id: bind["verificationId"].as_str().unwrap().to_owned(),
        },
        "mfa-mandatory-bind-totp-and-backup-codes.json",
        8,
    );
    same(
        &BackupCodeVerifyRequest {
            code: "0000000000".into(),
        },
        "mfa-signin-backup-code-verify.json",
        4,
    );
    let passkey = recorded("passkey-sign-in.json", 8);
    same(
        &WebAuthnVerifyRequest {
            verification_id: passkey["verificationId"].as_str().map(str::to_owned),
            payload: serde_json::from_value(passkey["payload"].clone()).unwrap(),
        },
        "passkey-sign-in.json",
        8,
    );
    let social = recorded("social-existing-user-ok.json", 1);
    same(
        &AuthorizationUriRequest {
            state: social["state"].as_str().unwrap().to_owned(),
            redirect_uri: social["redirectUri"].as_str().unwrap().to_owned(),
        },
        "social-existing-user-ok.json",
        1,
    );
    let social = recorded("social-existing-user-ok.json", 2);
    same(
        &ConnectorVerifyRequest {
            connector_data: social["connectorData"].as_object().unwrap().clone(),
            verification_id: social["verificationId"].as_str().map(str::to_owned),
        },
        "social-existing-user-ok.json",
        2,
    );
    same(
        &UpdatePasswordRequest {
            password: "Brand-New-Passw0rd!7".into(),
        },
        "forgot-password-email-ok.json",
        7,
    );
    let ott = recorded("one-time-token-register.json", 2);
    same(
        &OneTimeTokenVerifyRequest {
            token: "not-a-real-token".into(),
            identifier: Identifier::email(ott["identifier"]["value"].as_str().unwrap()),
        },
        "one-time-token-register.json",
        2,
    );

    // Paths with queries are built as recorded.
    let sso = read_json(&corpus().join("sso-connectors.json"));
    assert_eq!(
        with_query(
            "/api/experience/sso-connectors",
            &[("email", Some("someone@nosso-192308434b.test"))]
        ),
        sso["exchanges"][0]["request"]["path"].as_str().unwrap()
    );
    // Requests not in the corpus encode as documented.
    assert_eq!(
        serde_json::to_value(ProfileRequest::ExtraProfile {
            values: json!({"givenName": "Ada"}).as_object().unwrap().clone()
        })
        .unwrap(),
        json!({"type": "extraProfile", "values": {"givenName": "Ada"}})
    );
    assert_eq!(
        serde_json::to_value(SendMfaVerificationCodeRequest {
            identifier_type: MfaIdentifierType::Email,
        })
        .unwrap(),
        json!({"identifierType": "email"})
    );
    assert_eq!(
        serde_json::to_value(ConsentRequest::default()).unwrap(),
        json!({})
    );
}

/// The first place where two JSON values differ, for readable failures.
fn first_difference(original: &Value, round_trip: &Value, path: &str) -> Option<String> {
    match (original, round_trip) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    None => return Some(format!("{path}.{key} dropped")),
                    Some(other) => {
                        if let Some(diff) = first_difference(value, other, &format!("{path}.{key}"))
                        {
                            return Some(diff);
                        }
                    }
                }
            }
            b.keys()
                .find(|key| !a.contains_key(*key))
                .map(|key| format!("{path}.{key} added"))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]"))),
        (a, b) if a == b => None,
        (a, b) => Some(format!("{path}: {a} became {b}")),
    }
}

fn settings_files() -> Vec<(String, Value)> {
    let dir = corpus().join("well-known");
    let mut files = json_files(&dir, "experience.");
    files.extend(json_files(&dir, "sign-in-exp."));
    assert_eq!(files.len(), 21, "20 configs plus sign-in-exp.json");
    files
}

#[test]
fn every_recorded_settings_payload_round_trips() {
    if !corpus_present() {
        return;
    }
    for (file, original) in settings_files() {
        let bytes = serde_json::to_vec(&original).unwrap();
        let settings = ExperienceSettings::from_response(200, &bytes)
            .unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let round_trip = serde_json::to_value(&settings).unwrap();
        if let Some(diff) = first_difference(&original, &round_trip, "") {
            panic!("{file}: {diff}");
        }
        assert_eq!(round_trip, original, "{file}");

        // Every enum value of the real settings is known.
        assert!(
            !matches!(settings.sign_in_mode, SignInMode::Unknown(_)),
            "{file}"
        );
        assert!(
            !matches!(
                settings.agree_to_terms_policy,
                AgreeToTermsPolicy::Unknown(_)
            ),
            "{file}"
        );
        assert!(
            !matches!(settings.mfa.policy, MfaPolicy::Unknown(_)),
            "{file}"
        );
        assert!(settings
            .mfa
            .factors
            .iter()
            .all(|f| !matches!(f, MfaFactor::Unknown(_))));
        for method in &settings.sign_in.methods {
            assert!(
                !matches!(method.identifier, SignInIdentifier::Unknown(_)),
                "{file}"
            );
        }
        for connector in &settings.social_connectors {
            assert!(!matches!(
                connector.platform,
                Some(ConnectorPlatform::Unknown(_))
            ));
            assert_eq!(connector.display_name("en"), connector.name["en"]);
        }
        if let Some(captcha) = &settings.captcha_config {
            assert!(!matches!(
                captcha.captcha_type,
                settings::CaptchaType::Unknown(_)
            ));
        }
    }
}

#[test]
fn settings_specifics() {
    if !corpus_present() {
        return;
    }
    let dir = corpus().join("well-known");
    let load =
        |name: &str| -> ExperienceSettings { from_value(&read_json(&dir.join(name))).unwrap() };
    let captcha = load("experience.captcha.json");
    assert!(captcha.captcha_enabled());
    assert_eq!(
        captcha.captcha_config.unwrap().captcha_type,
        settings::CaptchaType::Turnstile
    );
    assert_eq!(
        load("experience.register-only.json").sign_in_mode,
        SignInMode::Register
    );
    assert_eq!(
        load("experience.sign-in-only.json").sign_in_mode,
        SignInMode::SignIn
    );
    let mfa = load("experience.mfa-mandatory.json");
    assert_eq!(mfa.mfa.policy, MfaPolicy::Mandatory);
    let policy = load("experience.password-policy.json").password_policy;
    assert_eq!(policy.effective_min_length(), 10);
    assert_eq!(policy.effective_min_character_types(), 3);
    let expiration = load("experience.password-expiration.json").password_expiration;
    assert_eq!(expiration.enabled, Some(true));
    assert_eq!(expiration.valid_period_days, Some(90));
    let terms = load("experience.terms-privacy.json");
    assert_eq!(terms.agree_to_terms_policy, AgreeToTermsPolicy::Manual);
    assert!(terms.terms_of_use_url.is_some());
    let sso = load("experience.sso-identifier-first.json");
    assert!(sso.single_sign_on_enabled);
    assert_eq!(sso.sso_connectors.len(), 1);
    assert!(sso.sso_connectors[0].dark_logo.is_some());

    // Defaults for a sparse payload and unknown enum values survive.
    let sparse: ExperienceSettings = from_value(&json!({
        "signInMode": "SomethingNew",
        "mfa": {"factors": ["Totp", "Carrier pigeon"], "policy": "Mandatory"},
        "passwordPolicy": {}
    }))
    .unwrap();
    assert_eq!(
        sparse.sign_in_mode,
        SignInMode::Unknown("SomethingNew".into())
    );
    assert_eq!(
        sparse.mfa.factors[1],
        MfaFactor::Unknown("Carrier pigeon".into())
    );
    assert_eq!(sparse.password_policy.effective_min_length(), 8);
    assert_eq!(sparse.password_policy.effective_max_length(), 256);
    assert_eq!(
        serde_json::to_value(&sparse.sign_in_mode).unwrap(),
        json!("SomethingNew")
    );
}

#[test]
fn every_phrases_file_decodes() {
    if !corpus_present() {
        return;
    }
    let dir = corpus().join("well-known");
    let index = read_json(&dir.join("index.json"));
    let files = json_files(&dir, "phrases.");
    assert_eq!(files.len(), 7);
    for (file, original) in files {
        let requested = file
            .strip_prefix("phrases.")
            .and_then(|name| name.strip_suffix(".json"))
            .unwrap();
        let resolved = index["phrases"][requested]["content-language"]
            .as_str()
            .unwrap_or_else(|| panic!("index.json has no content-language for {requested}"));
        let bytes = serde_json::to_vec(&original).unwrap();
        let phrases = Phrases::from_response(200, Some(resolved), &bytes)
            .unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert_eq!(phrases.language.as_deref(), Some(resolved));
        assert_eq!(
            Value::Object(phrases.translation.clone()),
            original["translation"],
            "{file}"
        );
        for key in [
            "action.sign_in",
            "input.password",
            "description.password_requirements",
            "error.password_rejected.too_short",
        ] {
            let phrase = phrases.get(key).unwrap_or_else(|| panic!("{file}: {key}"));
            assert!(!phrase.is_empty(), "{file}: {key}");
        }
    }
}

#[test]
fn transport_failures_have_their_own_kinds() {
    let html = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n";
    for decoded in [
        decode_json::<VerificationIdResponse>(502, html).map(|_| ()),
        decode_empty(502, html),
        decode_optional_json::<RedirectResponse>(502, html).map(|_| ()),
        ExperienceSettings::from_response(502, html).map(|_| ()),
    ] {
        let error = decoded.unwrap_err();
        assert!(
            matches!(error, ApiError::NotJson { status: 502, .. }),
            "{error:?}"
        );
        assert_eq!(error.status(), Some(502));
        assert_eq!(error.code(), None);
    }
    // An HTML page with a success status (an SPA fallback answering /api).
    assert!(matches!(
        decode_json::<SsoConnectorsResponse>(200, b"<!DOCTYPE html><html></html>"),
        Err(ApiError::NotJson { status: 200, .. })
    ));
    // Empty and garbage bodies.
    assert!(matches!(
        ApiError::from_response(504, b""),
        ApiError::NotJson { status: 504, .. }
    ));
    assert!(matches!(
        decode_json::<VerificationIdResponse>(200, b""),
        Err(ApiError::NotJson { status: 200, .. })
    ));
    assert!(matches!(
        decode_json::<VerificationIdResponse>(200, &[0, 159, 146, 150]),
        Err(ApiError::NotJson { status: 200, .. })
    ));
    // JSON, but not what a success of this endpoint looks like.
    assert!(matches!(
        decode_json::<VerificationIdResponse>(200, br#"{"verificationId": 42}"#),
        Err(ApiError::Malformed { status: 200, .. })
    ));
    assert!(matches!(
        decode_json::<TotpSecretResponse>(200, br#"{"verificationId": "x"}"#),
        Err(ApiError::Malformed { status: 200, .. })
    ));
    // A truncated body.
    assert!(matches!(
        decode_json::<VerificationIdResponse>(200, br#"{"verificationId": "x"#),
        Err(ApiError::NotJson { status: 200, .. })
    ));
    // Logto's own 500 without a code (seen with the "pwned" check offline).
    let error = ApiError::from_response(500, br#"{"message":"Internal server error."}"#);
    assert!(matches!(&error, ApiError::Server(s) if s.code == ErrorCode::Unknown(String::new())));
    // The display text never panics and is never empty.
    for error in [
        ApiError::Timeout,
        ApiError::Network {
            message: "Failed to fetch".into(),
        },
        ApiError::from_response(502, html),
        ApiError::from_response(500, b"{}"),
    ] {
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn openapi_operations_all_have_a_client_endpoint() {
    if !corpus_present() {
        return;
    }
    let openapi = read_json(&corpus().join("openapi/experience.openapi.json"));
    let mut operations = 0;
    for (path, item) in openapi["paths"].as_object().unwrap() {
        for method in ["get", "post", "put"] {
            if item.get(method).is_none() {
                continue;
            }
            let path = path.replace("{connectorId}", "c1");
            // Avatar upload is multipart, outside this JSON client.
            if path.ends_with("/user-assets/avatar") {
                continue;
            }
            let (expect, _) = route(&method.to_uppercase(), &path);
            assert_ne!(expect, Expect::NotExperience, "{method} {path}");
            operations += 1;
        }
    }
    assert!(operations >= 36, "{operations}");
}
