//! The interaction lifecycle: start, switch event, identification, submit,
//! inspect.

use serde_json::json;

use super::{experience, object, opt_bool, opt_str, req_enum, rules, Ctx, Reply};
use crate::{
    errors::{ApiError, ApiResult},
    settings::SignInMode,
    state::{Event, Experience, IdpProfile, Inner, Record, RecordKind, MAX_USERS},
    users::{Identity, User},
    util,
};

/// `PUT /api/experience`: a fresh experience state for the event.
pub fn start(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let event = req_enum(body, &["interactionEvent"], &Event::NAMES)?;
    let captcha = opt_str(body, &["captchaToken"])?;
    let mut fresh = Experience::new(Event::parse(&event).unwrap_or(Event::SignIn));
    if let Some(token) = captcha {
        // Logto has the provider verify the token; the fake provider
        // accepts the configured token, alone or with a `.suffix` (one per
        // widget rendering), each once: providers' tokens are single-use.
        let base = &ctx.app.config.captcha_token;
        let valid = token
            .strip_prefix(base.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'));
        if !valid || !ctx.inner.captcha_tokens_used.insert(token) {
            return Err(ApiError::new("session.captcha_failed"));
        }
        fresh.captcha_verified = true;
    }
    ctx.interaction.experience = Some(fresh);
    ctx.interaction.signed_in_user = None;
    Ok(Reply::NoContent)
}

/// `PUT /api/experience/interaction-event`: keep records, maybe clear profile.
pub fn switch_event(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let event = req_enum(body, &["interactionEvent"], &Event::NAMES)?;
    let event = Event::parse(&event).unwrap_or(Event::SignIn);
    let mode = ctx.app.settings.sign_in_mode;
    let exp = experience(ctx.interaction)?;
    if (event == Event::ForgotPassword) != (exp.event == Event::ForgotPassword) {
        return Err(ApiError::new("session.not_supported_for_forgot_password"));
    }
    let has_token = exp
        .records
        .iter()
        .any(|record| record.verified && matches!(record.kind, RecordKind::OneTimeToken { .. }));
    let forbidden = match event {
        Event::SignIn => mode == SignInMode::Register,
        Event::Register => mode == SignInMode::SignIn && !has_token,
        Event::ForgotPassword => false,
    };
    if forbidden {
        return Err(ApiError::new("auth.forbidden"));
    }
    if exp.event != event {
        exp.profile = Default::default();
        exp.event = event;
    }
    Ok(Reply::NoContent)
}

/// `GET /api/experience/interaction`.
pub fn get(ctx: &mut Ctx) -> ApiResult<Reply> {
    let user_agent = ctx
        .headers
        .get("user-agent")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let ip = ctx
        .headers
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .unwrap_or("127.0.0.1")
        .trim()
        .to_string();
    let exp = experience(ctx.interaction)?;
    let mut body = exp.to_json(&ip, &user_agent);
    if let Some(trusted) = super::trusted_device::availability(&ctx.app.settings, exp) {
        body["trustedDevice"] = trusted;
    }
    Ok(Reply::Json(body))
}

/// `POST /api/experience/identification`.
pub fn identification(ctx: &mut Ctx) -> ApiResult<Reply> {
    let body = object(ctx.body, &[])?;
    let verification_id = opt_str(body, &["verificationId"])?;
    let link_social = opt_bool(body, &["linkSocialIdentity"])?.unwrap_or(false);
    let event = experience(ctx.interaction)?.event;
    match event {
        Event::Register => register(ctx, verification_id.as_deref()),
        Event::SignIn | Event::ForgotPassword => {
            let Some(id) = verification_id else {
                // Logto leaves this placeholder unfilled here.
                return Err(ApiError::new("guard.invalid_input"));
            };
            identify_existing(ctx, event, &id, link_social)?;
            Ok(Reply::NoContent)
        }
    }
}

fn identify_existing(ctx: &mut Ctx, event: Event, id: &str, link_social: bool) -> ApiResult<()> {
    let settings = &ctx.app.settings;
    if event == Event::SignIn && settings.sign_in_mode == SignInMode::Register {
        return Err(ApiError::new("auth.forbidden"));
    }
    let exp = experience(ctx.interaction)?;
    let record = exp
        .record(id)
        .cloned()
        .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
    if !record.verified {
        return Err(ApiError::new("session.verification_failed"));
    }
    let inner = &*ctx.inner;
    let user_id = if event == Event::ForgotPassword {
        // A reset is proven by an enabled code method or a magic link: a
        // verified one-time token passes every method guard
        // (`guardIdentificationMethod`, packages/core/src/routes/experience/
        // classes/libraries/sign-in-experience-validator.ts).
        match &record.kind {
            RecordKind::Code { identifier, .. }
                if settings.forgot_password_allows(&identifier.kind) =>
            {
                user_by_identifier(inner, &identifier.kind, &identifier.value)?
            }
            RecordKind::OneTimeToken { email } => user_by_identifier(inner, "email", email)?,
            _ => {
                return Err(ApiError::new("session.not_supported_for_forgot_password")
                    .with_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY))
            }
        }
    } else {
        sign_in_user(ctx, &record, link_social)?
    };
    let inner = &*ctx.inner;
    let user = inner
        .user(&user_id)
        .ok_or_else(|| ApiError::new("session.identifier_not_found"))?;
    if user.suspended {
        return Err(ApiError::new("user.suspended"));
    }
    let exp = experience(ctx.interaction)?;
    if exp.user_id.as_deref().is_some_and(|known| known != user_id) {
        return Err(ApiError::new("session.identity_conflict"));
    }
    exp.user_id = Some(user_id);
    Ok(())
}

