//! MFA trusted devices, a dev feature of Logto: once MFA is verified, the
//! person may ask for this browser to be trusted; a later sign-in of the
//! same user from it skips MFA verification until the trust expires.
//!
//! Follows, in `logto-io/logto` `packages/core/src/`:
//! `routes/experience/classes/trusted-device.ts` (the request, kept in the
//! interaction until a successful submit creates the credential),
//! `routes/experience/classes/experience-interaction.ts`
//! (`guardMfaVerificationStatus`, `hasEligibleTrustedDeviceProof`),
//! `routes/experience/profile-routes.ts` (`POST /profile/mfa/trusted-device`),
//! `routes/experience/index.ts` (`GET /interaction`'s `trustedDevice`),
//! `libraries/trusted-device.ts` (the cookie and its secret) and
//! `libraries/trusted-device-policy.ts` (the effective policy).
//! Logto has the feature only with dev features on, and then serves
//! `trustedDevice` in the settings: the simulator takes the key's presence
//! for them.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{experience, mfa_policy, Ctx, Reply};
use crate::{
    errors::{ApiError, ApiResult},
    settings::Settings,
    state::{Experience, RecordKind, TrustedDevice},
    users::User,
    util,
};

/// The simulator's one tenant.
const TENANT_ID: &str = "default";
/// Outside production, the cookie has no `__Host-` prefix (nor `Secure`).
const COOKIE_PREFIX: &str = "logto-trusted-device-";
const SECRET_BYTES: usize = 32;
const DAY_MS: u128 = 24 * 60 * 60 * 1000;
/// `defaultTrustedDevicePolicy.durationDays`.
const DEFAULT_DURATION_DAYS: u32 = 30;
/// `trusted_devices.id` is a `varchar(21)`.
const MAX_ID_LENGTH: usize = 21;

/// The effective policy (`resolveEffectiveTrustedDevicePolicy`): `None`
/// without the feature; else whether it is on and for how many days.
/// (Organizations that disallow trusted devices are not simulated.)
pub fn policy(settings: &Settings) -> Option<(bool, u32)> {
    let policy = settings.trusted_device.as_ref()?;
    Some((
        policy.enabled.unwrap_or(false),
        policy.duration_days.unwrap_or(DEFAULT_DURATION_DAYS),
    ))
}

/// `GET /interaction`'s `trustedDevice` (`getCreationAvailability`): for an
/// identified user only, whatever was verified so far.
pub fn availability(settings: &Settings, exp: &Experience) -> Option<Value> {
    let (enabled, days) = policy(settings)?;
    exp.user_id.as_ref()?;
    Some(if enabled {
        json!({"canCreate": true, "durationDays": days})
    } else {
        json!({"canCreate": false})
    })
}

/// `POST /profile/mfa/trusted-device`: the route exists only with the
/// feature; behind the MFA profile routes' guard (not for a password reset,
/// identified, MFA verified at sign-in), it needs a proof of this
/// interaction that may create trust, and records the request (one device
/// id, kept across repeated requests). Whether the policy is on is checked
/// when the credential is created, at submit.
pub fn request_creation(ctx: &mut Ctx) -> ApiResult<Reply> {
    if policy(&ctx.app.settings).is_none() {
        return Err(ApiError::new("entity.not_found"));
    }
    let user = super::mfa::profile_user(ctx)?;
    let exp = experience(ctx.interaction)?;
    if !has_eligible_proof(&ctx.app.settings, &user, exp) {
        return Err(ApiError::new("session.mfa.require_mfa_verification"));
    }
    exp.trusted_device_creation
        .get_or_insert_with(|| util::id(MAX_ID_LENGTH));
    Ok(Reply::NoContent)
}

/// `hasEligibleTrustedDeviceProof`: a verified MFA verification of one of
/// the user's factors (a newly staged address counts), other than a
/// backup code and other than a new binding's own verification; or a TOTP
/// or WebAuthn factor bound in this interaction.
pub fn has_eligible_proof(settings: &Settings, user: &User, exp: &Experience) -> bool {
    let factors = mfa_policy::user_factors(settings, user, exp);
    let verified = exp
        .records
        .iter()
        .filter(|record| record.verified)
        .any(|record| {
            let factor = match &record.kind {
                RecordKind::Totp { secret: None, .. } => "Totp",
                RecordKind::WebAuthn {
                    credential: None, ..
                } => "WebAuthn",
                RecordKind::Code { identifier, .. } => match identifier.kind.as_str() {
                    "mfa-email" => "EmailVerificationCode",
                    "mfa-phone" => "PhoneVerificationCode",
                    _ => return false,
                },
                _ => return false,
            };
            factors.contains(&factor)
        });
    verified || exp.mfa.totp.is_some() || !exp.mfa.webauthn.is_empty()
}

