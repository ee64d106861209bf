//! Profile routes: data staged in the interaction and written to the user
//! at submit (Register: at user creation).

use serde_json::{json, Map, Value};

use super::{experience, is_username, object, req_enum, req_object, req_str, rules, Ctx, Reply};
use crate::{
    errors::{ApiError, ApiResult},
    password_policy::UserInfo,
    state::{Event, RecordKind},
    users::{self, User},
};

/// How many extra-profile fields one submission may carry.
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
            // Logto's `Profile.setProfileByVerificationId` (classes/profile.ts):
            // a record of another type is not found (404); an unverified
            // social record has no profile to give; the identity must be
            // nobody's (`ProfileValidator.guardProfileUniquenessAcrossUsers`).
            // It is how a social identity joins an account that signed in
            // with an address (the page's `signInAndLinkWithSocial`).
            let record = exp
                .record(&id)
                .filter(|record| matches!(record.kind, RecordKind::Social { .. }))
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
            if values.len() > MAX_EXTRA_FIELDS {
                return Err(ApiError::invalid_string(&["values"], "max"));
            }
            let parsed = parse_custom_profile(&values)?;
            // `unsafeSet` spreads `{name, avatar, profile, customData}` over
            // the staged data: each submission replaces the last, and an
            // absent `name` or `avatar` clears one staged before (a social
            // profile's name, say).
            exp.profile.name = parsed.name;
            exp.profile.avatar = parsed.avatar;
            exp.profile.claims = Some(parsed.claims);
            exp.profile.custom_data = Some(parsed.custom_data);
            exp.profile.submitted = true;
        }
        _ => return Err(ApiError::bad_body()),
    }
    Ok(Reply::NoContent)
}

/// Keys that name a sign-in identifier (Logto's `signInIdentifierKeyGuard`):
/// the first three are `users` columns, strings of at most 128 characters.
const SIGN_IN_IDENTIFIER_KEYS: [&str; 5] =
    ["username", "primaryEmail", "primaryPhone", "email", "phone"];

/// Custom data keys Logto's Console uses itself (`reservedCustomDataKeyGuard`).
const RESERVED_CUSTOM_DATA_KEYS: [&str; 5] = [
    "onboarding",
    "ossOnboarding",
    "guideRequests",
    "adminConsolePreferences",
    "defaultTenantId",
];

/// The OpenID Connect standard claims kept in a user's `profile`
/// (`userProfileGuard`, all strings but `address`).
const PROFILE_CLAIM_KEYS: [&str; 12] = [
    "familyName",
    "givenName",
    "middleName",
    "nickname",
    "preferredUsername",
    "profile",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "address",
];

/// The parts of `address` (`addressGuard`, all optional strings).
const ADDRESS_KEYS: [&str; 6] = [
    "formatted",
    "streetAddress",
    "locality",
    "region",
    "postalCode",
    "country",
];

/// `extraProfile` values split as Logto stores them.
#[derive(Debug, Default)]
struct CustomProfile {
    name: Option<String>,
    avatar: Option<String>,
    claims: Map<String, Value>,
    custom_data: Map<String, Value>,
}