fn user_by_identifier(inner: &Inner, kind: &str, value: &str) -> ApiResult<String> {
    let user = if kind == "phone" {
        inner.user_by_phone(value)
    } else {
        inner.user_by_email(value)
    };
    user.map(|user| user.id.clone()).ok_or_else(|| {
        // Like Logto, the message keeps its `{{ identifier }}` placeholder
        // here; only the one-time-token path fills it.
        ApiError::new("user.user_not_exist").with_data(json!({"identifier": value}))
    })
}

/// SignIn identification: which existing user the record proves.
fn sign_in_user(ctx: &mut Ctx, record: &Record, link_social: bool) -> ApiResult<String> {
    let settings = &ctx.app.settings;
    let method_enabled = |identifier: &str, by_code: bool| {
        settings.sign_in_method(identifier).is_some_and(|method| {
            if by_code {
                method.verification_code
            } else {
                method.password
            }
        })
    };
    let not_enabled = || ApiError::new("user.sign_in_method_not_enabled");
    match &record.kind {
        RecordKind::Password {
            identifier,
            user_id,
        } => {
            if !method_enabled(&identifier.kind, false) {
                return Err(not_enabled());
            }
            if identifier.kind == "email" {
                check_sso_only(ctx, &identifier.value)?;
            }
            Ok(user_id.clone())
        }
        RecordKind::Code { identifier, .. } => {
            if !method_enabled(&identifier.kind, true) {
                return Err(not_enabled());
            }
            if identifier.kind == "email" {
                check_sso_only(ctx, &identifier.value)?;
            }
            user_by_identifier(ctx.inner, &identifier.kind, &identifier.value)
        }
        RecordKind::OneTimeToken { email } => user_by_identifier(ctx.inner, "email", email)
            .map_err(|error| error.with_param("identifier", email)),
        RecordKind::Social {
            target,
            profile: Some(profile),
            ..
        } => {
            if let Some(user) = ctx.inner.user_by_identity(target, &profile.subject) {
                return Ok(user.id.clone());
            }
            let related = related_user(ctx.inner, profile);
            match (related, link_social) {
                (Some((user_id, _)), true) => {
                    // Stage the identity; it is linked at submit.
                    let exp = experience(ctx.interaction)?;
                    exp.profile.social = Some((target.clone(), profile.clone()));
                    Ok(user_id)
                }
                (related, _) => {
                    let data = match related {
                        Some((_, related)) => json!({"relatedUser": related}),
                        None => json!({}),
                    };
                    Err(ApiError::new("user.identity_not_exist").with_data(data))
                }
            }
        }
        RecordKind::Sso {
            connector_id,
            profile: Some(profile),
        } => ctx
            .inner
            .user_by_sso_identity(connector_id, &profile.subject)
            .map(|user| user.id.clone())
            .ok_or_else(|| ApiError::new("user.sso_identity_not_exist")),
        RecordKind::SignInWebAuthn {
            user_id: Some(user_id),
            ..
        } => {
            if !settings.passkey_sign_in.enabled {
                return Err(not_enabled());
            }
            let user = ctx.inner.user(user_id).ok_or_else(|| {
                ApiError::new("user.user_not_exist").with_data(json!({"identifier": user_id}))
            })?;
            if !user.sso_identities.is_empty() {
                return Err(ApiError::new(
                    "session.passkey_sign_in.sso_users_not_allowed",
                ));
            }
            Ok(user_id.clone())
        }
        _ => Err(ApiError::new("session.verification_failed")),
    }
}