/// The cookie of `user_id`'s credential (`getTrustedDeviceCookieName`).
pub fn cookie_name(user_id: &str) -> String {
    let subject = Sha256::digest(format!("{TENANT_ID}:{user_id}").as_bytes());
    format!("{COOKIE_PREFIX}{}", util::base64url(&subject))
}

/// Whether this browser's credential for `user_id` stands in for MFA
/// verification (`tryFulfillMfa`, `validateCredential`): the policy is on,
/// and the cookie names a live trusted device of this user with the right
/// secret. (Logto also clears a cookie that fails; the simulator leaves it.)
pub fn fulfils_mfa(ctx: &Ctx, user_id: &str) -> bool {
    if !policy(&ctx.app.settings).is_some_and(|(enabled, _)| enabled) {
        return false;
    }
    let Some(value) = super::cookie(ctx.headers, &cookie_name(user_id)) else {
        return false;
    };
    let Some((id, secret)) = parse_credential(&value) else {
        return false;
    };
    ctx.inner.trusted_devices.get(id).is_some_and(|device| {
        device.user_id == user_id
            && device.expires_ms > util::now_ms()
            && util::constant_time_eq(Sha256::digest(&secret).as_slice(), &device.secret_hash)
    })
}

/// `<id>.<secret>` (`parseTrustedDeviceCredential`): a lower-case
/// alphanumeric id and a canonical base64url secret of 32 bytes.
fn parse_credential(value: &str) -> Option<(&str, Vec<u8>)> {
    let mut parts = value.split('.');
    let (id, secret) = (parts.next()?, parts.next()?);
    let id_ok = !id.is_empty()
        && id.len() <= MAX_ID_LENGTH
        && id
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit());
    if parts.next().is_some() || !id_ok {
        return None;
    }
    let bytes = util::base64url_decode(secret)?;
    (bytes.len() == SECRET_BYTES && util::base64url(&bytes) == secret).then_some((id, bytes))
}

/// After a successful submit (`finalize`, `createCredential`): a recorded
/// request whose proof still holds creates the trusted device while the
/// policy is on; the answer's `Set-Cookie` hands the browser its secret,
/// for the policy's days.
pub fn finalize(
    ctx: &mut Ctx,
    creation: Option<String>,
    user: &User,
    exp: &Experience,
) -> Option<String> {
    let device_id = creation?;
    let (enabled, days) = policy(&ctx.app.settings)?;
    if !enabled || !has_eligible_proof(&ctx.app.settings, user, exp) {
        return None;
    }
    if ctx.inner.trusted_devices.contains_key(&device_id) {
        // `insertIfNotExists` lost the race: no cookie.
        return None;
    }
    let mut secret = [0u8; SECRET_BYTES];
    util::random_bytes(&mut secret);
    let lifetime_ms = u128::from(days) * DAY_MS;
    ctx.inner.trusted_devices.insert(
        device_id.clone(),
        TrustedDevice {
            user_id: user.id.clone(),
            secret_hash: Sha256::digest(secret).to_vec(),
            expires_ms: util::now_ms() + lifetime_ms,
        },
    );
    println!(
        "logto-sim: {} trusts this device for {days} days",
        user.display_name()
    );
    // Koa writes `expires` from `maxAge`; `max-age` says the same.
    Some(format!(
        "{}={device_id}.{}; path=/; max-age={}; samesite=lax; httponly",
        cookie_name(&user.id),
        util::base64url(&secret),
        lifetime_ms / 1000
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_parse_as_logto_writes_them() {
        let secret = util::base64url(&[7u8; SECRET_BYTES]);
        let value = format!("abc123.{secret}");
        assert_eq!(
            parse_credential(&value).map(|(id, bytes)| (id.to_owned(), bytes.len())),
            Some(("abc123".to_owned(), SECRET_BYTES))
        );
        for bad in [
            format!("ABC.{secret}"),
            format!(".{secret}"),
            format!("abc.{secret}.x"),
            "abc.c2hvcnQ".to_owned(),
            format!("{}.{secret}", "a".repeat(22)),
            "abc".to_owned(),
        ] {
            assert!(parse_credential(&bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_cookie_is_named_after_the_tenant_and_user() {
        let name = cookie_name("user-1");
        assert!(name.starts_with(COOKIE_PREFIX));
        assert_ne!(name, cookie_name("user-2"));
        assert_eq!(name.len(), COOKIE_PREFIX.len() + 43);
    }

    #[test]
    fn the_policy_defaults_to_off_for_thirty_days() {
        let settings = Settings::parse(&json!({"trustedDevice": {}}));
        assert_eq!(policy(&settings), Some((false, 30)));
        let settings =
            Settings::parse(&json!({"trustedDevice": {"enabled": true, "durationDays": 7}}));
        assert_eq!(policy(&settings), Some((true, 7)));
        assert_eq!(policy(&Settings::parse(&json!({}))), None);
    }
}
