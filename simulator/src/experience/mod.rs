//! The Experience API (`/api/experience/...`): routing, the interaction
//! lookup every route starts with, and request-body guards.
//!
//! All state lives behind one mutex; a request holds it for its whole
//! (synchronous) handling, so each call sees and leaves a consistent state.

mod avatar;
mod interaction;
mod mfa;
mod mfa_policy;
mod profile;
mod rules;
mod trusted_device;
mod verification;
mod webauthn;

use std::sync::Arc;

use axum::{
    body::{to_bytes, Body},
    extract::State,
    http::{header, HeaderMap, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value};

use crate::{
    errors::{type_name, ApiError, ApiResult},
    i18n,
    state::{Experience, Identifier, Inner, Interaction, INTERACTION_TTL},
    util, AppState,
};

/// Larger bodies are refused with `guard.invalid_input`.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What a route answers on success.
pub enum Reply {
    NoContent,
    Created,
    Json(Value),
    /// JSON, and a `Set-Cookie` (core clears a cookie with the answer).
    JsonSettingCookie(Value, String),
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self {
            Reply::NoContent => StatusCode::NO_CONTENT.into_response(),
            Reply::Created => (
                StatusCode::CREATED,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Created",
            )
                .into_response(),
            Reply::Json(body) => (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                body.to_string(),
            )
                .into_response(),
            Reply::JsonSettingCookie(body, cookie) => (
                StatusCode::OK,
                [
                    (
                        header::CONTENT_TYPE,
                        "application/json; charset=utf-8".to_string(),
                    ),
                    (header::SET_COOKIE, cookie),
                ],
                body.to_string(),
            )
                .into_response(),
        }
    }
}

/// One request's view of the simulator.
pub struct Ctx<'a> {
    pub app: &'a AppState,
    pub inner: &'a mut Inner,
    pub interaction: &'a mut Interaction,
    pub body: &'a Value,
    pub query: Vec<(String, String)>,
    pub headers: &'a HeaderMap,
}