/// An existing user with the same verified e-mail or phone as an IdP profile.
fn related_user(inner: &Inner, profile: &IdpProfile) -> Option<(String, serde_json::Value)> {
    if let Some(email) = &profile.email {
        if let Some(user) = inner.user_by_email(email) {
            return Some((user.id.clone(), json!({"type": "email", "value": email})));
        }
    }
    if let Some(phone) = &profile.phone {
        if let Some(user) = inner.user_by_phone(phone) {
            return Some((user.id.clone(), json!({"type": "phone", "value": phone})));
        }
    }
    None
}

/// `session.sso_enabled` when the e-mail's domain must use enterprise SSO.
fn check_sso_only(ctx: &Ctx, email: &str) -> ApiResult<()> {
    if !ctx.app.settings.single_sign_on_enabled {
        return Ok(());
    }
    let connectors = ctx.app.config.connectors.sso_for_email(email);
    if connectors.is_empty() {
        return Ok(());
    }
    let data: Vec<_> = connectors
        .iter()
        .map(|connector| {
            json!({"tenantId": "default", "id": connector.id, "providerName": "OIDC",
                   "connectorName": connector.name, "config": {"issuer": "mock", "clientId": "mock", "clientSecret": "mock",
                              "scope": "openid", "trustUnverifiedEmail": false},
                   "domains": connector.domains,
                   "branding": {}, "syncProfile": true, "enableTokenStorage": false,
                   "createdAt": 0})
        })
        .collect();
    Err(ApiError::new("session.sso_enabled").with_data(json!({"ssoConnectors": data})))
}

