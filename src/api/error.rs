//! One error type for every API call, and the pure functions that turn a
//! status and a body into a value or an error.
//!
//! Pages branch on [`ErrorCode`] (and typed [`ErrorData`]), never on the
//! localized `message`; transport failures get kinds of their own so that a
//! proxy's HTML 502 page or a dropped connection is not mistaken for a
//! Logto answer.

use std::{fmt, sync::Arc};

use serde_json::{Map, Value};

use super::json::{from_json, object, required, FromJson};
use super::settings::{MfaFactor, SignInIdentifier};

string_enum! {
    /// The `code` of a Logto error body.
    pub enum ErrorCode {
        ActionSignInIdentifierChanged = "action.sign_in_identifier_changed",
        AuthForbidden = "auth.forbidden",
        ConnectorAuthorizationFailed = "connector.authorization_failed",
        ConnectorInvalidResponse = "connector.invalid_response",
        ConnectorNotFound = "connector.not_found",
        ConnectorUsageLimitExceeded = "connector.usage_limit_exceeded",
        EntityNotExistsWithId = "entity.not_exists_with_id",
        EntityNotFound = "entity.not_found",
        GuardFileSizeExceeded = "guard.file_size_exceeded",
        GuardInvalidInput = "guard.invalid_input",
        GuardMimeTypeNotAllowed = "guard.mime_type_not_allowed",
        OidcAccessDenied = "oidc.access_denied",
        OneTimeTokenEmailMismatch = "one_time_token.email_mismatch",
        OneTimeTokenInteractionEventMismatch = "one_time_token.interaction_event_mismatch",
        OneTimeTokenTokenConsumed = "one_time_token.token_consumed",
        OneTimeTokenTokenExpired = "one_time_token.token_expired",
        OneTimeTokenTokenNotFound = "one_time_token.token_not_found",
        OneTimeTokenTokenRevoked = "one_time_token.token_revoked",
        PasswordExpired = "password.expired",
        PasswordRejected = "password.rejected",
        RequestMessageRateLimited = "request.message_rate_limited",
        SessionCaptchaFailed = "session.captcha_failed",
        SessionCaptchaRequired = "session.captcha_required",
        SessionConnectorValidationSessionNotFound = "session.connector_validation_session_not_found",
        SessionCsrfTokenMismatch = "session.csrf_token_mismatch",
        SessionEmailBlocklistDisposableEmailValidationFailed = "session.email_blocklist.disposable_email_validation_failed",
        SessionEmailBlocklistEmailNotAllowed = "session.email_blocklist.email_not_allowed",
        SessionEmailBlocklistEmailSubaddressingNotAllowed = "session.email_blocklist.email_subaddressing_not_allowed",
        SessionEmailBlocklistInvalidEmail = "session.email_blocklist.invalid_email",
        SessionIdentifierNotFound = "session.identifier_not_found",
        SessionIdentityConflict = "session.identity_conflict",
        SessionInteractionNotFound = "session.interaction_not_found",
        SessionInvalidConnectorId = "session.invalid_connector_id",
        SessionInvalidCredentials = "session.invalid_credentials",
        SessionInvalidInteractionType = "session.invalid_interaction_type",
        SessionMfaBackupCodeCanNotBeAlone = "session.mfa.backup_code_can_not_be_alone",
        SessionMfaBackupCodeRequired = "session.mfa.backup_code_required",
        SessionMfaInvalidBackupCode = "session.mfa.invalid_backup_code",
        SessionMfaInvalidTotpCode = "session.mfa.invalid_totp_code",
        SessionMfaMfaFactorNotEnabled = "session.mfa.mfa_factor_not_enabled",
        SessionMfaMfaPolicyNotUserControlled = "session.mfa.mfa_policy_not_user_controlled",
        SessionMfaPendingInfoNotFound = "session.mfa.pending_info_not_found",
        SessionMfaRequireMfaVerification = "session.mfa.require_mfa_verification",
        SessionMfaSuggestAdditionalMfa = "session.mfa.suggest_additional_mfa",
        SessionMfaWebauthnVerificationFailed = "session.mfa.webauthn_verification_failed",
        SessionMfaWebauthnVerificationNotFound = "session.mfa.webauthn_verification_not_found",
        SessionNotFound = "session.not_found",
        SessionNotSupportedForForgotPassword = "session.not_supported_for_forgot_password",
        SessionPasskeySignInConflictRpId = "session.passkey_sign_in.conflict_rp_id",
        SessionPasskeySignInPendingInfoNotFound = "session.passkey_sign_in.pending_info_not_found",
        SessionPasskeySignInSsoUsersNotAllowed = "session.passkey_sign_in.sso_users_not_allowed",
        SessionSsoEnabled = "session.sso_enabled",
        SessionVerificationBlockedTooManyAttempts = "session.verification_blocked_too_many_attempts",
        SessionVerificationFailed = "session.verification_failed",
        SessionVerificationSessionNotFound = "session.verification_session_not_found",
        StorageNotConfigured = "storage.not_configured",
        UserEmailAlreadyInUse = "user.email_already_in_use",
        UserEmailExistsInProfile = "user.email_exists_in_profile",
        UserIdentityAlreadyInUse = "user.identity_already_in_use",
        UserIdentityNotExist = "user.identity_not_exist",
        UserMissingMfa = "user.missing_mfa",
        UserMissingProfile = "user.missing_profile",
        UserNewPasswordRequiredInProfile = "user.new_password_required_in_profile",
        UserPasskeyPreferred = "user.passkey_preferred",
        UserPasswordExistsInProfile = "user.password_exists_in_profile",
        UserPhoneAlreadyInUse = "user.phone_already_in_use",
        UserPhoneExistsInProfile = "user.phone_exists_in_profile",
        UserSamePassword = "user.same_password",
        UserSignInMethodNotEnabled = "user.sign_in_method_not_enabled",
        UserSsoIdentityNotExist = "user.sso_identity_not_exist",
        UserSuggestMfa = "user.suggest_mfa",
        UserSuspended = "user.suspended",
        UserTotpAlreadyInUse = "user.totp_already_in_use",
        UserUserNotExist = "user.user_not_exist",
        UserUsernameAlreadyInUse = "user.username_already_in_use",
        UserUsernameExistsInProfile = "user.username_exists_in_profile",
        VerificationCodeCodeMismatch = "verification_code.code_mismatch",
        VerificationCodeEmailMismatch = "verification_code.email_mismatch",
        VerificationCodeExceedMaxTry = "verification_code.exceed_max_try",
        VerificationCodeExpired = "verification_code.expired",
        VerificationCodeNotFound = "verification_code.not_found",
        VerificationCodePhoneMismatch = "verification_code.phone_mismatch",
    }
}

