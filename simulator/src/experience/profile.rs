//! Profile routes: data staged in the interaction and written to the user
//! at submit (Register: at user creation).

use serde_json::json;

use super::{experience, is_username, object, req_enum, req_object, req_str, rules, Ctx, Reply};
use crate::{
    errors::{ApiError, ApiResult},
    password_policy::UserInfo,
    state::{Event, RecordKind},
    users::{self, User},
};

/// How many extra-profile fields an interaction may stage.
const MAX_EXTRA_FIELDS: usize = 100;

/// `POST /api/experience/profile`.
pub fn add(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let settings = &app.settings;
    let body = object(ctx.body, &[])?;
    let kind = req_enum(
        body,
        &["type"],
        &[
            "username",
            "password",
            "email",
            "phone",
            "social",
            "extraProfile",
        ],
    )?;
    enum Input {
        Text(String),
        Record(String),
        Values(serde_json::Map<String, serde_json::Value>),
    }
    let input = match kind.as_str() {
        "username" => {
            let value = req_str(body, &["value"])?;
            if !is_username(&value) {
                return Err(ApiError::invalid_string(&["value"], "regex"));
            }
            Input::Text(value)
        }
        "password" => Input::Text(req_str(body, &["value"])?),
        "extraProfile" => {
            let values = req_object(body, &["values"])?;
            if let Some(key) = values
                .keys()
                .find(|key| key.is_empty() || !key.chars().all(|ch| ch.is_ascii_alphanumeric()))
            {
                return Err(ApiError::invalid_string(&["values", key], "regex"));
            }
            Input::Values(values.clone())
        }
        _ => Input::Record(req_str(body, &["verificationId"])?),
    };

    let exp = experience(ctx.interaction)?;
    if exp.event == Event::ForgotPassword {
        return Err(ApiError::new("session.not_supported_for_forgot_password"));
    }
    let user: Option<User> = match exp.event {
        Event::SignIn => {
            let id = exp
                .user_id
                .clone()
                .ok_or_else(|| ApiError::new("session.identifier_not_found"))?;
            Some(
                ctx.inner
                    .user(&id)
                    .cloned()
                    .ok_or_else(|| ApiError::new("session.identifier_not_found"))?,
            )
        }
        _ => None,
    };
    if kind != "social" {
        let snapshot = exp.clone();
        rules::require_mfa_verified(ctx, &snapshot)?;
    }
    let inner = &*ctx.inner;
    let others = |candidate: &User| user.as_ref().is_none_or(|me| me.id != candidate.id);
    let exp = experience(ctx.interaction)?;
    match (kind.as_str(), input) {
        ("username", Input::Text(value)) => {
            if user.as_ref().is_some_and(|user| user.username.is_some()) {
                return Err(ApiError::new("user.username_exists_in_profile"));
            }
            if inner.user_by_username(&value).is_some_and(others) {
                return Err(ApiError::new("user.username_already_in_use"));
            }
            exp.profile.username = Some(value);
        }
        ("password", Input::Text(value)) => {
            if user
                .as_ref()
                .is_some_and(|user| user.password_hash.is_some())
            {
                return Err(ApiError::new("user.password_exists_in_profile"));
            }
            let info = user_info(user.as_ref(), &exp.profile);
            let issues = settings.password_policy.check(&value, &info);
            if !issues.is_empty() {
                return Err(ApiError::new("password.rejected").with_data(json!(issues)));
            }
            exp.profile.password_hash =
                Some(users::hash_password(&value, app.config.hash_iterations));
        }
        ("email" | "phone", Input::Record(id)) => {
            stage_address(ctx, &kind, &id, user.as_ref())?;
        }
        ("social", Input::Record(id)) => {
            let record = exp
                .record(&id)
                .cloned()
                .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
            let RecordKind::Social {
                target,
                profile: Some(idp),
                ..
            } = &record.kind
            else {
                return Err(ApiError::new("session.verification_failed"));
            };
            if !record.verified {
                return Err(ApiError::new("session.verification_failed"));
            }
            if inner.user_by_identity(target, &idp.subject).is_some() {
                return Err(ApiError::new("user.identity_already_in_use"));
            }
            exp.profile.social = Some((target.clone(), idp.clone()));
        }
        ("extraProfile", Input::Values(values)) => {
            // Bounded, like everything the simulator keeps.
            let new_keys = values
                .keys()
                .filter(|key| !exp.profile.extra.contains_key(*key))
                .count();
            if exp.profile.extra.len() + new_keys > MAX_EXTRA_FIELDS {
                return Err(ApiError::invalid_string(&["values"], "max"));
            }
            exp.profile.extra.extend(values);
            exp.profile.extra_submitted = true;
        }
        _ => return Err(ApiError::bad_body()),
    }
    Ok(Reply::NoContent)
}