/// Register identification: validate, stage, create the user (201).
fn register(ctx: &mut Ctx, verification_id: Option<&str>) -> ApiResult<Reply> {
    let settings = &ctx.app.settings;
    let has_token = {
        let exp = experience(ctx.interaction)?;
        exp.records
            .iter()
            .any(|record| record.verified && matches!(record.kind, RecordKind::OneTimeToken { .. }))
    };
    if settings.sign_in_mode == SignInMode::SignIn && !has_token {
        return Err(ApiError::new("auth.forbidden"));
    }
    rules::check_captcha(settings, experience(ctx.interaction)?)?;
    if experience(ctx.interaction)?.user_id.is_some() {
        // Already created in this interaction.
        return Ok(Reply::Created);
    }
    // SSO identities skip the mandatory profile; social ones need no
    // password and, with `skipRequiredIdentifiers`, no identifiers either.
    let (mut via_social, mut via_sso) = (false, false);
    if let Some(id) = verification_id {
        let record = experience(ctx.interaction)?
            .record(id)
            .cloned()
            .ok_or_else(|| ApiError::new("session.verification_session_not_found"))?;
        if !record.verified {
            return Err(ApiError::new("session.verification_failed"));
        }
        via_social = matches!(record.kind, RecordKind::Social { .. });
        via_sso = matches!(record.kind, RecordKind::Sso { .. });
        stage_from_record(ctx, &record)?;
    }
    let inner = &*ctx.inner;
    let exp = experience(ctx.interaction)?;
    let profile = &exp.profile;
    if let Some(username) = &profile.username {
        if inner.user_by_username(username).is_some() {
            return Err(ApiError::new("user.username_already_in_use"));
        }
    }
    if let Some(email) = &profile.email {
        if inner.user_by_email(email).is_some() {
            return Err(ApiError::new("user.email_already_in_use"));
        }
    }
    if let Some(phone) = &profile.phone {
        if inner.user_by_phone(phone).is_some() {
            return Err(ApiError::new("user.phone_already_in_use"));
        }
    }
    let skip = via_sso || (via_social && settings.social_sign_in.skip_required_identifiers);
    let missing = rules::missing_profile(settings, rules::Has::of(None, exp), via_social);
    if !skip && !missing.is_empty() {
        return Err(rules::missing_profile_error(missing));
    }
    if rules::missing_extra_profile(settings, &exp.profile) {
        return Err(rules::missing_profile_error(vec!["extraProfile"]));
    }
    if ctx.inner.users.len() >= MAX_USERS {
        return Err(ApiError::new("user.create_user_failed")
            .with_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY)
            .with_message("The simulator holds too many users."));
    }
    let profile = std::mem::take(&mut exp.profile);
    let mut user = User {
        id: util::id(12),
        username: profile.username,
        email: profile.email,
        phone: profile.phone,
        name: profile.name,
        avatar: profile.avatar,
        password_hash: profile.password_hash,
        password_set_at: util::now_secs(),
        profile: profile.claims.unwrap_or_default(),
        custom_data: profile.custom_data.unwrap_or_default(),
        ..User::default()
    };
    if let Some((target, idp)) = profile.social {
        user.identities.push(Identity {
            target,
            subject: idp.subject,
        });
    }
    if let Some((connector_id, idp)) = profile.sso {
        user.sso_identities.push(Identity {
            target: connector_id,
            subject: idp.subject,
        });
    }
    println!(
        "logto-sim: registered user {} ({})",
        user.display_name(),
        user.id
    );
    exp.user_id = Some(user.id.clone());
    ctx.inner.users.push(user);
    Ok(Reply::Created)
}

/// Puts what a verified record proves into the staged profile (Register).
fn stage_from_record(ctx: &mut Ctx, record: &Record) -> ApiResult<()> {
    let settings = &ctx.app.settings;
    let inner = &*ctx.inner;
    let exp = experience(ctx.interaction)?;
    match &record.kind {
        RecordKind::Code { identifier, .. } => {
            // Uniqueness (`setProfileWithValidation`, classes/profile.ts)
            // is checked before the sign-up settings.
            let taken = if identifier.kind == "email" {
                inner.user_by_email(&identifier.value).is_some()
            } else {
                inner.user_by_phone(&identifier.value).is_some()
            };
            if taken {
                return Err(ApiError::new(if identifier.kind == "email" {
                    "user.email_already_in_use"
                } else {
                    "user.phone_already_in_use"
                }));
            }
            let allowed = settings
                .sign_up_identifiers()
                .any(|id| id == identifier.kind || id == "emailOrPhone");
            if !allowed {
                return Err(ApiError::new("user.sign_in_method_not_enabled"));
            }
            if identifier.kind == "email" {
                exp.profile.email = Some(identifier.value.to_lowercase());
            } else {
                exp.profile.phone = Some(crate::users::normalize_phone(&identifier.value));
            }
        }
        RecordKind::OneTimeToken { email } => {
            if inner.user_by_email(email).is_some() {
                return Err(ApiError::new("user.email_already_in_use"));
            }
            exp.profile.email = Some(email.to_lowercase());
        }
        RecordKind::NewPasswordIdentity {
            username,
            password_hash,
        } => {
            if inner.user_by_username(username).is_some() {
                return Err(ApiError::new("user.username_already_in_use"));
            }
            exp.profile.username = Some(username.clone());
            exp.profile.password_hash = Some(password_hash.clone());
        }
        RecordKind::Social {
            target,
            profile: Some(idp),
            ..
        } => {
            if inner.user_by_identity(target, &idp.subject).is_some() {
                return Err(ApiError::new("user.identity_already_in_use"));
            }
            stage_idp_profile(settings, inner, exp, idp)?;
            exp.profile.social = Some((target.clone(), idp.clone()));
        }
        RecordKind::Sso {
            connector_id,
            profile: Some(idp),
        } => {
            if inner
                .user_by_sso_identity(connector_id, &idp.subject)
                .is_some()
            {
                return Err(ApiError::new("user.identity_already_in_use"));
            }
            stage_idp_profile(settings, inner, exp, idp)?;
            exp.profile.sso = Some((connector_id.clone(), idp.clone()));
        }
        _ => return Err(ApiError::new("session.verification_failed")),
    }
    Ok(())
}

