//! What the MFA settings ask of a user at submit: the optional "turn on
//! 2-step verification" prompt, mandatory binding (policy or an
//! organization that requires MFA), the suggestion to add another factor
//! and backup codes. Follows Logto's
//! `packages/core/src/routes/experience/classes/mfa.ts` (`assertMfaFulfilled`)
//! and `classes/helpers.ts` (factor lists and their order).

use serde_json::{json, Map, Value};

use super::Ctx;
use crate::{
    errors::{ApiError, ApiResult},
    settings::Settings,
    state::{Event, Experience},
    users::User,
    AppState,
};

/// Logto's display order of factors (`sortMfaFactors` in `helpers.ts`).
const ORDER: [&str; 5] = [
    "WebAuthn",
    "Totp",
    "PhoneVerificationCode",
    "EmailVerificationCode",
    "BackupCode",
];

/// Policies that cannot be skipped (`isNoSkipMfaPolicy`, `mfa-policy.ts`).
pub fn is_no_skip(policy: &str) -> bool {
    matches!(
        policy,
        "Mandatory" | "PromptAtSignInAndSignUpMandatory" | "PromptOnlyAtSignInMandatory"
    )
}

fn is_prompt_only_at_sign_in(policy: &str) -> bool {
    matches!(policy, "PromptOnlyAtSignIn" | "PromptOnlyAtSignInMandatory")
}

/// `isMfaRequiredByUserOrganizations`: the policy is `Mandatory` and one of
/// the user's organizations requires MFA.
pub fn required_by_organizations(app: &AppState, user: &User) -> bool {
    app.settings.mfa.organization_required_mfa_policy.as_deref() == Some("Mandatory")
        && app.config.consent.requires_mfa(user)
}

/// Factors the user can verify with (`getAllUserEnabledMfaVerifications`):
/// stored factors enabled in the settings, WebAuthn first; then e-mail and
/// phone codes for the addresses the user has (phone first); backup codes
/// (with an unused code) last.
pub fn stored_factors(settings: &Settings, user: &User) -> Vec<&'static str> {
    let mut factors = Vec::new();
    if !user.webauthn.is_empty() && settings.mfa_enabled("WebAuthn") {
        factors.push("WebAuthn");
    }
    if user.totp_secret.is_some() && settings.mfa_enabled("Totp") {
        factors.push("Totp");
    }
    if user.phone.is_some() && settings.mfa_enabled("PhoneVerificationCode") {
        factors.push("PhoneVerificationCode");
    }
    if user.email.is_some() && settings.mfa_enabled("EmailVerificationCode") {
        factors.push("EmailVerificationCode");
    }
    if user.unused_backup_codes() > 0 && settings.mfa_enabled("BackupCode") {
        factors.push("BackupCode");
    }
    factors
}

/// The user's factors including what this interaction binds
/// (`getUserMfaFactors`): a new TOTP or WebAuthn credential and staged
/// e-mail or phone.
pub fn user_factors(settings: &Settings, user: &User, exp: &Experience) -> Vec<&'static str> {
    let mut factors = stored_factors(settings, user);
    let mut add = |factor: &'static str, present: bool| {
        if present && !factors.contains(&factor) {
            factors.push(factor);
        }
    };
    add("Totp", exp.mfa.totp.is_some());
    add("WebAuthn", !exp.mfa.webauthn.is_empty());
    add(
        "PhoneVerificationCode",
        settings.mfa_enabled("PhoneVerificationCode") && exp.profile.phone.is_some(),
    );
    add(
        "EmailVerificationCode",
        settings.mfa_enabled("EmailVerificationCode") && exp.profile.email.is_some(),
    );
    factors
}

/// The configured factors without backup codes, sorted
/// (`getConfiguredMfaFactors`).
fn configured_factors(settings: &Settings) -> Vec<&'static str> {
    ORDER
        .into_iter()
        .filter(|factor| *factor != "BackupCode" && settings.mfa_enabled(factor))
        .collect()
}

/// Whether the user chose "skip" on the optional prompt (this interaction
/// or earlier).
fn skipped(user: &User, exp: &Experience) -> bool {
    exp.mfa.mfa_skipped || user.mfa_skipped
}

/// Submit's MFA checks (not after SSO). May record that MFA is enabled,
/// as Logto backfills the flag for users who had factors before it.
pub fn assert_fulfilled(ctx: &Ctx, user: &User, exp: &mut Experience) -> ApiResult<()> {
    let settings = &ctx.app.settings;
    if settings.mfa.factors.is_empty() {
        return Ok(());
    }
    let organizations = required_by_organizations(ctx.app, user);
    let factors = user_factors(settings, user, exp);
    assert_optional_enablement(settings, user, exp, &factors, organizations)?;
    assert_mandatory(ctx, user, exp, &factors, organizations)
}