/// Logto's `ProfileValidator.validateAndParseCustomProfile`
/// (`routes/experience/classes/libraries/profile-validator.ts`, schemas in
/// `types/custom-profile-fields.ts`). In order, each step a zod `parse`:
/// a reserved built-in key (`preferredUsername`) is `400
/// custom_profile_fields.name_conflict_built_in_prop`, a sign-in
/// identifier key `name_conflict_sign_in_identifier`, a reserved custom
/// data key `name_conflict_custom_data` (`{{name}}`: the keys, joined by
/// ", "); then `name`, `avatar` and the profile claims are parsed. A value
/// of the wrong type at any step fails that `parse` with a `ZodError`,
/// which is no `RequestError`: Logto answers 500 (`koa-error-handler.ts`).
/// What is neither `name`, `avatar` nor a profile claim is custom data.
fn parse_custom_profile(values: &Map<String, Value>) -> ApiResult<CustomProfile> {
    // Present keys (in the guard's order) whose values fit; a misfit throws.
    let conflicts = |keys: &[&'static str], fits: &dyn Fn(&str, &Value) -> bool| {
        let mut found = Vec::new();
        for key in keys {
            if let Some(value) = values.get(*key) {
                if !fits(key, value) {
                    return Err(ApiError::internal());
                }
                found.push(*key);
            }
        }
        Ok(found)
    };
    let conflict = |code: &'static str, keys: Vec<&str>| {
        if keys.is_empty() {
            Ok(())
        } else {
            Err(ApiError::new(code).with_param("name", keys.join(", ")))
        }
    };
    let is_string = |_: &str, value: &Value| value.is_string();
    conflict(
        "custom_profile_fields.name_conflict_built_in_prop",
        conflicts(&["preferredUsername"], &is_string)?,
    )?;
    conflict(
        "custom_profile_fields.name_conflict_sign_in_identifier",
        conflicts(&SIGN_IN_IDENTIFIER_KEYS, &|key, value| match value {
            Value::Null => true,
            // `varchar(128)`: zod's `max(128)` counts UTF-16 code units.
            Value::String(text) if key != "email" && key != "phone" => {
                text.encode_utf16().count() <= 128
            }
            Value::String(_) => true,
            _ => false,
        })?,
    )?;
    conflict(
        "custom_profile_fields.name_conflict_custom_data",
        conflicts(&RESERVED_CUSTOM_DATA_KEYS, &is_string)?,
    )?;

    // `nameAndAvatarGuard`: `name` a string, `avatar` a URL or "".
    let mut parsed = CustomProfile::default();
    match values.get("name") {
        None => {}
        Some(Value::String(name)) => parsed.name = Some(name.clone()),
        Some(_) => return Err(ApiError::internal()),
    }
    match values.get("avatar") {
        None => {}
        Some(Value::String(avatar)) if avatar.is_empty() || is_url(avatar) => {
            parsed.avatar = Some(avatar.clone());
        }
        Some(_) => return Err(ApiError::internal()),
    }
    // `userProfileGuard`: unknown keys (and unknown address parts) dropped.
    for key in PROFILE_CLAIM_KEYS {
        let Some(value) = values.get(key) else {
            continue;
        };
        let value = match (key, value) {
            ("address", Value::Object(address)) => {
                let mut parts = Map::new();
                for part in ADDRESS_KEYS {
                    match address.get(part) {
                        None => {}
                        Some(Value::String(text)) => {
                            parts.insert(part.into(), json!(text));
                        }
                        Some(_) => return Err(ApiError::internal()),
                    }
                }
                Value::Object(parts)
            }
            (_, Value::String(_)) if key != "address" => value.clone(),
            _ => return Err(ApiError::internal()),
        };
        parsed.claims.insert(key.into(), value);
    }
    // `builtInCustomProfileFieldKeys`: `name`, `avatar`, `profile` and the
    // claims; everything else is custom data.
    parsed.custom_data = values
        .iter()
        .filter(|(key, _)| {
            !matches!(key.as_str(), "name" | "avatar")
                && !PROFILE_CLAIM_KEYS.contains(&key.as_str())
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Ok(parsed)
}

/// Roughly what zod's `url()` accepts (`new URL(value)` succeeds): a
/// scheme, `:`, and for the special schemes a host.
fn is_url(value: &str) -> bool {
    let value = value.trim_matches(|ch: char| ch <= ' ');
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|ch| ch.is_ascii_alphabetic())
        && chars.all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" | "ws" | "wss" | "ftp" => {
            let host = rest
                .trim_start_matches(['/', '\\'])
                .split(['/', '\\', '?', '#'])
                .next()
                .unwrap_or_default();
            let host = host.rsplit('@').next().unwrap_or_default();
            let host = host.split(':').next().unwrap_or_default();
            !host.is_empty()
                && !host
                    .chars()
                    .any(|ch| ch.is_whitespace() || matches!(ch, '<' | '>' | '^' | '|' | '%'))
        }
        _ => true,
    }
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