string_enum! {
    /// What `user.missing_profile` asks for next.
    pub enum MissingProfile {
        Username = "username",
        Email = "email",
        Phone = "phone",
        Password = "password",
        EmailOrPhone = "emailOrPhone",
        ExtraProfile = "extraProfile",
    }
}

string_enum! {
    /// A failed password-policy rule; render with the phrase key
    /// `error.<code>` (e.g. `error.password_rejected.too_short`).
    pub enum PasswordIssueCode {
        TooShort = "password_rejected.too_short",
        TooLong = "password_rejected.too_long",
        CharacterTypes = "password_rejected.character_types",
        UnsupportedCharacters = "password_rejected.unsupported_characters",
        Pwned = "password_rejected.pwned",
        RestrictedRepetition = "password_rejected.restricted.repetition",
        RestrictedSequence = "password_rejected.restricted.sequence",
        RestrictedUserInfo = "password_rejected.restricted.user_info",
        RestrictedWords = "password_rejected.restricted.words",
    }
}

/// Everything that can go wrong with an API call.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with an error status and a JSON error body
    /// (shared: it is much larger than the other variants, and errors are
    /// cloned into the pages' signals).
    Server(Arc<ServerError>),
    /// The request never got an answer (offline, DNS, connection reset,
    /// blocked by the browser).
    Network { message: String },
    /// No answer within the client's time limit.
    Timeout,
    /// The body is not JSON at all, e.g. an HTML error page from a proxy or
    /// an empty body where JSON was expected.
    NotJson { status: u16, excerpt: String },
    /// The body is JSON but not of the expected shape.
    Malformed { status: u16, message: String },
    /// The request body could not be encoded; nothing was sent.
    InvalidRequest { message: String },
    /// `429` without a Logto error code: a rate limit in front of Logto (a
    /// gateway, a proxy). `retry_after` is its `Retry-After`, in seconds.
    /// (Logto's own per-recipient limit keeps its code, in [`Self::Server`].)
    TooManyRequests { retry_after: Option<u32> },
}