/// E-mail, phone and name from an IdP, when not taken by someone else.
fn stage_idp_profile(
    settings: &crate::settings::Settings,
    inner: &Inner,
    exp: &mut Experience,
    idp: &IdpProfile,
) -> ApiResult<()> {
    if let Some(email) = &idp.email {
        if exp.profile.email.is_none() && inner.user_by_email(email).is_none() {
            rules::check_blocklist(settings, email)?;
            exp.profile.email = Some(email.to_lowercase());
        }
    }
    if let Some(phone) = &idp.phone {
        if exp.profile.phone.is_none() && inner.user_by_phone(phone).is_none() {
            exp.profile.phone = Some(crate::users::normalize_phone(phone));
        }
    }
    if exp.profile.name.is_none() {
        exp.profile.name = idp.name.clone();
    }
    Ok(())
}

/// `POST /api/experience/submit`, checks in Logto's order.
pub fn submit(ctx: &mut Ctx) -> ApiResult<Reply> {
    let settings = &ctx.app.settings;
    let exp = experience(ctx.interaction)?;
    rules::check_captcha(settings, exp)?;
    let user_id = exp
        .user_id
        .clone()
        .ok_or_else(|| ApiError::new("session.identifier_not_found"))?;
    let user = ctx
        .inner
        .user(&user_id)
        .cloned()
        .ok_or_else(|| ApiError::new("session.identifier_not_found"))?;

    if exp.event == Event::ForgotPassword {
        let hash = exp
            .profile
            .password_hash
            .clone()
            .ok_or_else(|| ApiError::new("user.new_password_required_in_profile"))?;
        if let Some(user) = ctx.inner.user_mut(&user_id) {
            user.password_hash = Some(hash);
            user.password_set_at = util::now_secs();
        }
        // Reset done: the experience state is cleared, nobody is signed in.
        ctx.interaction.experience = None;
        return Ok(Reply::NoContent);
    }
    if user.suspended {
        return Err(ApiError::new("user.suspended"));
    }
    let mut exp = ctx
        .interaction
        .experience
        .clone()
        .ok_or_else(|| ApiError::new("session.interaction_not_found"))?;
    rules::require_mfa_verified(ctx, &exp)?;

    // Staged profile must still be unique.
    let others = ctx.inner.users.iter().filter(|other| other.id != user_id);
    for other in others {
        if exp.profile.username.is_some() && other.username == exp.profile.username {
            return Err(ApiError::new("user.username_already_in_use"));
        }
        if exp.profile.email.is_some() && other.email == exp.profile.email {
            return Err(ApiError::new("user.email_already_in_use"));
        }
        if exp.profile.phone.is_some() && other.phone == exp.profile.phone {
            return Err(ApiError::new("user.phone_already_in_use"));
        }
    }

    let (via_social, via_sso) = rules::identified_via(&exp);
    let skip_identifiers = via_social && settings.social_sign_in.skip_required_identifiers;
    if !via_sso && !skip_identifiers {
        let missing =
            rules::missing_profile(settings, rules::Has::of(Some(&user), &exp), via_social);
        if !missing.is_empty() {
            return Err(rules::missing_profile_error(missing));
        }
    }
    // Logto offers a passkey to whoever signs in without one while passkey
    // sign-in is on (not after SSO), until they skip it.
    if !via_sso
        && settings.passkey_sign_in.enabled
        && !exp.mfa.passkey_skipped
        && !user.passkey_skipped
        && user.webauthn.is_empty()
        && exp.mfa.webauthn.is_empty()
    {
        return Err(ApiError::new("user.passkey_preferred"));
    }
    if !via_sso {
        super::mfa_policy::assert_fulfilled(ctx, &user, &mut exp)?;
    }

    // Everything passed: write the staged data and finish the interaction.
    // A credential registered meanwhile by someone else is not taken over.
    let inner = &*ctx.inner;
    exp.mfa.webauthn.retain(|credential| {
        inner
            .user_by_credential(&credential.id)
            .is_none_or(|owner| owner.id == user_id)
    });
    if let Some(stored) = ctx.inner.user_mut(&user_id) {
        apply_staged(stored, &exp);
    }
    println!(
        "logto-sim: {} signed in as {}",
        exp.event.name(),
        user.display_name()
    );
    ctx.interaction.signed_in_user = Some(user_id.clone());
    // A "trust this device" request is spent by the first successful submit.
    let creation = exp.trusted_device_creation.take();
    if let Some(stored) = ctx.interaction.experience.as_mut() {
        stored.trusted_device_creation = None;
    }
    let updated = ctx.inner.user(&user_id).cloned().unwrap_or(user);
    let trusted = super::trusted_device::finalize(ctx, creation, &updated, &exp);
    let redirect = format!(
        "{}/oidc/auth/{}",
        ctx.app.config.endpoint.trim_end_matches('/'),
        ctx.interaction.uid
    );
    let body = json!({"redirectTo": redirect});
    Ok(match trusted {
        Some(cookie) => Reply::JsonSettingCookie(body, cookie),
        None => Reply::Json(body),
    })
}

