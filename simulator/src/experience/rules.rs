//! Checks shared by several routes: the sentinel, the e-mail blocklist,
//! captcha, mandatory profile fields and MFA verification.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::Ctx;
use crate::{
    errors::{ApiError, ApiResult},
    settings::Settings,
    state::{Experience, Inner, RecordKind},
    users::User,
};

/// `session.verification_blocked_too_many_attempts` with the wait in words.
fn blocked(minutes: u64) -> ApiError {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    // Logto words the wait with Intl.RelativeTimeFormat; English here.
    ApiError::new("session.verification_blocked_too_many_attempts")
        .with_param("relativeTime", format!("in {minutes} {unit}"))
}

/// Fails if `key` (an identifier or a user) is locked out.
pub fn sentinel_check(inner: &Inner, settings: &Settings, key: &str) -> ApiResult<()> {
    match inner.sentinel.get(key).and_then(|entry| entry.locked_until) {
        Some(until) if until > Instant::now() => {
            let left = until.saturating_duration_since(Instant::now()).as_secs();
            Err(blocked(
                left.div_ceil(60).clamp(1, settings.lockout_minutes()),
            ))
        }
        _ => Ok(()),
    }
}

/// Records a failed attempt for `key`; returns `error`, or the lockout error
/// when this failure reaches `sentinelPolicy.maxAttempts` within an hour.
pub fn sentinel_fail(
    inner: &mut Inner,
    settings: &Settings,
    key: &str,
    error: ApiError,
) -> ApiError {
    let entry = inner.sentinel.entry(key.to_string()).or_default();
    let hour = Duration::from_secs(3600);
    entry.failures.retain(|time| time.elapsed() < hour);
    entry.failures.push(Instant::now());
    if entry.failures.len() as u32 >= settings.max_attempts() {
        let minutes = settings.lockout_minutes();
        entry.failures.clear();
        entry.locked_until = Some(Instant::now() + Duration::from_secs(minutes * 60));
        return blocked(minutes);
    }
    error
}

pub fn sentinel_key(kind: &str, value: &str) -> String {
    format!("{kind}:{}", value.to_lowercase())
}

/// Registration e-mail restrictions (`emailBlocklistPolicy`).
pub fn check_blocklist(settings: &Settings, email: &str) -> ApiResult<()> {
    let policy = &settings.email_blocklist_policy;
    let lower = email.to_lowercase();
    let blocked = policy.custom_blocklist.iter().any(|entry| {
        let entry = entry.to_lowercase();
        if entry.starts_with('@') {
            lower.ends_with(&entry)
        } else {
            lower == entry || lower.ends_with(&format!("@{entry}"))
        }
    });
    if blocked {
        return Err(
            ApiError::new("session.email_blocklist.email_not_allowed").with_param("email", email)
        );
    }
    let local = lower.split('@').next().unwrap_or_default();
    if policy.block_subaddressing && local.contains('+') {
        return Err(ApiError::new(
            "session.email_blocklist.email_subaddressing_not_allowed",
        ));
    }
    Ok(())
}

/// Captcha gate: enabled policy and neither verified nor skipped.
pub fn check_captcha(settings: &Settings, exp: &Experience) -> ApiResult<()> {
    if settings.captcha_policy.enabled && !exp.captcha_verified && !exp.captcha_skipped {
        return Err(ApiError::new("session.captcha_required"));
    }
    Ok(())
}

/// Which profile fields a user (plus staged data) has.
#[derive(Debug, Clone, Copy, Default)]
pub struct Has {
    pub username: bool,
    pub email: bool,
    pub phone: bool,
    pub password: bool,
}

impl Has {
    pub fn of(user: Option<&User>, exp: &Experience) -> Self {
        let profile = &exp.profile;
        Self {
            username: profile.username.is_some() || user.is_some_and(|u| u.username.is_some()),
            email: profile.email.is_some() || user.is_some_and(|u| u.email.is_some()),
            phone: profile.phone.is_some() || user.is_some_and(|u| u.phone.is_some()),
            password: profile.password_hash.is_some()
                || user.is_some_and(|u| u.password_hash.is_some()),
        }
    }
}

/// `missingProfile` for `user.missing_profile`, in Logto's order.
/// Social and SSO identities need no password.
pub fn missing_profile(settings: &Settings, has: Has, via_idp: bool) -> Vec<&'static str> {
    let primary = &settings.sign_up.identifiers;
    let either = primary.iter().any(|id| id == "email") && primary.iter().any(|id| id == "phone");
    let mut missing = Vec::new();
    for identifier in settings.sign_up_identifiers() {
        let item = match identifier {
            "username" if !has.username => "username",
            "email" | "phone" if either && primary.iter().any(|id| id == identifier) => {
                if has.email || has.phone {
                    continue;
                }
                "emailOrPhone"
            }
            "emailOrPhone" if !has.email && !has.phone => "emailOrPhone",
            "email" if !has.email => "email",
            "phone" if !has.phone => "phone",
            _ => continue,
        };
        if !missing.contains(&item) {
            missing.push(item);
        }
    }
    if settings.sign_up.password && !has.password && !via_idp {
        missing.push("password");
    }
    const ORDER: [&str; 5] = ["username", "emailOrPhone", "email", "phone", "password"];
    missing.sort_by_key(|item| ORDER.iter().position(|known| known == item));
    missing
}