/// A Logto error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerError {
    pub status: u16,
    /// `Unknown("")` when the body has no `code` (e.g. a bare
    /// `{"message": "Internal server error."}`).
    pub code: ErrorCode,
    /// Already localized by `Accept-Language`; show it, never parse it.
    pub message: String,
    pub data: Option<ErrorData>,
    /// Validation details (for `guard.invalid_input`).
    pub details: Option<String>,
    /// OAuth `error` of errors raised by the OIDC layer.
    pub oidc_error: Option<String>,
    /// OAuth `error_description` of errors raised by the OIDC layer.
    pub oidc_error_description: Option<String>,
}

/// The `data` of an error, typed for the codes that drive navigation.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorData {
    /// `user.missing_profile`: route on the first item.
    MissingProfile(Vec<MissingProfile>),
    /// `session.mfa.require_mfa_verification`, `user.missing_mfa`,
    /// `session.mfa.suggest_additional_mfa`.
    Mfa(MfaData),
    /// `user.identity_not_exist`: an existing user with the social
    /// identity's verified email/phone, if any.
    IdentityNotExist { related_user: Option<RelatedUser> },
    /// `user.user_not_exist`.
    UserNotExist { identifier: String },
    /// `password.rejected`: the failed rules, in server order.
    PasswordRejected(Vec<PasswordIssue>),
    /// `session.sso_enabled`: the SSO connectors of the email's domain.
    SsoEnabled { sso_connectors: Vec<Value> },
    /// `guard.invalid_input`: which request fields were rejected.
    InvalidInput { issues: Vec<GuardIssue> },
    /// `connector.*` and `session.mfa.webauthn_verification_failed`.
    Failure(FailureData),
    /// Data of any other code, or data that did not have the expected shape.
    Other(Value),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MfaData {
    /// Sorted by the server: start with the first.
    pub available_factors: Vec<MfaFactor>,
    pub masked_identifiers: MaskedIdentifiers,
    /// Present and `true` when the user may skip binding.
    pub skippable: Option<bool>,
    pub suggestion: Option<bool>,
    pub is_web_authn_used_as_sign_in_passkey: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MaskedIdentifiers {
    /// `EmailVerificationCode`.
    pub email: Option<String>,
    /// `PhoneVerificationCode`.
    pub phone: Option<String>,
}

/// Kept in the session across the social round trip, hence serde.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct RelatedUser {
    #[serde(rename = "type")]
    pub identifier_type: SignInIdentifier,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PasswordIssue {
    pub code: PasswordIssueCode,
    /// Values for the phrase, e.g. `{"min": 8}`.
    pub interpolation: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuardIssue {
    pub code: String,
    /// Key path of the rejected field, e.g. `["identifier", "type"]`.
    pub path: Vec<Value>,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FailureData {
    pub message: Option<String>,
    pub sso_error_code: Option<String>,
    pub error: Option<String>,
}

from_json!(MfaData {
    available_factors: "availableFactors" field,
    masked_identifiers: "maskedIdentifiers" field,
    skippable: "skippable" field,
    suggestion: "suggestion" field,
    is_web_authn_used_as_sign_in_passkey: "isWebAuthnUsedAsSignInPasskey" field,
});

from_json!(MaskedIdentifiers {
    email: "EmailVerificationCode" field,
    phone: "PhoneVerificationCode" field,
});

from_json!(RelatedUser {
    identifier_type: "type" required,
    value: "value" required,
});

from_json!(PasswordIssue {
    code: "code" required,
    interpolation: "interpolation" field,
});

from_json!(GuardIssue {
    code: "code" field,
    path: "path" field,
    message: "message" field,
});

from_json!(FailureData {
    message: "message" field,
    sso_error_code: "ssoErrorCode" field,
    error: "error" field,
});

impl ApiError {
    /// Decodes an error response (any status the caller did not accept).
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        match parse(status, body) {
            Ok(Value::Object(object)) => {
                Self::Server(Arc::new(ServerError::from_object(status, object)))
            }
            Ok(_) => Self::Malformed {
                status,
                message: "error body is not a JSON object".to_owned(),
            },
            Err(error) => error,
        }
    }

    /// The Logto error code, for server errors.
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Self::Server(error) => Some(&error.code),
            _ => None,
        }
    }

    /// Whether this is a server error with that code.
    pub fn is(&self, code: &ErrorCode) -> bool {
        self.code() == Some(code)
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Server(error) => Some(error.status),
            Self::NotJson { status, .. } | Self::Malformed { status, .. } => Some(*status),
            Self::TooManyRequests { .. } => Some(429),
            Self::Network { .. } | Self::Timeout | Self::InvalidRequest { .. } => None,
        }
    }

    /// Whether Logto never gave an answer of its own (offline, a timeout,
    /// a proxy's page, a cut or garbled body, a gateway's rate limit, or
    /// Logto's bare "Internal server error."): the same request may simply
    /// be tried again.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Server(error) => error.code.as_str().is_empty() && error.status >= 500,
            Self::InvalidRequest { .. } => false,
            _ => true,
        }
    }

    /// The typed `data` of a server error.
    pub fn data(&self) -> Option<&ErrorData> {
        match self {
            Self::Server(error) => error.data.as_ref(),
            _ => None,
        }
    }
}

