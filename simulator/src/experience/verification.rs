//! First-factor verification routes: password, e-mail/SMS codes, social and
//! SSO connectors, one-time tokens, new-password identities.

use std::time::{Duration, Instant};

use serde_json::json;

use super::{
    experience, is_email, is_phone, is_username, object, opt_str, req_enum, req_identifier,
    req_object, req_str, rules, Ctx, Reply,
};
use crate::{
    errors::{ApiError, ApiResult},
    one_tap, outbox,
    state::{Event, IdpProfile, Record, RecordKind},
    users, util,
};

/// `POST /verification/password`.
pub fn password(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let settings = &app.settings;
    let body = object(ctx.body, &[])?;
    let identifier = req_identifier(body, &["username", "email", "phone"])?;
    let password = req_str(body, &["password"])?;
    if password.is_empty() {
        return Err(ApiError::invalid_string(&["password"], "min"));
    }
    let key = rules::sentinel_key(&identifier.kind, &identifier.value);
    rules::sentinel_check(ctx.inner, settings, &key)?;
    let case_sensitive = app.username_case_sensitive();
    let found = ctx
        .inner
        .find_user(&identifier, case_sensitive)
        .filter(|user| user.verify_password(&password))
        .cloned();
    let Some(user) = found else {
        let error = ApiError::new("session.invalid_credentials");
        return Err(rules::sentinel_fail(ctx.inner, settings, &key, error));
    };
    if user.suspended {
        return Err(ApiError::new("user.suspended"));
    }
    let expiration = &settings.password_expiration;
    if expiration.enabled {
        let max_age = expiration.valid_period_days.unwrap_or(90) * 86_400;
        if util::now_secs().saturating_sub(user.password_set_at) >= max_age {
            return Err(ApiError::new("password.expired"));
        }
    }
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::Password {
            identifier,
            user_id: user.id,
        },
        true,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// Validates an e-mail/phone identifier's format (zod rules).
fn check_format(kind: &str, value: &str) -> ApiResult<()> {
    let ok = if kind == "email" {
        is_email(value)
    } else {
        is_phone(value)
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid_string(
            &["identifier", "value"],
            if kind == "email" { "email" } else { "regex" },
        ))
    }
}

/// `POST /verification/verification-code`: create a record, "send" a code.
pub fn code_send(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let settings = &app.settings;
    let body = object(ctx.body, &[])?;
    let identifier = req_identifier(body, &["email", "phone"])?;
    let event = req_enum(body, &["interactionEvent"], &Event::NAMES)?;
    check_format(&identifier.kind, &identifier.value)?;
    // Logto's order (verification-code.ts, verification-code-helpers.ts):
    // captcha, blocklist, the per-recipient send limit, then the
    // connector (which fails the send itself).
    let exp = experience(ctx.interaction)?;
    if exp.user_id.is_none() {
        rules::check_captcha(settings, exp)?;
    }
    if event == "Register" && identifier.kind == "email" {
        rules::check_blocklist(settings, &identifier.value)?;
    }
    outbox::check_rate(ctx.inner, &identifier.value)?;
    let connectors = &app.config.connectors;
    let (available, name) = if identifier.kind == "email" {
        (connectors.email, "Email")
    } else {
        (connectors.sms, "Sms")
    };
    if !available {
        return Err(ApiError::new("connector.not_found").with_param("type", name));
    }
    let code = util::digits(6);
    outbox::send(
        ctx.inner,
        &identifier.kind,
        &identifier.value,
        &code,
        &event,
    );
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::Code {
            identifier,
            code,
            sent: Instant::now(),
            failures: 0,
        },
        false,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// `POST /verification/verification-code/verify`.
pub fn code_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let identifier = req_identifier(body, &["email", "phone"])?;
    let verification_id = req_str(body, &["verificationId"])?;
    let code = req_str(body, &["code"])?;
    let type_name = if identifier.kind == "email" {
        "EmailVerificationCode"
    } else {
        "PhoneVerificationCode"
    };
    verify_code(ctx, type_name, &verification_id, &identifier, &code)?;
    Ok(Reply::Json(json!({"verificationId": verification_id})))
}

