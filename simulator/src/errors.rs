//! Logto's error body: `{code, message, data?, details?}` with the HTTP status
//! Logto uses for that code. Clients branch on `code`, so codes and statuses
//! follow the recorded traffic exactly; messages are Logto's own texts in
//! the caller's language (see `i18n`).

use std::ops::{Deref, DerefMut};

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::{json, Map, Value};

use crate::i18n;

/// An Experience API error, rendered as Logto renders it (boxed: handlers
/// return it on every path, so `Result`s stay small).
#[derive(Debug, Clone)]
pub struct ApiError(Box<ErrorBody>);

#[derive(Debug, Clone)]
pub struct ErrorBody {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Values for the message template's `{{placeholders}}`.
    pub params: Vec<(&'static str, String)>,
    /// Set by `with_message`: a text of the simulator's own, not localized.
    pub custom_message: bool,
    pub data: Option<Value>,
    pub details: Option<String>,
    /// OIDC-layer errors also carry `error` and `error_description`.
    pub oauth: Option<(&'static str, &'static str)>,
    /// Not a `RequestError`: rendered as core's error handler renders any
    /// other exception, a bare `{message}` (see [`ApiError::internal`]).
    pub internal: bool,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl Deref for ApiError {
    type Target = ErrorBody;

    fn deref(&self) -> &ErrorBody {
        &self.0
    }
}

impl DerefMut for ApiError {
    fn deref_mut(&mut self) -> &mut ErrorBody {
        &mut self.0
    }
}

impl ApiError {
    /// The error for `code`, with Logto's status and English message.
    pub fn new(code: &'static str) -> Self {
        Self(Box::new(ErrorBody {
            status: status_of(code),
            code,
            message: render(i18n::FALLBACK, code, &[]),
            params: Vec::new(),
            custom_message: false,
            data: None,
            details: None,
            oauth: None,
            internal: false,
        }))
    }

    /// What Logto answers when something other than a `RequestError` is
    /// thrown (a zod `parse` outside `koaGuard`, say): core's
    /// `middleware/koa-error-handler.ts` sets status 500 and the body
    /// `{"message": "Internal server error."}`, no code, in every language.
    pub fn internal() -> Self {
        let mut error = Self::new("request.internal_server_error")
            .with_status(StatusCode::INTERNAL_SERVER_ERROR)
            .with_message("Internal server error.");
        error.internal = true;
        error
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// A text of the simulator's own (no Logto phrase exists for it).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self.custom_message = true;
        self
    }

    /// Fills a `{{name}}` placeholder of the message.
    pub fn with_param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.retain(|(known, _)| *known != name);
        self.params.push((name, value.into()));
        self.localize(i18n::FALLBACK);
        self
    }

    /// Renders the message in `language`.
    pub fn localize(&mut self, language: &str) {
        if !self.custom_message {
            self.message = render(language, self.code, &self.params);
        }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// `400 session.not_found`, as the OIDC provider answers without a cookie.
    pub fn session_not_found() -> Self {
        let mut error = Self::new("session.not_found");
        error.oauth = Some(("invalid_request", "interaction session id cookie not found"));
        error
    }

    /// `400 guard.invalid_input` for one zod-like issue at `path`.
    pub fn guard(path: &[&str], issue: Value, details: String) -> Self {
        Self::from_issues(vec![Issue {
            path: path.iter().map(|key| json!(key)).collect(),
            fields: issue,
            detail: details,
        }])
    }

    /// `400 guard.invalid_input` with every issue zod found, in its order.
    pub fn from_issues(issues: Vec<Issue>) -> Self {
        let details: Vec<String> = issues.iter().map(|issue| issue.detail.clone()).collect();
        let issues: Vec<Value> = issues
            .into_iter()
            .map(|issue| {
                let mut fields = match issue.fields {
                    Value::Object(map) => map,
                    _ => Map::new(),
                };
                fields.insert("path".into(), Value::Array(issue.path));
                Value::Object(fields)
            })
            .collect();
        let mut error = Self::new("guard.invalid_input")
            .with_param("type", "body")
            .with_data(json!({
                "issues": issues,
                "name": "ZodError",
            }));
        error.details = Some(details.join("\n"));
        error
    }

    /// A required field is absent or has the wrong JSON type.
    pub fn invalid_type(path: &[&str], expected: &str, received: &str) -> Self {
        Self::from_issues(vec![Issue::invalid_type(
            path.iter().map(|key| json!(key)).collect(),
            expected,
            received,
        )])
    }

    /// A string is not one of the allowed values.
    pub fn invalid_enum(path: &[&str], options: &[&str], received: &str) -> Self {
        Self::from_issues(vec![Issue::invalid_enum(
            path.iter().map(|key| json!(key)).collect(),
            options,
            received,
        )])
    }

    /// A string fails a format check (`regex`, `email`, ...).
    pub fn invalid_string(path: &[&str], validation: &str) -> Self {
        let message = if validation == "email" {
            "Invalid email"
        } else {
            "Invalid"
        };
        Self::guard(
            path,
            json!({"validation": validation, "code": "invalid_string", "message": message}),
            format!(
                "Error in key path \"{}\": (invalid_string) {message}",
                path.join(".")
            ),
        )
    }

    /// A body that is not JSON (or too large) — no zod issues to report.
    pub fn bad_body() -> Self {
        Self::new("guard.invalid_input").with_param("type", "body")
    }
}

/// One zod issue: where (`path`, keys and array indexes), what (`code`,
/// `message`, ...) and the line Logto's `details` gives it.
#[derive(Debug, Clone)]
pub struct Issue {
    pub path: Vec<Value>,
    pub fields: Value,
    pub detail: String,
}

fn key_path(path: &[Value]) -> String {
    path.iter()
        .map(|key| match key {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

impl Issue {
    /// A required field is absent or has the wrong JSON type.
    pub fn invalid_type(path: Vec<Value>, expected: &str, received: &str) -> Self {
        let message = if received == "undefined" {
            "Required".to_string()
        } else {
            format!("Expected {expected}, received {received}")
        };
        let detail = format!(
            "Error in key path \"{}\": (invalid_type) Expected {expected} but received {received}.",
            key_path(&path)
        );
        Self {
            path,
            fields: json!({"code": "invalid_type", "expected": expected, "received": received, "message": message}),
            detail,
        }
    }

    /// A value differs from the one literal allowed.
    pub fn invalid_literal(path: Vec<Value>, expected: &str) -> Self {
        let message = format!("Invalid literal value, expected \"{expected}\"");
        let detail = format!(
            "Error in key path \"{}\": (invalid_literal) {message}",
            key_path(&path)
        );
        Self {
            path,
            fields: json!({"code": "invalid_literal", "expected": expected, "message": message}),
            detail,
        }
    }

    /// A string is not one of the allowed values.
    pub fn invalid_enum(path: Vec<Value>, options: &[&str], received: &str) -> Self {
        let expected = options
            .iter()
            .map(|option| format!("'{option}'"))
            .collect::<Vec<_>>()
            .join(" | ");
        let message = format!("Invalid enum value. Expected {expected}, received '{received}'");
        let detail = format!(
            "Error in key path \"{}\": (invalid_enum_value) {message}",
            key_path(&path)
        );
        Self {
            path,
            fields: json!({"received": received, "code": "invalid_enum_value", "options": options, "message": message}),
            detail,
        }
    }
}

/// The zod name of a JSON value's type.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = *self.0;
        if error.internal {
            return (
                error.status,
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                json!({"message": error.message}).to_string(),
            )
                .into_response();
        }
        let mut body = Map::new();
        body.insert("code".into(), json!(error.code));
        body.insert("message".into(), json!(error.message));
        if let Some(data) = error.data {
            body.insert("data".into(), data);
        }
        if let Some(details) = error.details {
            body.insert("details".into(), json!(details));
        }
        if let Some((name, description)) = error.oauth {
            body.insert("error".into(), json!(name));
            body.insert("error_description".into(), json!(description));
        }
        (
            error.status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            Value::Object(body).to_string(),
        )
            .into_response()
    }
}

/// The HTTP status Logto answers each code with.
fn status_of(code: &str) -> StatusCode {
    use StatusCode as S;
    match code {
        "auth.forbidden" => S::FORBIDDEN,
        "connector.authorization_failed" => S::INTERNAL_SERVER_ERROR,
        "connector.invalid_response" => S::BAD_REQUEST,
        "connector.not_found" => S::NOT_IMPLEMENTED,
        "entity.not_found" => S::NOT_FOUND,
        "entity.not_exists_with_id" => S::NOT_FOUND,
        "guard.invalid_input" => S::BAD_REQUEST,
        "one_time_token.email_mismatch" => S::BAD_REQUEST,
        "organization.require_membership" => S::UNPROCESSABLE_ENTITY,
        "request.message_rate_limited" => S::TOO_MANY_REQUESTS,
        "one_time_token.token_not_found" => S::NOT_FOUND,
        "one_time_token.token_expired" => S::BAD_REQUEST,
        "one_time_token.token_consumed" => S::BAD_REQUEST,
        "password.expired" => S::UNPROCESSABLE_ENTITY,
        "password.rejected" => S::UNPROCESSABLE_ENTITY,
        "request.not_implemented" => S::NOT_IMPLEMENTED,
        "session.captcha_failed" => S::UNPROCESSABLE_ENTITY,
        "session.captcha_required" => S::UNPROCESSABLE_ENTITY,
        "session.email_blocklist.email_not_allowed" => S::UNPROCESSABLE_ENTITY,
        "session.email_blocklist.email_subaddressing_not_allowed" => S::UNPROCESSABLE_ENTITY,
        "session.identifier_not_found" => S::NOT_FOUND,
        "session.identity_conflict" => S::CONFLICT,
        "session.interaction_not_found" => S::NOT_FOUND,
        "session.invalid_connector_id" => S::UNPROCESSABLE_ENTITY,
        "session.invalid_credentials" => S::UNPROCESSABLE_ENTITY,
        "session.invalid_interaction_type" => S::BAD_REQUEST,
        "session.mfa.backup_code_can_not_be_alone" => S::UNPROCESSABLE_ENTITY,
        "session.mfa.backup_code_required" => S::UNPROCESSABLE_ENTITY,
        "session.mfa.invalid_backup_code" => S::BAD_REQUEST,
        "session.mfa.invalid_totp_code" => S::BAD_REQUEST,
        "session.mfa.mfa_factor_not_enabled" => S::BAD_REQUEST,
        "session.mfa.mfa_policy_not_user_controlled" => S::UNPROCESSABLE_ENTITY,
        "session.mfa.pending_info_not_found" => S::BAD_REQUEST,
        "session.mfa.require_mfa_verification" => S::FORBIDDEN,
        "session.mfa.suggest_additional_mfa" => S::UNPROCESSABLE_ENTITY,
        "session.mfa.webauthn_verification_not_found" => S::BAD_REQUEST,
        "session.not_found" => S::BAD_REQUEST,
        "session.not_supported_for_forgot_password" => S::BAD_REQUEST,
        "session.sso_enabled" => S::UNPROCESSABLE_ENTITY,
        "session.verification_blocked_too_many_attempts" => S::BAD_REQUEST,
        "session.verification_failed" => S::BAD_REQUEST,
        "session.verification_session_not_found" => S::NOT_FOUND,
        "user.email_already_in_use" => S::UNPROCESSABLE_ENTITY,
        "user.email_exists_in_profile" => S::UNPROCESSABLE_ENTITY,
        "user.identity_already_in_use" => S::UNPROCESSABLE_ENTITY,
        "user.identity_not_exist" => S::NOT_FOUND,
        "user.missing_mfa" => S::UNPROCESSABLE_ENTITY,
        "user.missing_profile" => S::UNPROCESSABLE_ENTITY,
        "user.new_password_required_in_profile" => S::UNPROCESSABLE_ENTITY,
        "user.password_exists_in_profile" => S::UNPROCESSABLE_ENTITY,
        "user.phone_already_in_use" => S::UNPROCESSABLE_ENTITY,
        "user.passkey_preferred" => S::UNPROCESSABLE_ENTITY,
        "user.phone_exists_in_profile" => S::UNPROCESSABLE_ENTITY,
        "user.same_password" => S::UNPROCESSABLE_ENTITY,
        "user.sign_in_method_not_enabled" => S::UNPROCESSABLE_ENTITY,
        "user.sso_identity_not_exist" => S::NOT_FOUND,
        "user.suggest_mfa" => S::UNPROCESSABLE_ENTITY,
        "user.suspended" => S::UNAUTHORIZED,
        "user.totp_already_in_use" => S::UNPROCESSABLE_ENTITY,
        "user.user_not_exist" => S::NOT_FOUND,
        "user.username_already_in_use" => S::UNPROCESSABLE_ENTITY,
        "user.username_exists_in_profile" => S::UNPROCESSABLE_ENTITY,
        "verification_code.code_mismatch" => S::BAD_REQUEST,
        "verification_code.email_mismatch" => S::BAD_REQUEST,
        "verification_code.exceed_max_try" => S::BAD_REQUEST,
        "verification_code.expired" => S::BAD_REQUEST,
        "verification_code.phone_mismatch" => S::BAD_REQUEST,
        _ => S::BAD_REQUEST,
    }
}

/// The message of `code` in `language`, placeholders filled.
fn render(language: &str, code: &str, params: &[(&str, String)]) -> String {
    match i18n::template(language, code) {
        Some(template) => i18n::interpolate(template, params),
        // Codes that are the simulator's own.
        None if code == "request.not_implemented" => {
            "This operation is not supported by the simulator.".to_string()
        }
        None => "The request could not be processed.".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_logto() {
        assert_eq!(
            ApiError::new("user.suspended").status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            ApiError::new("session.mfa.require_mfa_verification").status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            ApiError::new("connector.not_found").status,
            StatusCode::NOT_IMPLEMENTED
        );
    }
}