impl ServerError {
    /// One pass over the body's keys, taking their values (removing keys
    /// one by one would rebalance the map each time: more code).
    fn from_object(status: u16, object: Map<String, Value>) -> Self {
        fn text(value: Value) -> Option<String> {
            match value {
                Value::String(text) => Some(text),
                Value::Null => None,
                // As JSON text; `to_string` would be a second serializer
                // (through `Display`) besides the requests' one.
                other => serde_json::to_string(&other).ok(),
            }
        }
        let mut error = Self {
            status,
            code: ErrorCode::Unknown(String::new()),
            message: String::new(),
            data: None,
            details: None,
            oidc_error: None,
            oidc_error_description: None,
        };
        let mut data = None;
        for (key, value) in object {
            match key.as_str() {
                "code" => error.code = ErrorCode::parse(&text(value).unwrap_or_default()),
                "message" => error.message = text(value).unwrap_or_default(),
                "details" => error.details = text(value),
                "error" => error.oidc_error = text(value),
                "error_description" => error.oidc_error_description = text(value),
                "data" => data = Some(value),
                _ => {}
            }
        }
        error.data = data.map(|data| ErrorData::decode(&error.code, data));
        error
    }
}

impl ErrorData {
    /// Types `data` by the error code; keeps it as JSON when the shape is
    /// not the expected one, so decoding never fails.
    pub fn decode(code: &ErrorCode, data: Value) -> Self {
        fn typed<T: FromJson>(data: &Value) -> Option<T> {
            T::from_json(data).ok()
        }
        /// The one required key of an object.
        fn key<T: FromJson>(data: &Value, key: &'static str) -> Option<T> {
            required(object(data).ok()?, key).ok()
        }

        let decoded = match code {
            ErrorCode::UserMissingProfile => key(&data, "missingProfile").map(Self::MissingProfile),
            ErrorCode::SessionMfaRequireMfaVerification
            | ErrorCode::UserMissingMfa
            | ErrorCode::SessionMfaSuggestAdditionalMfa => typed(&data).map(Self::Mfa),
            ErrorCode::UserIdentityNotExist => key(&data, "relatedUser")
                .map(|related_user| Self::IdentityNotExist { related_user }),
            ErrorCode::UserUserNotExist => {
                key(&data, "identifier").map(|identifier| Self::UserNotExist { identifier })
            }
            ErrorCode::PasswordRejected => typed(&data).map(Self::PasswordRejected),
            ErrorCode::SessionSsoEnabled => key(&data, "ssoConnectors")
                .map(|sso_connectors| Self::SsoEnabled { sso_connectors }),
            ErrorCode::GuardInvalidInput => {
                key(&data, "issues").map(|issues| Self::InvalidInput { issues })
            }
            ErrorCode::SessionMfaWebauthnVerificationFailed => typed(&data).map(Self::Failure),
            code if code.as_str().starts_with("connector.") => typed(&data).map(Self::Failure),
            _ => None,
        };
        decoded.unwrap_or(Self::Other(data))
    }
}