/// Checks `code` against the code record `verification_id` of `type_name`
/// for `identifier`, as Logto's `verifyCode` (verification-code-helpers.ts)
/// and `verifyPasscode` (libraries/passcode.ts): the record by type, then
/// a code already used (`not_found`), the address it was sent to (compared
/// exactly), expiry, tries, the code. A right code is spent.
pub(super) fn verify_code(
    ctx: &mut Ctx,
    type_name: &str,
    verification_id: &str,
    identifier: &crate::state::Identifier,
    code: &str,
) -> ApiResult<()> {
    let app = ctx.app;
    let settings = &app.settings;
    experience(ctx.interaction)?
        .record(verification_id)
        .filter(|record| record.type_name() == type_name)
        .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
    let key = rules::sentinel_key(&identifier.kind, &identifier.value);
    rules::sentinel_check(ctx.inner, settings, &key)?;
    let exp = experience(ctx.interaction)?;
    let Some(record) = exp.record_mut(verification_id) else {
        return Err(ApiError::new("session.verification_session_not_found"));
    };
    let RecordKind::Code {
        identifier: sent_to,
        code: expected,
        sent,
        failures,
    } = &mut record.kind
    else {
        return Err(ApiError::new("session.verification_session_not_found"));
    };
    if record.verified {
        return Err(ApiError::new("verification_code.not_found"));
    }
    if sent_to.value != identifier.value {
        return Err(ApiError::new(if identifier.kind == "email" {
            "verification_code.email_mismatch"
        } else {
            "verification_code.phone_mismatch"
        }));
    }
    if sent.elapsed() > Duration::from_secs(settings.code_ttl_secs()) {
        return Err(ApiError::new("verification_code.expired"));
    }
    if *failures >= settings.code_max_tries() {
        return Err(ApiError::new("verification_code.exceed_max_try"));
    }
    if !util::constant_time_eq(expected.as_bytes(), code.as_bytes()) {
        *failures += 1;
        let error = ApiError::new("verification_code.code_mismatch");
        return Err(rules::sentinel_fail(ctx.inner, settings, &key, error));
    }
    record.verified = true;
    Ok(())
}

/// `POST /verification/new-password-identity`: username + password in one.
pub fn new_password_identity(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let identifier = req_identifier(body, &["username"])?;
    let password = req_str(body, &["password"])?;
    if !is_username(&identifier.value) {
        return Err(ApiError::invalid_string(&["identifier", "value"], "regex"));
    }
    if ctx.inner.user_by_username(&identifier.value).is_some() {
        return Err(ApiError::new("user.username_already_in_use"));
    }
    let info = crate::password_policy::UserInfo {
        username: Some(identifier.value.clone()),
        ..Default::default()
    };
    let issues = app.settings.password_policy.check(&password, &info);
    if !issues.is_empty() {
        return Err(ApiError::new("password.rejected").with_data(json!(issues)));
    }
    let password_hash = users::hash_password(&password, app.config.hash_iterations);
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::NewPasswordIdentity {
            username: identifier.value,
            password_hash,
        },
        true,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// `POST /verification/social/:connectorId/authorization-uri`.
pub fn social_authorization_uri(ctx: &mut Ctx, connector_id: &str) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let state = req_str(body, &["state"])?;
    let redirect_uri = req_str(body, &["redirectUri"])?;
    let connector = app
        .config
        .connectors
        .social(connector_id)
        .ok_or_else(|| ApiError::new("entity.not_found"))?;
    let uri = app.mock_idp_uri(connector_id, &state, &redirect_uri);
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::Social {
            connector_id: connector_id.to_string(),
            target: connector.target.clone(),
            profile: None,
        },
        false,
    ));
    Ok(Reply::Json(
        json!({"verificationId": id, "authorizationUri": uri}),
    ))
}