/// `assertOptionalMfaEnablement`: `user.suggest_mfa` until the user turns
/// MFA on or skips it.
fn assert_optional_enablement(
    settings: &Settings,
    user: &User,
    exp: &mut Experience,
    factors: &[&str],
    organizations: bool,
) -> ApiResult<()> {
    let policy = settings.mfa_policy();
    if is_no_skip(policy)
        || policy == "NoPrompt"
        || (exp.event == Event::Register && policy == "PromptOnlyAtSignIn")
        || skipped(user, exp)
        || organizations
    {
        return Ok(());
    }
    let enabled = if exp.mfa.mfa_enabled {
        Some(true)
    } else {
        user.mfa_enabled
    };
    match enabled {
        Some(true) => Ok(()),
        None if !factors.is_empty() => {
            exp.mfa.mfa_enabled = true;
            Ok(())
        }
        _ => Err(ApiError::new("user.suggest_mfa")),
    }
}

/// `assertUserMandatoryMfaFulfilled`: a configured factor must be bound,
/// then maybe a suggestion to add another, then backup codes.
fn assert_mandatory(
    ctx: &Ctx,
    user: &User,
    exp: &Experience,
    factors: &[&'static str],
    organizations: bool,
) -> ApiResult<()> {
    let settings = &ctx.app.settings;
    let policy = settings.mfa_policy();
    let no_skip = is_no_skip(policy);
    if (exp.event == Event::Register && is_prompt_only_at_sign_in(policy))
        || (policy == "NoPrompt" && !organizations)
        || (!no_skip && skipped(user, exp) && !organizations)
    {
        return Ok(());
    }
    let configured = configured_factors(settings);
    let mut linked: Vec<&str> = factors.to_vec();
    if exp.mfa.backup_codes.is_some() {
        linked.push("BackupCode");
    }
    if !configured.iter().any(|factor| linked.contains(factor)) {
        let data = if no_skip || organizations {
            json!({"availableFactors": configured})
        } else {
            json!({"availableFactors": configured, "skippable": true})
        };
        return Err(ApiError::new("user.missing_mfa").with_data(data));
    }
    suggest_additional(settings, user, exp, factors, &configured)?;
    if settings.mfa_enabled("BackupCode") && !linked.contains(&"BackupCode") {
        return Err(ApiError::new("session.mfa.backup_code_required"));
    }
    Ok(())
}

/// Whether e-mail (`email`) or phone (`phone`) is a sign-up identifier, so
/// that its code is a sign-in method rather than only an MFA factor.
fn signs_up_with(settings: &Settings, kind: &str) -> bool {
    settings.sign_up.identifiers.iter().any(|id| id == kind)
        || settings
            .sign_up
            .secondary_identifiers
            .iter()
            .any(|secondary| secondary.identifier == kind || secondary.identifier == "emailOrPhone")
}

/// `guardAdditionalBindingSuggestion`: a user whose only factors can also
/// sign in (e-mail, phone, a passkey) is offered another one, once.
fn suggest_additional(
    settings: &Settings,
    user: &User,
    exp: &Experience,
    factors: &[&str],
    configured: &[&'static str],
) -> ApiResult<()> {
    if exp.mfa.suggestion_skipped || user.mfa_suggestion_skipped {
        return Ok(());
    }
    if configured.iter().all(|factor| factors.contains(factor)) {
        return Ok(());
    }
    let has = |factor: &str| factors.contains(&factor);
    let passkeys = settings.passkey_sign_in.enabled;
    if (has("EmailVerificationCode") && !signs_up_with(settings, "email"))
        || (has("PhoneVerificationCode") && !signs_up_with(settings, "phone"))
        || has("Totp")
        || has("BackupCode")
        || (has("WebAuthn") && !passkeys)
    {
        return Ok(());
    }
    let mut masked = Map::new();
    if let (true, Some(email)) = (has("EmailVerificationCode"), &user.email) {
        masked.insert(
            "EmailVerificationCode".into(),
            json!(super::rules::mask_email(email)),
        );
    }
    if let (true, Some(phone)) = (has("PhoneVerificationCode"), &user.phone) {
        masked.insert(
            "PhoneVerificationCode".into(),
            json!(super::rules::mask_phone(phone)),
        );
    }
    Err(
        ApiError::new("session.mfa.suggest_additional_mfa").with_data(json!({
            "availableFactors": configured,
            "maskedIdentifiers": Value::Object(masked),
            "isWebAuthnUsedAsSignInPasskey": passkeys && has("WebAuthn"),
            "skippable": true,
            "suggestion": true,
        })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_follow_logtos_order() {
        let settings = Settings::parse(&json!({"mfa": {"factors": [
            "EmailVerificationCode", "PhoneVerificationCode", "Totp", "BackupCode"]}}));
        assert_eq!(
            configured_factors(&settings),
            ["Totp", "PhoneVerificationCode", "EmailVerificationCode"]
        );
        let user = User {
            email: Some("a@b.c".into()),
            phone: Some("15555550100".into()),
            totp_secret: Some("JBSWY3DPEHPK3PXP".into()),
            ..User::default()
        };
        assert_eq!(
            stored_factors(&settings, &user),
            ["Totp", "PhoneVerificationCode", "EmailVerificationCode"]
        );
    }
}