/// Stages the address a verified e-mail (`kind` `email`) or phone code
/// record proves, as Logto's `Profile.setProfileByVerificationId`
/// (classes/profile.ts): the record must be that kind's code record (404
/// otherwise), verified, new to the user and nobody else's.
pub(super) fn stage_address(
    ctx: &mut Ctx,
    kind: &str,
    verification_id: &str,
    user: Option<&User>,
) -> ApiResult<()> {
    let inner = &*ctx.inner;
    let exp = experience(ctx.interaction)?;
    let record = exp
        .record(verification_id)
        .filter(|record| matches!(&record.kind, RecordKind::Code { identifier, .. } if identifier.kind == kind))
        .cloned()
        .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
    let RecordKind::Code { identifier, .. } = &record.kind else {
        return Err(ApiError::new("session.verification_session_not_found"));
    };
    if !record.verified {
        return Err(ApiError::new("session.verification_failed"));
    }
    let others = |candidate: &User| user.is_none_or(|me| me.id != candidate.id);
    if kind == "email" {
        if user.is_some_and(|user| user.email.is_some()) {
            return Err(ApiError::new("user.email_exists_in_profile"));
        }
        if inner.user_by_email(&identifier.value).is_some_and(others) {
            return Err(ApiError::new("user.email_already_in_use"));
        }
        exp.profile.email = Some(identifier.value.to_lowercase());
    } else {
        if user.is_some_and(|user| user.phone.is_some()) {
            return Err(ApiError::new("user.phone_exists_in_profile"));
        }
        if inner.user_by_phone(&identifier.value).is_some_and(others) {
            return Err(ApiError::new("user.phone_already_in_use"));
        }
        exp.profile.phone = Some(users::normalize_phone(&identifier.value));
    }
    Ok(())
}

fn user_info(user: Option<&User>, profile: &crate::state::Profile) -> UserInfo {
    let mut info = user.map(User::password_user_info).unwrap_or_default();
    info.username = info.username.or_else(|| profile.username.clone());
    info.email = info.email.or_else(|| profile.email.clone());
    info.phone = info.phone.or_else(|| profile.phone.clone());
    info.name = info.name.or_else(|| profile.name.clone());
    info
}

/// `PUT /api/experience/profile/password`: the new password of a reset.
pub fn reset_password(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let password = req_str(body, &["password"])?;
    let exp = experience(ctx.interaction)?;
    if exp.event != Event::ForgotPassword {
        return Err(ApiError::new("session.invalid_interaction_type"));
    }
    let user = exp
        .user_id
        .as_deref()
        .and_then(|id| ctx.inner.user(id))
        .ok_or_else(|| ApiError::new("session.identifier_not_found"))?;
    if user.verify_password(&password) {
        return Err(ApiError::new("user.same_password"));
    }
    let issues = app
        .settings
        .password_policy
        .check(&password, &user.password_user_info());
    if !issues.is_empty() {
        return Err(ApiError::new("password.rejected").with_data(json!(issues)));
    }
    exp.profile.password_hash = Some(users::hash_password(&password, app.config.hash_iterations));
    Ok(Reply::NoContent)
}