/// What the mock IdP vouches for: `connectorData` either names the user
/// directly (`userId`, like Logto's mock connector) or carries a `code`
/// issued by the simulator's mock IdP page.
fn idp_profile(
    ctx: &mut Ctx,
    connector_id: &str,
    data: &serde_json::Map<String, serde_json::Value>,
) -> Option<IdpProfile> {
    let text = |key: &str| {
        data.get(key)
            .and_then(|value| value.as_str())
            .map(str::to_string)
    };
    let code = text("code")?;
    if let Some(subject) = text("userId") {
        return Some(IdpProfile {
            subject,
            email: text("email"),
            phone: text("phone"),
            name: text("name"),
        });
    }
    let issued = ctx.inner.idp_codes.remove(&code)?;
    (issued.connector_id == connector_id).then_some(issued.profile)
}

/// `POST /verification/social/:connectorId/verify`.
pub fn social_verify(ctx: &mut Ctx, connector_id: &str) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let data = req_object(body, &["connectorData"])?;
    let verification_id = opt_str(body, &["verificationId"])?;
    let Some(connector) = app.config.connectors.social(connector_id) else {
        return Err(
            ApiError::new("session.invalid_connector_id").with_param("connectorId", connector_id)
        );
    };
    // Google One Tap: no authorization request came first, so no record
    // nor verification id (`social-verification.ts`).
    if one_tap::google_connector(&app.public_settings) == Some(connector_id)
        && one_tap::is_one_tap(data)
    {
        one_tap::check_cookies(ctx.headers, data)?;
        // What Google signed (here: what the mock script was issued), once.
        let credential = data.get("credential").and_then(|value| value.as_str());
        let issued = credential.and_then(|credential| ctx.inner.idp_codes.remove(credential));
        let Some(profile) = issued
            .filter(|issued| issued.connector_id == connector_id)
            .map(|issued| issued.profile)
        else {
            return Err(ApiError::new("connector.invalid_response"));
        };
        let exp = experience(ctx.interaction)?;
        let mut record = Record::new(
            RecordKind::Social {
                connector_id: connector_id.to_string(),
                target: connector.target.clone(),
                profile: Some(profile),
            },
            false,
        );
        record.verified = true;
        let id = exp.put_record(record);
        exp.captcha_skipped = true;
        return Ok(Reply::JsonSettingCookie(
            json!({"verificationId": id}),
            one_tap::clear_credential_cookie(),
        ));
    }
    let exp = experience(ctx.interaction)?;
    let known = verification_id.as_deref().and_then(|id| exp.record(id)).is_some_and(
        |record| matches!(&record.kind, RecordKind::Social { connector_id: id, .. } if id == connector_id),
    );
    if !known {
        return Err(ApiError::new("session.verification_session_not_found"));
    }
    let Some(profile) = idp_profile(ctx, connector_id, data) else {
        return Err(ApiError::new("connector.invalid_response")
            .with_data(json!({"message": serde_json::Value::Object(data.clone()).to_string()})));
    };
    let exp = experience(ctx.interaction)?;
    let id = verification_id.unwrap_or_default();
    if let Some(record) = exp.record_mut(&id) {
        if let RecordKind::Social { profile: slot, .. } = &mut record.kind {
            *slot = Some(profile);
        }
        record.verified = true;
    }
    exp.captcha_skipped = true;
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// `GET /sso-connectors?email=`.
pub fn sso_connectors(ctx: &mut Ctx) -> ApiResult<Reply> {
    let query: serde_json::Map<_, _> = ctx
        .query
        .iter()
        .map(|(key, value)| (key.clone(), json!(value)))
        .collect();
    let email = req_str(&query, &["email"]).map_err(|error| error.with_param("type", "query"))?;
    if !is_email(&email) {
        return Err(ApiError::invalid_string(&["email"], "email").with_param("type", "query"));
    }
    let ids: Vec<String> = if ctx.app.settings.single_sign_on_enabled {
        ctx.app
            .config
            .connectors
            .sso_for_email(&email)
            .into_iter()
            .map(|connector| connector.id.clone())
            .collect()
    } else {
        Vec::new()
    };
    Ok(Reply::Json(json!({"connectorIds": ids})))
}