/// Whether a registration still lacks custom profile fields (Logto asks
/// for `extraProfile` after the mandatory items): every field until the
/// form was submitted once, then the required ones. A full name counts by
/// its parts. As Logto's `hasMissingExtraProfileFields`
/// (`classes/libraries/profile-validator.ts`), a field is present when its
/// name has a non-null value at the top level of the staged profile, in
/// its `profile` claims or in its `customData`.
pub fn missing_extra_profile(settings: &Settings, profile: &crate::state::Profile) -> bool {
    settings
        .custom_profile_fields
        .iter()
        .filter(|field| field.required || !profile.submitted)
        .flat_map(|field| match (field.name.as_str(), &field.config.parts) {
            ("fullname", Some(parts)) => parts.iter().map(|p| p.name.clone()).collect(),
            _ => vec![field.name.clone()],
        })
        .any(|name| !profile.has_field(&name))
}

pub fn missing_profile_error(missing: Vec<&'static str>) -> ApiError {
    ApiError::new("user.missing_profile").with_data(json!({"missingProfile": missing}))
}

/// Whether the interaction was identified through a social or SSO record.
pub fn identified_via(exp: &Experience) -> (bool, bool) {
    let social = exp
        .records
        .iter()
        .any(|record| record.verified && matches!(record.kind, RecordKind::Social { .. }));
    let sso = exp
        .records
        .iter()
        .any(|record| record.verified && matches!(record.kind, RecordKind::Sso { .. }));
    (social, sso)
}

/// Whether the interaction was identified by a verified passkey.
pub fn identified_by_passkey(exp: &Experience) -> bool {
    exp.records.iter().any(|record| {
        record.verified
            && matches!(&record.kind, RecordKind::SignInWebAuthn { user_id: Some(id), .. }
                if exp.user_id.as_ref() == Some(id))
    })
}

/// `session.mfa.require_mfa_verification` if the user has factors and none
/// was verified in this interaction (SignIn only; SSO and passkey sign-in
/// are exempt).
pub fn require_mfa_verified(ctx: &Ctx, exp: &Experience) -> ApiResult<()> {
    if exp.event != crate::state::Event::SignIn
        || exp.mfa.verified
        || identified_via(exp).1
        || (ctx.app.settings.passkey_sign_in.enabled && identified_by_passkey(exp))
    {
        return Ok(());
    }
    let Some(user) = exp.user_id.as_deref().and_then(|id| ctx.inner.user(id)) else {
        return Ok(());
    };
    // `MfaValidator.availableUserMfaVerificationTypes` (mfa-validator.ts).
    let factors = super::mfa_policy::stored_factors(&ctx.app.settings, user);
    if factors.is_empty() {
        return Ok(());
    }
    // A trusted device stands in for the verification (experience-interaction.ts).
    if super::trusted_device::fulfils_mfa(ctx, &user.id) {
        return Ok(());
    }
    let mut masked = serde_json::Map::new();
    if factors.contains(&"EmailVerificationCode") {
        if let Some(email) = &user.email {
            masked.insert("EmailVerificationCode".into(), json!(mask_email(email)));
        }
    }
    if factors.contains(&"PhoneVerificationCode") {
        if let Some(phone) = &user.phone {
            masked.insert("PhoneVerificationCode".into(), json!(mask_phone(phone)));
        }
    }
    Err(
        ApiError::new("session.mfa.require_mfa_verification").with_data(
            json!({"availableFactors": factors, "maskedIdentifiers": Value::Object(masked)}),
        ),
    )
}

pub(super) fn mask_email(email: &str) -> String {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let shown: String = if local.chars().count() > 4 {
        local.chars().take(4).collect()
    } else {
        String::new()
    };
    format!("{shown}****@{domain}")
}

pub(super) fn mask_phone(phone: &str) -> String {
    let tail: String = phone
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(value: Value) -> Settings {
        Settings::parse(&value)
    }

    #[test]
    fn missing_profile_order() {
        let s = settings(
            json!({"signUp": {"identifiers": ["username"], "password": true,
            "secondaryIdentifiers": [{"identifier": "email"}]}}),
        );
        assert_eq!(
            missing_profile(&s, Has::default(), false),
            ["username", "email", "password"]
        );
        assert_eq!(
            missing_profile(&s, Has::default(), true),
            ["username", "email"]
        );
        let s = settings(json!({"signUp": {"identifiers": ["email", "phone"], "password": false}}));
        assert_eq!(missing_profile(&s, Has::default(), false), ["emailOrPhone"]);
        let has = Has {
            phone: true,
            ..Has::default()
        };
        assert!(missing_profile(&s, has, false).is_empty());
    }

    #[test]
    fn masks() {
        assert_eq!(mask_email("jane.doe@example.com"), "jane****@example.com");
        assert_eq!(mask_email("jo@example.com"), "****@example.com");
        assert_eq!(mask_phone("15555550100"), "****0100");
    }

    #[test]
    fn blocklist() {
        let s = settings(json!({"emailBlocklistPolicy": {"blockSubaddressing": true,
            "customBlocklist": ["@blocked.test"]}}));
        assert_eq!(
            check_blocklist(&s, "x@BLOCKED.test").unwrap_err().code,
            "session.email_blocklist.email_not_allowed"
        );
        assert_eq!(
            check_blocklist(&s, "a+b@ok.test").unwrap_err().code,
            "session.email_blocklist.email_subaddressing_not_allowed"
        );
        assert!(check_blocklist(&s, "a@ok.test").is_ok());
    }
}