impl PasswordIssue {
    /// The `min` interpolation value (for `too_short`, `character_types`).
    pub fn min(&self) -> Option<u64> {
        self.number("min")
    }

    /// The `max` interpolation value (for `too_long`).
    pub fn max(&self) -> Option<u64> {
        self.number("max")
    }

    fn number(&self, key: &str) -> Option<u64> {
        self.interpolation.as_ref()?.get(key)?.as_u64()
    }
}

impl fmt::Display for ApiError {
    /// An English fallback text; pages should map codes to phrases.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Server(error) if !error.message.is_empty() => f.write_str(&error.message),
            Self::Server(error) => write!(f, "HTTP {} {}", error.status, error.code),
            Self::Network { message } => write!(f, "network error: {message}"),
            Self::Timeout => f.write_str("the server did not answer in time"),
            Self::NotJson { status, .. } => {
                write!(f, "HTTP {status}: unexpected non-JSON response")
            }
            Self::Malformed { status, message } => {
                write!(f, "HTTP {status}: unexpected response: {message}")
            }
            Self::InvalidRequest { message } => write!(f, "invalid request: {message}"),
            Self::TooManyRequests { .. } => f.write_str("HTTP 429: too many requests"),
        }
    }
}

impl std::error::Error for ApiError {}

/// Whether the status means success.
pub fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Decodes a JSON success body into `T`; any other status becomes an error.
pub fn decode_json<T: FromJson>(status: u16, body: &[u8]) -> Result<T, ApiError> {
    let value = decode_value(status, body)?;
    T::from_json(&value).map_err(|mismatch| malformed(status, mismatch))
}

/// A JSON success body, untyped; any other status becomes an error.
pub fn decode_value(status: u16, body: &[u8]) -> Result<Value, ApiError> {
    if !is_success(status) {
        return Err(ApiError::from_response(status, body));
    }
    parse(status, body)
}

/// A body that is JSON but not of the expected shape.
pub fn malformed(status: u16, mismatch: impl fmt::Display) -> ApiError {
    ApiError::Malformed {
        status,
        message: mismatch.to_string(),
    }
}

/// Accepts any success, ignoring the body (`204`, or `201` with the plain
/// text `Created` that identification answers when it creates a user).
pub fn decode_empty(status: u16, body: &[u8]) -> Result<(), ApiError> {
    if is_success(status) {
        Ok(())
    } else {
        Err(ApiError::from_response(status, body))
    }
}

/// Like [`decode_json`], but an empty success body is `None` (`submit` of a
/// `ForgotPassword` interaction answers `204` without `redirectTo`).
pub fn decode_optional_json<T: FromJson>(status: u16, body: &[u8]) -> Result<Option<T>, ApiError> {
    if is_success(status) && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    decode_json(status, body).map(Some)
}

/// The one JSON parse of a body ([`super::json::parse`]).
fn parse(status: u16, body: &[u8]) -> Result<Value, ApiError> {
    super::json::parse(body).ok_or_else(|| ApiError::NotJson {
        status,
        excerpt: excerpt(body),
    })
}