/// `POST /verification/sso/:connectorId/authorization-uri`.
pub fn sso_authorization_uri(ctx: &mut Ctx, connector_id: &str) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let state = req_str(body, &["state"])?;
    let redirect_uri = req_str(body, &["redirectUri"])?;
    if app.config.connectors.sso(connector_id).is_none() {
        return Err(ApiError::new("entity.not_exists_with_id")
            .with_param("name", "sso_connectors")
            .with_param("id", connector_id));
    }
    let uri = app.mock_idp_uri(connector_id, &state, &redirect_uri);
    let exp = experience(ctx.interaction)?;
    let id = exp.put_record(Record::new(
        RecordKind::Sso {
            connector_id: connector_id.to_string(),
            profile: None,
        },
        false,
    ));
    Ok(Reply::Json(
        json!({"verificationId": id, "authorizationUri": uri}),
    ))
}

/// `POST /verification/sso/:connectorId/verify`: only codes issued by the
/// mock IdP page are accepted (a real IdP would reject anything else).
pub fn sso_verify(ctx: &mut Ctx, connector_id: &str) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let data = req_object(body, &["connectorData"])?;
    let verification_id = req_str(body, &["verificationId"])?;
    if app.config.connectors.sso(connector_id).is_none() {
        return Err(ApiError::new("entity.not_exists_with_id"));
    }
    let exp = experience(ctx.interaction)?;
    let known = exp.record(&verification_id).is_some_and(
        |record| matches!(&record.kind, RecordKind::Sso { connector_id: id, .. } if id == connector_id),
    );
    if !known {
        return Err(ApiError::new("session.verification_session_not_found"));
    }
    let issued = data
        .get("code")
        .and_then(|code| code.as_str())
        .and_then(|code| ctx.inner.idp_codes.remove(code))
        .filter(|issued| issued.connector_id == connector_id);
    let Some(issued) = issued else {
        return Err(ApiError::new("connector.authorization_failed").with_data(
            json!({"ssoErrorCode": "authorization_failed", "message": "Fail to fetch token",
                   "error": "{\"error\":\"invalid_grant\",\"error_description\":\"unknown authorization code\"}"}),
        ));
    };
    let exp = experience(ctx.interaction)?;
    if let Some(record) = exp.record_mut(&verification_id) {
        if let RecordKind::Sso { profile, .. } = &mut record.kind {
            *profile = Some(issued.profile);
        }
        record.verified = true;
    }
    exp.captcha_skipped = true;
    Ok(Reply::Json(json!({"verificationId": verification_id})))
}

/// `POST /verification/one-time-token/verify`.
pub fn one_time_token(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let token = req_str(body, &["token"])?;
    let identifier = req_identifier(body, &["email"])?;
    let key = rules::sentinel_key("email", &identifier.value);
    rules::sentinel_check(ctx.inner, &app.settings, &key)?;
    let Some(stored) = ctx.inner.one_time_tokens.get(&token).cloned() else {
        let error = ApiError::new("one_time_token.token_not_found").with_param("token", &token);
        return Err(rules::sentinel_fail(ctx.inner, &app.settings, &key, error));
    };
    if !stored.email.eq_ignore_ascii_case(&identifier.value) {
        return Err(ApiError::new("one_time_token.email_mismatch"));
    }
    // `checkOneTimeToken` (libraries/one-time-token.ts): expiry, then
    // consumed, then revoked.
    if stored.expires_ms <= util::now_ms() {
        return Err(ApiError::new("one_time_token.token_expired"));
    }
    if stored.consumed {
        return Err(ApiError::new("one_time_token.token_consumed"));
    }
    if stored.revoked {
        return Err(ApiError::new("one_time_token.token_revoked"));
    }
    if let Some(entry) = ctx.inner.one_time_tokens.get_mut(&token) {
        entry.consumed = true;
    }
    let exp = experience(ctx.interaction)?;
    exp.captcha_skipped = true;
    let id = exp.put_record(Record::new(
        RecordKind::OneTimeToken {
            email: stored.email,
        },
        true,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}
