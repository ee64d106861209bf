//! MFA routes: TOTP, backup codes, e-mail/SMS codes as a second factor,
//! binding and the prompt flags (WebAuthn ceremonies are in `webauthn`).

use std::time::Instant;

use axum::http::StatusCode;

use serde_json::json;

use super::{experience, object, opt_str, req_enum, req_str, rules, Ctx, Reply};
use crate::{
    errors::{ApiError, ApiResult},
    mfa, outbox,
    state::{Event, Experience, Identifier, Record, RecordKind},
    users::User,
    util,
};

/// The identified user's id (`404 session.identifier_not_found` otherwise).
fn user_id(exp: &Experience) -> ApiResult<String> {
    exp.user_id
        .clone()
        .ok_or_else(|| ApiError::new("session.identifier_not_found"))
}

/// `POST /verification/totp/secret`: a new secret to bind.
pub fn totp_secret(ctx: &mut Ctx) -> ApiResult<Reply> {
    let exp = experience(ctx.interaction)?;
    let user_id = user_id(exp)?;
    let secret = mfa::new_secret();
    let account = ctx
        .inner
        .user(&user_id)
        .map(|user| user.display_name())
        .unwrap_or_else(|| user_id.clone());
    let qr = mfa::qr_data_url(&mfa::otpauth_uri("Logto", &account, &secret));
    let id = exp.put_record(Record::new(
        RecordKind::Totp {
            user_id,
            secret: Some(secret.clone()),
        },
        false,
    ));
    Ok(Reply::Json(
        json!({"verificationId": id, "secret": secret, "secretQrCode": qr}),
    ))
}