/// The experience state of an interaction (present once `PUT /api/experience` ran).
pub fn experience(interaction: &mut Interaction) -> ApiResult<&mut Experience> {
    interaction
        .experience
        .as_mut()
        .ok_or_else(|| ApiError::new("session.interaction_not_found"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Start,
    SwitchEvent,
    Identification,
    Submit,
    GetInteraction,
    SsoConnectors,
    PasskeyPreflight,
    Password,
    CodeSend,
    CodeVerify,
    MfaCodeSend,
    MfaCodeVerify,
    SocialAuthUri(String),
    SocialVerify(String),
    SsoAuthUri(String),
    SsoVerify(String),
    TotpSecret,
    TotpVerify,
    WebAuthnRegistration,
    WebAuthnRegistrationVerify,
    WebAuthnAuthentication,
    WebAuthnAuthenticationVerify,
    PasskeyAuthentication,
    PasskeyVerify,
    BackupGenerate,
    BackupVerify,
    OneTimeTokenVerify,
    NewPasswordIdentity,
    Profile,
    ProfilePassword,
    ProfileMfa,
    MfaEnabled,
    MfaSkipped,
    MfaSuggestionSkipped,
    PasskeyBind,
    PasskeySkipped,
    TrustedDevice,
    Avatar,
}

impl Route {
    fn find(method: &Method, path: &str) -> Option<Self> {
        let segments: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
        let get = method == Method::GET;
        let post = method == Method::POST;
        let put = method == Method::PUT;
        Some(match segments.as_slice() {
            [] if put => Self::Start,
            ["interaction-event"] if put => Self::SwitchEvent,
            ["identification"] if post => Self::Identification,
            ["submit"] if post => Self::Submit,
            ["interaction"] if get => Self::GetInteraction,
            ["sso-connectors"] if get => Self::SsoConnectors,
            ["preflight", "sign-in-passkey", "authentication"] if post => Self::PasskeyPreflight,
            ["verification", rest @ ..] if post => match rest {
                ["password"] => Self::Password,
                ["verification-code"] => Self::CodeSend,
                ["verification-code", "verify"] => Self::CodeVerify,
                ["mfa-verification-code"] => Self::MfaCodeSend,
                ["mfa-verification-code", "verify"] => Self::MfaCodeVerify,
                ["social", id, "authorization-uri"] => Self::SocialAuthUri(id.to_string()),
                ["social", id, "verify"] => Self::SocialVerify(id.to_string()),
                ["sso", id, "authorization-uri"] => Self::SsoAuthUri(id.to_string()),
                ["sso", id, "verify"] => Self::SsoVerify(id.to_string()),
                ["totp", "secret"] => Self::TotpSecret,
                ["totp", "verify"] => Self::TotpVerify,
                ["web-authn", "registration"] => Self::WebAuthnRegistration,
                ["web-authn", "registration", "verify"] => Self::WebAuthnRegistrationVerify,
                ["web-authn", "authentication"] => Self::WebAuthnAuthentication,
                ["web-authn", "authentication", "verify"] => Self::WebAuthnAuthenticationVerify,
                ["sign-in-passkey", "authentication"] => Self::PasskeyAuthentication,
                ["sign-in-passkey", "authentication", "verify"] => Self::PasskeyVerify,
                ["backup-code", "generate"] => Self::BackupGenerate,
                ["backup-code", "verify"] => Self::BackupVerify,
                ["one-time-token", "verify"] => Self::OneTimeTokenVerify,
                ["new-password-identity"] => Self::NewPasswordIdentity,
                _ => return None,
            },
            ["profile"] if post => Self::Profile,
            ["profile", "password"] if put => Self::ProfilePassword,
            ["profile", "mfa"] if post => Self::ProfileMfa,
            ["profile", "mfa", "mfa-enabled"] if post => Self::MfaEnabled,
            ["profile", "mfa", "mfa-skipped"] if post => Self::MfaSkipped,
            ["profile", "mfa", "mfa-suggestion-skipped"] if post => Self::MfaSuggestionSkipped,
            ["profile", "mfa", "passkey"] if post => Self::PasskeyBind,
            ["profile", "mfa", "passkey-skipped"] if post => Self::PasskeySkipped,
            ["profile", "mfa", "trusted-device"] if post => Self::TrustedDevice,
            ["user-assets", "avatar"] if post => Self::Avatar,
            _ => return None,
        })
    }

    /// Routes that work before `PUT /api/experience` (Logto's white list).
    fn needs_experience(&self) -> bool {
        !matches!(
            self,
            Self::Start | Self::SsoConnectors | Self::PasskeyPreflight
        )
    }
}

/// Entry point for every `/api/experience` request.
pub async fn handle(
    State(app): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let path = uri
        .path()
        .strip_prefix("/api/experience")
        .unwrap_or_default();
    let Some(route) = Route::find(&method, path) else {
        return ApiError::new("entity.not_found").into_response();
    };
    // A picture is larger than any JSON body.
    let limit = if route == Route::Avatar {
        avatar::MAX_FILE_BYTES + MAX_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let bytes = to_bytes(body, limit).await;
    let query = util::parse_query(uri.query());
    let language = i18n::negotiate(
        util::query_value(&query, "locale"),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok()),
    );
    let fail = |mut error: ApiError| {
        error.localize(language);
        error.into_response()
    };

    let mut guard = app.lock();
    let inner = &mut *guard;
    let Some(uid) = current_interaction(inner, &headers) else {
        return fail(ApiError::session_not_found());
    };
    let Some(mut interaction) = inner.interactions.remove(&uid) else {
        return fail(ApiError::session_not_found());
    };
    if interaction.created.elapsed() >= INTERACTION_TTL {
        // Expired: the interaction stays removed.
        return fail(ApiError::session_not_found());
    }
    let result = if route.needs_experience() && interaction.experience.is_none() {
        Err(ApiError::new("session.interaction_not_found"))
    } else if route == Route::Avatar {
        let mut ctx = Ctx {
            app: &app,
            inner,
            interaction: &mut interaction,
            body: &Value::Null,
            query,
            headers: &headers,
        };
        avatar::upload(&mut ctx, bytes.as_deref().ok())
    } else {
        match parse_body(bytes.ok().as_deref()) {
            Err(error) => Err(error),
            Ok(body) => {
                let mut ctx = Ctx {
                    app: &app,
                    inner,
                    interaction: &mut interaction,
                    body: &body,
                    query,
                    headers: &headers,
                };
                dispatch(&mut ctx, route)
            }
        }
    };
    guard.interactions.insert(uid, interaction);
    match result {
        Ok(reply) => reply.into_response(),
        Err(error) => fail(error),
    }
}

fn dispatch(ctx: &mut Ctx, route: Route) -> ApiResult<Reply> {
    match route {
        Route::Start => interaction::start(ctx),
        Route::SwitchEvent => interaction::switch_event(ctx),
        Route::Identification => interaction::identification(ctx),
        Route::Submit => interaction::submit(ctx),
        Route::GetInteraction => interaction::get(ctx),
        Route::SsoConnectors => verification::sso_connectors(ctx),
        Route::Password => verification::password(ctx),
        Route::CodeSend => verification::code_send(ctx),
        Route::CodeVerify => verification::code_verify(ctx),
        Route::SocialAuthUri(id) => verification::social_authorization_uri(ctx, &id),
        Route::SocialVerify(id) => verification::social_verify(ctx, &id),
        Route::SsoAuthUri(id) => verification::sso_authorization_uri(ctx, &id),
        Route::SsoVerify(id) => verification::sso_verify(ctx, &id),
        Route::OneTimeTokenVerify => verification::one_time_token(ctx),
        Route::NewPasswordIdentity => verification::new_password_identity(ctx),
        Route::TotpSecret => mfa::totp_secret(ctx),
        Route::TotpVerify => mfa::totp_verify(ctx),
        Route::BackupGenerate => mfa::backup_generate(ctx),
        Route::BackupVerify => mfa::backup_verify(ctx),
        Route::WebAuthnRegistration => webauthn::registration(ctx),
        Route::WebAuthnRegistrationVerify => webauthn::registration_verify(ctx),
        Route::WebAuthnAuthentication => webauthn::authentication(ctx),
        Route::WebAuthnAuthenticationVerify => webauthn::authentication_verify(ctx),
        Route::PasskeyPreflight => webauthn::passkey_preflight(ctx),
        Route::PasskeyAuthentication => webauthn::passkey_authentication(ctx),
        Route::PasskeyVerify => webauthn::passkey_verify(ctx),
        Route::PasskeyBind => webauthn::bind_passkey(ctx),
        Route::MfaCodeSend => mfa::mfa_code_send(ctx),
        Route::MfaCodeVerify => mfa::mfa_code_verify(ctx),
        Route::ProfileMfa => mfa::bind(ctx),
        Route::MfaEnabled => mfa::flag(ctx, mfa::Flag::Enabled),
        Route::MfaSkipped => mfa::flag(ctx, mfa::Flag::Skipped),
        Route::MfaSuggestionSkipped => mfa::flag(ctx, mfa::Flag::SuggestionSkipped),
        Route::PasskeySkipped => mfa::flag(ctx, mfa::Flag::PasskeySkipped),
        Route::TrustedDevice => trusted_device::request_creation(ctx),
        Route::Profile => profile::add(ctx),
        Route::ProfilePassword => profile::reset_password(ctx),
        // Its multipart body is handled before the JSON routes.
        Route::Avatar => Err(ApiError::bad_body()),
    }
}

/// The interaction the cookie (and `Logto-App-Id`, when it names one) selects.
pub(crate) fn current_interaction(inner: &Inner, headers: &HeaderMap) -> Option<String> {
    let key = cookie(headers, "_interaction")?;
    let browser = inner.browsers.get(&key)?;
    let app_id = headers
        .get("logto-app-id")
        .and_then(|value| value.to_str().ok());
    app_id
        .and_then(|app_id| browser.by_app.get(app_id))
        .or(browser.last.as_ref())
        .cloned()
}

/// A cookie's value from the `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// An empty body counts as `{}` (as with Koa's body parser); anything that
/// is not JSON, or is too large, is a guard error.
fn parse_body(bytes: Option<&[u8]>) -> ApiResult<Value> {
    let bytes = bytes.ok_or_else(ApiError::bad_body)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(bytes).map_err(|_| ApiError::bad_body())
}

// ---- body guards (zod-like issues) ----

/// The body as an object.
pub fn object<'v>(value: &'v Value, path: &[&str]) -> ApiResult<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| ApiError::invalid_type(path, "object", type_name(value)))
}