fn apply_staged(user: &mut User, exp: &Experience) {
    let profile = &exp.profile;
    if profile.username.is_some() {
        user.username = profile.username.clone();
    }
    if profile.email.is_some() {
        user.email = profile.email.clone();
    }
    if profile.phone.is_some() {
        user.phone = profile.phone.clone();
    }
    if profile.name.is_some() && user.name.is_none() {
        user.name = profile.name.clone();
    }
    if let Some(hash) = &profile.password_hash {
        user.password_hash = Some(hash.clone());
        user.password_set_at = util::now_secs();
    }
    if let Some((target, idp)) = &profile.social {
        if !user.has_identity(target, &idp.subject) {
            user.identities.push(Identity {
                target: target.clone(),
                subject: idp.subject.clone(),
            });
        }
    }
    if profile.avatar.is_some() {
        user.avatar = profile.avatar.clone();
    }
    // `updateUserById` merges JSON columns key by key (`jsonbMode: merge`).
    // A user keeps at most a few hundred keys in each.
    let merge = |into: &mut serde_json::Map<String, serde_json::Value>,
                 from: &Option<serde_json::Map<String, serde_json::Value>>| {
        for (key, value) in from.iter().flatten() {
            if into.len() < 256 || into.contains_key(key) {
                into.insert(key.clone(), value.clone());
            }
        }
    };
    merge(&mut user.profile, &profile.claims);
    merge(&mut user.custom_data, &profile.custom_data);
    if let Some(secret) = &exp.mfa.totp {
        user.totp_secret = Some(secret.clone());
    }
    if let Some(codes) = &exp.mfa.backup_codes {
        user.backup_codes = codes
            .iter()
            .map(|code| crate::users::BackupCode {
                code: code.clone(),
                used: false,
            })
            .collect();
    }
    for credential in &exp.mfa.webauthn {
        user.add_credential(credential.clone());
    }
    if exp.mfa.mfa_skipped {
        user.mfa_skipped = true;
    }
    // Logto's `parseMfaPropertiesToUserConfig` (classes/helpers.ts).
    if exp.mfa.mfa_enabled {
        user.mfa_enabled = Some(true);
    }
    if exp.mfa.suggestion_skipped {
        user.mfa_suggestion_skipped = true;
    }
    // Kept only from a sign-in: a person who skipped at registration is
    // asked again at the next sign-in (as Logto does).
    if exp.mfa.passkey_skipped && exp.event == Event::SignIn {
        user.passkey_skipped = true;
    }
}