/// `POST /verification/totp/verify`: with `verificationId` a new secret is
/// being bound; without, the user's existing TOTP is checked (sentinel-guarded).
pub fn totp_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let code = req_str(body, &["code"])?;
    let verification_id = opt_str(body, &["verificationId"])?;
    let exp = experience(ctx.interaction)?;
    let user_id = user_id(exp)?;
    if let Some(id) = verification_id {
        let record = exp
            .record_mut(&id)
            .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
        let RecordKind::Totp {
            secret: Some(secret),
            ..
        } = &record.kind
        else {
            return Err(ApiError::new("session.verification_session_not_found"));
        };
        if !mfa::verify_totp(secret, &code) {
            return Err(ApiError::new("session.mfa.invalid_totp_code"));
        }
        record.verified = true;
        return Ok(Reply::Json(json!({"verificationId": id})));
    }
    let key = format!("user:{user_id}");
    rules::sentinel_check(ctx.inner, &app.settings, &key)?;
    let secret = ctx
        .inner
        .user(&user_id)
        .and_then(|user| user.totp_secret.clone());
    if !secret.is_some_and(|secret| mfa::verify_totp(&secret, &code)) {
        let error = ApiError::new("session.mfa.invalid_totp_code");
        return Err(rules::sentinel_fail(ctx.inner, &app.settings, &key, error));
    }
    let exp = experience(ctx.interaction)?;
    exp.mfa.verified = true;
    let id = exp.put_record(Record::new(
        RecordKind::Totp {
            user_id,
            secret: None,
        },
        true,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// `POST /verification/backup-code/generate`.
pub fn backup_generate(ctx: &mut Ctx) -> ApiResult<Reply> {
    let exp = experience(ctx.interaction)?;
    let user_id = user_id(exp)?;
    let codes = mfa::new_backup_codes();
    let id = exp.put_record(Record::new(
        RecordKind::BackupCode {
            user_id,
            codes: Some(codes.clone()),
        },
        false,
    ));
    Ok(Reply::Json(json!({"verificationId": id, "codes": codes})))
}

/// `POST /verification/backup-code/verify`: spends one code.
pub fn backup_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let body = object(ctx.body, &[])?;
    let code = req_str(body, &["code"])?;
    let user_id = user_id(experience(ctx.interaction)?)?;
    let key = format!("user:{user_id}");
    rules::sentinel_check(ctx.inner, &app.settings, &key)?;
    let spent = ctx.inner.user_mut(&user_id).and_then(|user| {
        user.backup_codes
            .iter_mut()
            .find(|stored| {
                !stored.used && util::constant_time_eq(stored.code.as_bytes(), code.as_bytes())
            })
            .map(|stored| stored.used = true)
    });
    if spent.is_none() {
        let error = ApiError::new("session.mfa.invalid_backup_code");
        return Err(rules::sentinel_fail(ctx.inner, &app.settings, &key, error));
    }
    let exp = experience(ctx.interaction)?;
    exp.mfa.verified = true;
    let id = exp.put_record(Record::new(
        RecordKind::BackupCode {
            user_id,
            codes: None,
        },
        true,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// `POST /verification/mfa-verification-code`: a code to the identified
/// user's own address (Logto's `getMfaIdentifier`: 400 before
/// identification; no address is `mfa_factor_not_enabled`).
pub fn mfa_code_send(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let kind = req_enum(body, &["identifierType"], &["email", "phone"])?;
    let user_id = experience(ctx.interaction)?
        .user_id
        .clone()
        .ok_or_else(|| {
            ApiError::new("session.identifier_not_found").with_status(StatusCode::BAD_REQUEST)
        })?;
    let address = ctx.inner.user(&user_id).and_then(|user| {
        if kind == "email" {
            user.email.clone()
        } else {
            user.phone.clone()
        }
    });
    let address = address.ok_or_else(|| ApiError::new("session.mfa.mfa_factor_not_enabled"))?;
    outbox::check_rate(ctx.inner, &address)?;
    let code = util::digits(6);
    outbox::send(ctx.inner, &kind, &address, &code, "SignIn");
    let exp = experience(ctx.interaction)?;
    // Kept apart from first-factor code records by a marker identifier.
    let id = exp.put_record(Record::new(
        RecordKind::Code {
            identifier: Identifier {
                kind: format!("mfa-{kind}"),
                value: address,
            },
            code,
            sent: Instant::now(),
            failures: 0,
        },
        false,
    ));
    Ok(Reply::Json(json!({"verificationId": id})))
}

/// `POST /verification/mfa-verification-code/verify`: the record is looked
/// up by the MFA code type of `identifierType` and checked against the
/// address it was sent to (verification-code.ts); no identification or
/// settings check comes first.
pub fn mfa_code_verify(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let verification_id = req_str(body, &["verificationId"])?;
    let code = req_str(body, &["code"])?;
    let kind = req_enum(body, &["identifierType"], &["email", "phone"])?;
    let type_name = if kind == "email" {
        "MfaEmailVerificationCode"
    } else {
        "MfaPhoneVerificationCode"
    };
    let exp = experience(ctx.interaction)?;
    let sent_to = match exp
        .record(&verification_id)
        .filter(|record| record.type_name() == type_name)
        .map(|record| &record.kind)
    {
        Some(RecordKind::Code { identifier, .. }) => identifier.value.clone(),
        _ => return Err(ApiError::new("session.verification_session_not_found")),
    };
    let identifier = Identifier {
        kind,
        value: sent_to,
    };
    super::verification::verify_code(ctx, type_name, &verification_id, &identifier, &code)?;
    experience(ctx.interaction)?.mfa.verified = true;
    Ok(Reply::Json(json!({"verificationId": verification_id})))
}

/// Common gate of every `/profile/mfa*` route.
pub(super) fn profile_gate(ctx: &mut Ctx) -> ApiResult<String> {
    let exp = experience(ctx.interaction)?;
    if exp.event == Event::ForgotPassword {
        return Err(ApiError::new("session.not_supported_for_forgot_password"));
    }
    let user_id = user_id(exp)?;
    let exp = exp.clone();
    rules::require_mfa_verified(ctx, &exp)?;
    Ok(user_id)
}

/// The gate's user, for the routes that check their factors.
pub(super) fn profile_user(ctx: &mut Ctx) -> ApiResult<User> {
    let user_id = profile_gate(ctx)?;
    ctx.inner
        .user(&user_id)
        .cloned()
        .ok_or_else(|| ApiError::new("session.identifier_not_found"))
}

/// The record `id` if it is the interaction's record of `type_name`
/// (`getVerificationRecordByTypeAndId`: 404 otherwise).
fn record_of_type(exp: &Experience, type_name: &str, id: &str) -> ApiResult<Record> {
    exp.record(id)
        .filter(|record| record.type_name() == type_name)
        .cloned()
        .ok_or_else(|| ApiError::new("session.verification_session_not_found"))
}

/// `checkMfaFactorsEnabledInSignInExperience` (classes/mfa.ts): WebAuthn
/// is also bindable as a passkey when passkey sign-in is on.
fn check_bindable(settings: &crate::settings::Settings, factor: &str) -> ApiResult<()> {
    if settings.mfa_enabled(factor) || (factor == "WebAuthn" && settings.passkey_sign_in.enabled) {
        Ok(())
    } else {
        Err(ApiError::new("session.mfa.mfa_factor_not_enabled"))
    }
}

/// `POST /profile/mfa {type, verificationId}`: stage a factor binding, in
/// the order of Logto's `profile-routes.ts` and `classes/mfa.ts`: the
/// record is looked up by the factor's own type first.
pub fn bind(ctx: &mut Ctx) -> ApiResult<Reply> {
    let app = ctx.app;
    let settings = &app.settings;
    let body = object(ctx.body, &[])?;
    let factor = req_enum(
        body,
        &["type"],
        &[
            "Totp",
            "WebAuthn",
            "BackupCode",
            "EmailVerificationCode",
            "PhoneVerificationCode",
        ],
    )?;
    let verification_id = req_str(body, &["verificationId"])?;
    let user = profile_user(ctx)?;
    let exp = experience(ctx.interaction)?;
    match factor.as_str() {
        "Totp" => {
            let record = record_of_type(exp, "Totp", &verification_id)?;
            if !record.verified {
                return Err(ApiError::new("session.verification_failed"));
            }
            let RecordKind::Totp {
                secret: Some(secret),
                ..
            } = record.kind
            else {
                return Err(ApiError::new("session.mfa.pending_info_not_found"));
            };
            check_bindable(settings, "Totp")?;
            if user.totp_secret.is_some() {
                return Err(ApiError::new("user.totp_already_in_use"));
            }
            exp.mfa.totp = Some(secret);
        }
        "WebAuthn" => {
            record_of_type(exp, "WebAuthn", &verification_id)?;
            check_bindable(settings, "WebAuthn")?;
            super::webauthn::stage_credential(exp, &verification_id)?;
        }
        "BackupCode" => {
            let record = record_of_type(exp, "BackupCode", &verification_id)?;
            check_bindable(settings, "BackupCode")?;
            let factors = super::mfa_policy::user_factors(settings, &user, exp);
            if factors.iter().all(|factor| *factor == "BackupCode") {
                return Err(ApiError::new("session.mfa.backup_code_can_not_be_alone"));
            }
            let RecordKind::BackupCode {
                codes: Some(codes), ..
            } = record.kind
            else {
                return Err(ApiError::new("session.mfa.pending_info_not_found"));
            };
            exp.mfa.backup_codes = Some(codes);
        }
        // An address bound as a factor is a profile update (whether or not
        // the code factor is enabled), then counts as this sign-in's MFA.
        _ => {
            let kind = if factor == "EmailVerificationCode" {
                "email"
            } else {
                "phone"
            };
            super::profile::stage_address(ctx, kind, &verification_id, Some(&user))?;
            let exp = experience(ctx.interaction)?;
            let address = if kind == "email" {
                exp.profile.email.clone()
            } else {
                exp.profile.phone.clone()
            };
            if let Some(address) = address {
                exp.put_record(Record::new(
                    RecordKind::Code {
                        identifier: Identifier {
                            kind: format!("mfa-{kind}"),
                            value: address,
                        },
                        code: String::new(),
                        sent: Instant::now(),
                        failures: 0,
                    },
                    true,
                ));
            }
        }
    }
    experience(ctx.interaction)?.mfa.mfa_enabled = true;
    Ok(Reply::NoContent)
}

pub enum Flag {
    Enabled,
    Skipped,
    SuggestionSkipped,
    PasskeySkipped,
}

/// The `/profile/mfa/*-skipped` and `mfa-enabled` switches.
pub fn flag(ctx: &mut Ctx, flag: Flag) -> ApiResult<Reply> {
    let app = ctx.app;
    let user_id = profile_gate(ctx)?;
    let user = ctx.inner.user(&user_id).cloned();
    let exp = experience(ctx.interaction)?;
    match flag {
        Flag::Enabled => exp.mfa.mfa_enabled = true,
        Flag::Skipped => {
            // `Mfa.skip` (classes/mfa.ts): not for no-skip policies nor for
            // members of an organization that requires MFA.
            if super::mfa_policy::is_no_skip(app.settings.mfa_policy())
                || user
                    .as_ref()
                    .is_some_and(|user| super::mfa_policy::required_by_organizations(app, user))
            {
                return Err(ApiError::new("session.mfa.mfa_policy_not_user_controlled"));
            }
            exp.mfa.mfa_skipped = true;
        }
        Flag::SuggestionSkipped => exp.mfa.suggestion_skipped = true,
        Flag::PasskeySkipped => exp.mfa.passkey_skipped = true,
    }
    Ok(Reply::NoContent)
}