fn type_error(map: &Map<String, Value>, path: &[&str], expected: &str) -> ApiError {
    let key = path.last().copied().unwrap_or_default();
    let received = map.get(key).map(type_name).unwrap_or("undefined");
    ApiError::invalid_type(path, expected, received)
}

pub fn req_str(map: &Map<String, Value>, path: &[&str]) -> ApiResult<String> {
    let key = path.last().copied().unwrap_or_default();
    match map.get(key) {
        Some(Value::String(text)) => Ok(text.clone()),
        _ => Err(type_error(map, path, "string")),
    }
}

pub fn opt_str(map: &Map<String, Value>, path: &[&str]) -> ApiResult<Option<String>> {
    let key = path.last().copied().unwrap_or_default();
    match map.get(key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(type_error(map, path, "string")),
    }
}

pub fn opt_bool(map: &Map<String, Value>, path: &[&str]) -> ApiResult<Option<bool>> {
    let key = path.last().copied().unwrap_or_default();
    match map.get(key) {
        None => Ok(None),
        Some(Value::Bool(flag)) => Ok(Some(*flag)),
        Some(_) => Err(type_error(map, path, "boolean")),
    }
}

pub fn req_enum(map: &Map<String, Value>, path: &[&str], options: &[&str]) -> ApiResult<String> {
    let key = path.last().copied().unwrap_or_default();
    match map.get(key) {
        Some(Value::String(text)) if options.contains(&text.as_str()) => Ok(text.clone()),
        Some(Value::String(text)) => Err(ApiError::invalid_enum(path, options, text)),
        _ => {
            let expected = options
                .iter()
                .map(|option| format!("'{option}'"))
                .collect::<Vec<_>>()
                .join(" | ");
            Err(type_error(map, path, &expected))
        }
    }
}