/// The start of a body, for logs; never splits a UTF-8 character.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(200) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_error_page_is_not_json() {
        let body = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        let error = ApiError::from_response(502, body);
        assert!(
            matches!(error, ApiError::NotJson { status: 502, ref excerpt } if excerpt.starts_with("<html>"))
        );
        assert_eq!(error.status(), Some(502));
        assert_eq!(error.code(), None);
    }

    #[test]
    fn only_answers_logto_did_not_give_are_transient() {
        let transient = [
            ApiError::Timeout,
            ApiError::Network {
                message: "offline".into(),
            },
            ApiError::from_response(502, b"<html>"),
            ApiError::from_response(500, br#"{"message":"Internal server error."}"#),
            ApiError::TooManyRequests { retry_after: None },
        ];
        assert!(transient.iter().all(ApiError::is_transient));
        let answered = [
            ApiError::from_response(500, br#"{"code":"connector.general","message":"x"}"#),
            ApiError::from_response(422, br#"{"code":"session.invalid_credentials"}"#),
            ApiError::InvalidRequest {
                message: "x".into(),
            },
        ];
        assert!(!answered.iter().any(ApiError::is_transient));
    }

    #[test]
    fn empty_error_body_is_not_json() {
        assert!(matches!(
            ApiError::from_response(503, b""),
            ApiError::NotJson { status: 503, ref excerpt } if excerpt.is_empty()
        ));
    }

    #[test]
    fn garbage_is_not_json_and_long_bodies_are_cut() {
        let body = vec![0xff_u8; 1000];
        let ApiError::NotJson { status, excerpt } = ApiError::from_response(500, &body) else {
            panic!("expected NotJson");
        };
        assert_eq!(status, 500);
        assert!(excerpt.chars().count() <= 201);
    }

    #[test]
    fn error_body_without_code_is_a_server_error() {
        let error = ApiError::from_response(500, br#"{"message":"Internal server error."}"#);
        let ApiError::Server(server) = &error else {
            panic!("expected Server");
        };
        assert_eq!(server.code, ErrorCode::Unknown(String::new()));
        assert_eq!(error.to_string(), "Internal server error.");
    }

    #[test]
    fn json_error_body_that_is_not_an_object_is_malformed() {
        assert!(matches!(
            ApiError::from_response(500, b"[1,2]"),
            ApiError::Malformed { status: 500, .. }
        ));
    }

    #[test]
    fn unknown_codes_and_data_are_kept() {
        let error = ApiError::from_response(
            418,
            br#"{"code":"teapot.brewing","message":"no","data":{"x":1}}"#,
        );
        assert_eq!(
            error.code(),
            Some(&ErrorCode::Unknown("teapot.brewing".into()))
        );
        assert_eq!(
            error.data(),
            Some(&ErrorData::Other(serde_json::json!({"x": 1})))
        );
    }

    #[test]
    fn missing_profile_data_is_typed() {
        let error = ApiError::from_response(
            422,
            br#"{"code":"user.missing_profile","message":"m","data":{"missingProfile":["password","extraProfile"]}}"#,
        );
        assert_eq!(
            error.data(),
            Some(&ErrorData::MissingProfile(vec![
                MissingProfile::Password,
                MissingProfile::ExtraProfile
            ]))
        );
    }

    #[test]
    fn success_bodies() {
        #[derive(Debug, PartialEq)]
        struct Body {
            a: u32,
        }
        from_json!(Body { a: "a" required });
        assert_eq!(decode_json::<Body>(200, br#"{"a":1}"#), Ok(Body { a: 1 }));
        assert!(matches!(
            decode_json::<Body>(200, br#"{"b":1}"#),
            Err(ApiError::Malformed { status: 200, .. })
        ));
        assert!(matches!(
            decode_json::<Body>(200, b"<!doctype html><html></html>"),
            Err(ApiError::NotJson { status: 200, .. })
        ));
        assert!(matches!(
            decode_json::<Body>(200, b""),
            Err(ApiError::NotJson { status: 200, .. })
        ));
        assert_eq!(decode_optional_json::<Body>(204, b""), Ok(None));
        assert_eq!(
            decode_optional_json::<Body>(200, br#"{"a":2}"#),
            Ok(Some(Body { a: 2 }))
        );
        assert_eq!(decode_empty(201, b"Created"), Ok(()));
        assert!(matches!(
            decode_empty(502, b"Bad Gateway"),
            Err(ApiError::NotJson { status: 502, .. })
        ));
    }
}