pub fn req_object<'v>(
    map: &'v Map<String, Value>,
    path: &[&str],
) -> ApiResult<&'v Map<String, Value>> {
    let key = path.last().copied().unwrap_or_default();
    match map.get(key) {
        Some(Value::Object(inner)) => Ok(inner),
        _ => Err(type_error(map, path, "object")),
    }
}

/// `{identifier: {type, value}}` with `type` one of `kinds`.
pub fn req_identifier(map: &Map<String, Value>, kinds: &[&str]) -> ApiResult<Identifier> {
    let identifier = req_object(map, &["identifier"])?;
    let kind = req_enum(identifier, &["identifier", "type"], kinds)?;
    let value = req_str(identifier, &["identifier", "value"])?;
    Ok(Identifier { kind, value })
}

/// Logto's e-mail rule: `^\S+@\S+\.\S+$`, at most 256 characters.
pub fn is_email(text: &str) -> bool {
    if text.len() > 256 || text.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    // `\S+@\S+` is greedy: any later '@' belongs to the domain part.
    !local.is_empty()
        && domain
            .rsplit_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty())
}

/// Logto's phone rule: digits only.
pub fn is_phone(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|ch| ch.is_ascii_digit())
}

/// Logto's username rule: `^[A-Z_a-z]\w*$`.
pub fn is_username(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_email("a@b.c"));
        assert!(is_email("someone+tag@contract.test"));
        assert!(!is_email("not-an-email"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.d"));
        assert!(is_phone("8613849804194"));
        assert!(!is_phone("+1"));
        assert!(is_username("reg4_192308434b"));
        assert!(!is_username("1startswithdigit"));
        assert!(!is_username("has space"));
    }

    #[test]
    fn routes() {
        assert_eq!(Route::find(&Method::PUT, ""), Some(Route::Start));
        assert_eq!(Route::find(&Method::PUT, "/"), Some(Route::Start));
        assert_eq!(
            Route::find(&Method::POST, "/verification/social/abc/verify"),
            Some(Route::SocialVerify("abc".into()))
        );
        assert_eq!(Route::find(&Method::GET, "/submit"), None);
    }
}
