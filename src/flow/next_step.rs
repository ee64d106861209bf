//! Where an error answer leads (reference §5): one decision for every
//! identification, submit, profile and verification call, so that pages
//! only render the step and never branch on codes themselves.
//!
//! Branches are on [`ErrorCode`] and typed [`ErrorData`], never on the
//! localized `message`, which the page shows as it is.

use crate::api::error::{MaskedIdentifiers, MissingProfile, RelatedUser};
use crate::api::settings::{SignInMode, SignUpIdentifier};
use crate::api::{
    ApiError, ErrorCode, ErrorData, ExperienceSettings, InteractionEvent, MfaFactor,
    SignInIdentifier,
};

use super::password_policy::Rule;

/// The first factor of the attempt that failed: conversions ("create an
/// account?", "sign in instead?") depend on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Password verification (or `new-password-identity`).
    Password,
    /// A code sent to this identifier type (sign-in, register, forgot
    /// password, or a continue page linking an address).
    Code(SignInIdentifier),
    /// A social connector callback.
    Social,
    /// An enterprise SSO callback.
    Sso,
    /// A passkey.
    Passkey,
    /// A magic link.
    OneTimeToken,
    /// MFA, profile pages and everything else.
    Other,
}

/// What the page knows about the attempt.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub settings: &'a ExperienceSettings,
    /// The interaction event the attempt runs under.
    pub event: &'a InteractionEvent,
    pub via: &'a Via,
    /// A verified social identity waits to be linked (profile fulfilment
    /// after a social registration, Logto's `link_social`).
    pub pending_social: bool,
}

/// The input an inline error belongs next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The identifier input (username, email, phone).
    Identifier,
    /// The (new) password input.
    Password,
    /// The verification / TOTP / backup code input.
    Code,
    /// The "confirm password" input (client-side check only).
    Confirm,
    /// The form as a whole (a notice above the submit button).
    Form,
}

/// The next step after an error.
#[derive(Debug, Clone, PartialEq)]
pub enum NextStep {
    /// Profile fulfilment for the first missing item; the server asks again
    /// for the next one after each submit (`/continue/<item>`).
    Profile(MissingProfile),
    /// MFA verification, starting with the first (last used) factor.
    MfaVerification {
        factors: Vec<MfaFactor>,
        masked: MaskedIdentifiers,
    },
    /// MFA binding: a factor list when several, the factor page when one.
    MfaBinding {
        factors: Vec<MfaFactor>,
        skippable: bool,
    },
    /// "Add another factor" suggestion; always skippable.
    MfaSuggestion {
        factors: Vec<MfaFactor>,
        masked: MaskedIdentifiers,
        web_authn_is_sign_in_passkey: bool,
    },
    /// "Turn on 2-step verification?" (Enable / Skip).
    MfaOnboarding,
    /// Generate and show backup codes.
    BackupCodes,
    /// "Create a passkey" prompt (with Skip).
    PasskeyEnrolment,
    /// Forgot password: the identity is proven, set a new password.
    NewPassword,
    /// Social identity without a user, but a user has its email/phone:
    /// link automatically, or ask "link with `<address>`?".
    LinkSocial {
        related: RelatedUser,
        automatic: bool,
        /// Whether "create a new account" may be offered beside linking.
        can_register: bool,
    },
    /// The terms must be agreed to before this registration (Logto's
    /// "Agree" dialog), then it runs again.
    AgreeToTerms,
    /// Social/SSO identity without a user: register it (terms check first,
    /// then `PUT /interaction-event {Register}` → identification → submit).
    RegisterIdentity,
    /// Code sign-in for an unknown address: confirm "no account, create
    /// one?" (`description.sign_in_id_does_not_exist`), then as above.
    CreateAccount { identifier: String },
    /// Registration of an address that has an account: confirm "sign in
    /// instead?" (`description.create_account_id_exists`).
    SignInInstead,
    /// The address being linked belongs to an account while a social
    /// identity waits: confirm "link and continue".
    LinkSocialInstead,
    /// Correct but expired password: blocking notice, then forgot password
    /// with the identifier prefilled when `reset` is possible.
    PasswordExpired { reset: bool },
    /// Terminal "account suspended" page.
    Suspended,
    /// The interaction is gone: the person must start again from the app.
    SessionExpired,
    /// Server state no longer matches the page: start over at the landing
    /// page (a fresh `PUT /api/experience`).
    Restart,
    /// The verification record is stale: redo that verification (resend the
    /// code, go back to the code step).
    RedoVerification,
    /// Sentinel lockout: show the message (it holds the wait time) and keep
    /// submit disabled for a while.
    Locked,
    /// Run the captcha and restart the attempt with its token.
    Captcha { failed: bool },
    /// The email's domain must use enterprise SSO.
    SingleSignOn { connector_ids: Vec<String> },
    /// Sending a code failed on the connector's usage limit: continue with
    /// the password step (`error.send_verification_code_failed_use_password`).
    UsePassword,
    /// A magic link that cannot be used: the "invalid link" page.
    InvalidLink,
    /// A passkey is not available for this identifier: continue with
    /// password/code without a word.
    Silent,
    /// Tell the person in a modal, then go back one screen, or to
    /// `/sign-in` when `to_sign_in`.
    Alert { to_sign_in: bool },
    /// Show the message next to `field`; `clear` empties that input.
    Inline { field: Field, clear: bool },
    /// `password.rejected`: show the failed rules next to the password.
    PasswordRejected(Vec<Rule>),
}

/// Decides the next step for `error` in `context`.
pub fn next_step(error: &ApiError, context: Context<'_>) -> NextStep {
    use ErrorCode as C;
    let Some(code) = error.code() else {
        // Transport failures: the form stays as it is; see `fallback_phrase`.
        return form();
    };
    let settings = context.settings;
    let via = context.via;
    let social = matches!(via, Via::Social | Via::Sso);
    let data = error.data();
    match code {
        C::SessionNotFound | C::SessionInteractionNotFound => NextStep::SessionExpired,
        C::SessionIdentifierNotFound
        | C::SessionIdentityConflict
        | C::SessionInvalidInteractionType => NextStep::Restart,
        C::SessionVerificationSessionNotFound | C::SessionVerificationFailed => {
            NextStep::RedoVerification
        }
        C::UserMissingProfile => match data {
            Some(ErrorData::MissingProfile(items)) => match items.first() {
                Some(first) => NextStep::Profile(first.clone()),
                None => form(),
            },
            _ => form(),
        },
        C::SessionMfaRequireMfaVerification => match mfa(data) {
            Some((factors, d)) => NextStep::MfaVerification {
                factors,
                masked: d.masked_identifiers.clone(),
            },
            None => form(),
        },
        C::UserMissingMfa => match mfa(data) {
            Some((factors, d)) => NextStep::MfaBinding {
                factors,
                skippable: d.skippable == Some(true),
            },
            None => form(),
        },
        C::SessionMfaSuggestAdditionalMfa => match mfa(data) {
            Some((factors, d)) => NextStep::MfaSuggestion {
                factors,
                masked: d.masked_identifiers.clone(),
                web_authn_is_sign_in_passkey: d.is_web_authn_used_as_sign_in_passkey == Some(true),
            },
            None => form(),
        },
        C::UserSuggestMfa => NextStep::MfaOnboarding,
        C::SessionMfaBackupCodeRequired => NextStep::BackupCodes,
        C::UserPasskeyPreferred => NextStep::PasskeyEnrolment,
        C::UserNewPasswordRequiredInProfile => NextStep::NewPassword,
        C::UserIdentityNotExist => {
            let can_register = settings.sign_in_mode != SignInMode::SignIn;
            match data {
                Some(ErrorData::IdentityNotExist {
                    related_user: Some(related),
                }) => NextStep::LinkSocial {
                    related: related.clone(),
                    automatic: settings.social_sign_in.automatic_account_linking == Some(true),
                    can_register,
                },
                _ if can_register => NextStep::RegisterIdentity,
                _ => NextStep::Alert { to_sign_in: true },
            }
        }
        C::UserSsoIdentityNotExist if settings.sign_in_mode != SignInMode::SignIn => {
            NextStep::RegisterIdentity
        }
        C::UserUserNotExist => {
            let identifier = match data {
                Some(ErrorData::UserNotExist { identifier }) => identifier.clone(),
                _ => String::new(),
            };
            let convertible = match via {
                Via::OneTimeToken => true,
                Via::Code(kind) => {
                    *context.event == InteractionEvent::SignIn && can_register_with(settings, kind)
                }
                _ => false,
            };
            if convertible {
                NextStep::CreateAccount { identifier }
            } else {
                NextStep::Alert { to_sign_in: false }
            }
        }
        C::UserEmailAlreadyInUse | C::UserPhoneAlreadyInUse => match via {
            // Linking signs in with the proven address: only where that
            // address may sign in by code (Logto's continue flow,
            // `use-continue-flow-code-verification.ts` and its
            // `link-social-identifier-in-use.test.tsx`); else the alert.
            Via::Code(kind) if context.pending_social => {
                if can_sign_in_with_code(settings, kind) {
                    NextStep::LinkSocialInstead
                } else {
                    NextStep::Alert { to_sign_in: false }
                }
            }
            Via::Code(kind)
                if *context.event == InteractionEvent::Register
                    && can_sign_in_with_code(settings, kind) =>
            {
                NextStep::SignInInstead
            }
            _ => NextStep::Alert { to_sign_in: social },
        },
        C::PasswordExpired => NextStep::PasswordExpired {
            reset: settings.forgot_password.email || settings.forgot_password.phone,
        },
        C::PasswordRejected => match data {
            Some(ErrorData::PasswordRejected(issues)) => {
                NextStep::PasswordRejected(super::password_policy::from_server(issues))
            }
            _ => inline(Field::Password, false),
        },
        C::UserSuspended => NextStep::Suspended,
        C::SessionVerificationBlockedTooManyAttempts => NextStep::Locked,
        C::SessionCaptchaRequired => NextStep::Captcha { failed: false },
        C::SessionCaptchaFailed => NextStep::Captcha { failed: true },
        C::SessionSsoEnabled => NextStep::SingleSignOn {
            connector_ids: match data {
                Some(ErrorData::SsoEnabled { sso_connectors }) => sso_connectors
                    .iter()
                    .filter_map(|c| c.get("id")?.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            },
        },
        C::ConnectorUsageLimitExceeded
            if *context.event == InteractionEvent::SignIn
                && matches!(via, Via::Code(kind) if password_allowed(settings, kind)) =>
        {
            NextStep::UsePassword
        }
        C::SessionMfaWebauthnVerificationNotFound if *via == Via::Passkey => NextStep::Silent,
        C::OneTimeTokenEmailMismatch
        | C::OneTimeTokenInteractionEventMismatch
        | C::OneTimeTokenTokenConsumed
        | C::OneTimeTokenTokenExpired
        | C::OneTimeTokenTokenNotFound
        | C::OneTimeTokenTokenRevoked => NextStep::InvalidLink,
        // Email blocklists: inline at code send, fatal for a social/SSO registration.
        C::SessionEmailBlocklistEmailNotAllowed
        | C::SessionEmailBlocklistEmailSubaddressingNotAllowed
        | C::SessionEmailBlocklistInvalidEmail
        | C::SessionEmailBlocklistDisposableEmailValidationFailed
            if !social =>
        {
            inline(Field::Identifier, false)
        }
        C::UserUsernameExistsInProfile
        | C::UserEmailExistsInProfile
        | C::UserPhoneExistsInProfile
        | C::UserPasswordExistsInProfile
        | C::SessionNotSupportedForForgotPassword
        | C::AuthForbidden => NextStep::Alert { to_sign_in: false },
        C::SessionInvalidCredentials | C::UserSamePassword => inline(Field::Password, false),
        C::UserUsernameAlreadyInUse | C::UserSignInMethodNotEnabled => {
            inline(Field::Identifier, false)
        }
        C::VerificationCodeExpired
        | C::VerificationCodeCodeMismatch
        | C::VerificationCodeExceedMaxTry
        | C::VerificationCodeNotFound
        | C::VerificationCodeEmailMismatch
        | C::VerificationCodePhoneMismatch
        | C::SessionMfaInvalidTotpCode
        | C::SessionMfaInvalidBackupCode => inline(Field::Code, true),
        C::GuardInvalidInput => inline(guard_field(data), false),
        // Too many codes to this address: said at the address, which stays
        // as typed (another address may be fine).
        C::RequestMessageRateLimited => inline(Field::Identifier, false),
        // A callback that failed leaves nothing to retry on that page.
        _ if social => NextStep::Alert { to_sign_in: true },
        _ => form(),
    }
}

/// The text for a failed call: the server's (localized) message, else what
/// went wrong in the page's language (`t`) with the technical detail.
pub fn message(error: &ApiError, t: impl Fn(&str) -> String) -> String {
    match error {
        // Logto's answer to an unexpected failure is a bare English
        // "Internal server error." (koa-error-handler.ts): lead with ours.
        ApiError::Server(server) if server.code.as_str().is_empty() && server.status >= 500 => {
            format!("{} ({error})", t("error.something_went_wrong"))
        }
        ApiError::Server(server) if !server.message.is_empty() => match &server.data {
            // Some messages come with their placeholder unfilled
            // ("User with {{ identifier }} does not exist.").
            Some(ErrorData::UserNotExist { identifier }) => server
                .message
                .replace("{{ identifier }}", identifier)
                .replace("{{identifier}}", identifier),
            _ => server.message.clone(),
        },
        ApiError::Timeout => t("error.timeout"),
        ApiError::TooManyRequests { .. } => t("logto_experience.too_many_requests"),
        _ => format!("{} ({error})", t("error.something_went_wrong")),
    }
}

fn inline(field: Field, clear: bool) -> NextStep {
    NextStep::Inline { field, clear }
}

fn form() -> NextStep {
    inline(Field::Form, false)
}

fn mfa(data: Option<&ErrorData>) -> Option<(Vec<MfaFactor>, &crate::api::error::MfaData)> {
    match data {
        Some(ErrorData::Mfa(d)) if !d.available_factors.is_empty() => {
            Some((d.available_factors.clone(), d))
        }
        _ => None,
    }
}

/// The field a `guard.invalid_input` issue names (its first path item).
fn guard_field(data: Option<&ErrorData>) -> Field {
    let Some(ErrorData::InvalidInput { issues }) = data else {
        return Field::Form;
    };
    let first = issues
        .first()
        .and_then(|issue| issue.path.first())
        .and_then(|p| p.as_str());
    match first {
        Some("identifier" | "email" | "phone" | "username") => Field::Identifier,
        Some("password") => Field::Password,
        Some("code") => Field::Code,
        _ => Field::Form,
    }
}

/// Registration with a verified address is possible (Logto's
/// `isVerificationCodeEnabledForSignUp`).
pub fn can_register_with(settings: &ExperienceSettings, kind: &SignInIdentifier) -> bool {
    if settings.sign_in_mode == SignInMode::SignIn {
        return false;
    }
    let sign_up = &settings.sign_up;
    sign_up.identifiers.contains(kind)
        || sign_up.secondary_identifiers.iter().flatten().any(|s| {
            s.identifier == SignUpIdentifier::EmailOrPhone || s.identifier.as_str() == kind.as_str()
        })
}

/// Sign-in with a code to that address is possible (Logto's
/// `isVerificationCodeEnabledForSignIn`).
pub fn can_sign_in_with_code(settings: &ExperienceSettings, kind: &SignInIdentifier) -> bool {
    settings.sign_in_mode != SignInMode::Register
        && settings
            .sign_in
            .methods
            .iter()
            .any(|m| m.identifier == *kind && m.verification_code)
}

fn password_allowed(settings: &ExperienceSettings, kind: &SignInIdentifier) -> bool {
    settings
        .sign_in
        .methods
        .iter()
        .any(|m| m.identifier == *kind && m.password)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::PasswordIssueCode;

    use crate::flow::fixtures::settings;

    fn error(status: u16, code: &str, data: &str) -> ApiError {
        let body = if data.is_empty() {
            format!(r#"{{"code":"{code}","message":"m"}}"#)
        } else {
            format!(r#"{{"code":"{code}","message":"m","data":{data}}}"#)
        };
        ApiError::from_response(status, body.as_bytes())
    }

    fn step(s: &ExperienceSettings, event: InteractionEvent, via: Via, e: &ApiError) -> NextStep {
        next_step(
            e,
            Context {
                settings: s,
                event: &event,
                via: &via,
                pending_social: false,
            },
        )
    }

    fn sign_in(s: &ExperienceSettings, e: &ApiError) -> NextStep {
        step(s, InteractionEvent::SignIn, Via::Password, e)
    }

    /// Every error answer in the recorded traffic, through the decoder and
    /// the decision: the recordings' codes must all lead somewhere sensible.
    #[test]
    fn every_recorded_error_has_a_step() {
        let s = settings("username-email-phone-password-code");
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/logto-contract");
        // The corpus lives beside the repository, not in it (tools/test.sh
        // says once when it is absent and this check is skipped).
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut seen = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let file: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let Some(exchanges) = file.get("exchanges").and_then(|e| e.as_array()) else {
                continue;
            };
            for exchange in exchanges {
                let response = &exchange["response"];
                let status = response["status"].as_u64().unwrap_or(0) as u16;
                if status < 400 || !response["body"].is_object() {
                    continue;
                }
                let body = serde_json::to_vec(&response["body"]).unwrap();
                let e = ApiError::from_response(status, &body);
                let code = e.code().unwrap().as_str().to_owned();
                let got = sign_in(&s, &e);
                seen += 1;
                let expected_nav = matches!(
                    code.as_str(),
                    "user.missing_profile"
                        | "session.mfa.require_mfa_verification"
                        | "user.missing_mfa"
                        | "user.suggest_mfa"
                        | "session.mfa.backup_code_required"
                        | "user.new_password_required_in_profile"
                        | "user.suspended"
                        | "session.not_found"
                        | "session.interaction_not_found"
                        | "password.expired"
                );
                if expected_nav {
                    assert!(
                        !matches!(got, NextStep::Inline { .. } | NextStep::Alert { .. }),
                        "{code} in {path:?} must navigate, got {got:?}"
                    );
                }
            }
        }
        assert!(seen > 50, "only {seen} recorded errors");
    }

    #[test]
    fn session_errors() {
        let s = settings("username-password");
        for code in ["session.not_found", "session.interaction_not_found"] {
            assert_eq!(sign_in(&s, &error(404, code, "")), NextStep::SessionExpired);
        }
        assert_eq!(
            sign_in(&s, &error(404, "session.identifier_not_found", "")),
            NextStep::Restart
        );
        assert_eq!(
            sign_in(
                &s,
                &error(404, "session.verification_session_not_found", "")
            ),
            NextStep::RedoVerification
        );
    }

    #[test]
    fn missing_profile_routes_on_the_first_item() {
        let s = settings("username-password");
        let e = error(
            422,
            "user.missing_profile",
            r#"{"missingProfile":["email","password"]}"#,
        );
        assert_eq!(sign_in(&s, &e), NextStep::Profile(MissingProfile::Email));
        let e = error(
            422,
            "user.missing_profile",
            r#"{"missingProfile":["extraProfile"]}"#,
        );
        assert_eq!(
            sign_in(&s, &e),
            NextStep::Profile(MissingProfile::ExtraProfile)
        );
        let e = error(422, "user.missing_profile", r#"{"missingProfile":[]}"#);
        assert_eq!(sign_in(&s, &e), form());
    }

    #[test]
    fn mfa_codes() {
        let s = settings("mfa-mandatory");
        let e = error(
            403,
            "session.mfa.require_mfa_verification",
            r#"{"availableFactors":["Totp","BackupCode"],"maskedIdentifiers":{"EmailVerificationCode":"jane****@x.io"}}"#,
        );
        match sign_in(&s, &e) {
            NextStep::MfaVerification { factors, masked } => {
                assert_eq!(factors, [MfaFactor::Totp, MfaFactor::BackupCode]);
                assert_eq!(masked.email.as_deref(), Some("jane****@x.io"));
            }
            other => panic!("{other:?}"),
        }
        let e = error(
            422,
            "user.missing_mfa",
            r#"{"availableFactors":["WebAuthn","Totp"]}"#,
        );
        assert_eq!(
            sign_in(&s, &e),
            NextStep::MfaBinding {
                factors: vec![MfaFactor::WebAuthn, MfaFactor::Totp],
                skippable: false
            }
        );
        let e = error(
            422,
            "user.missing_mfa",
            r#"{"availableFactors":["Totp"],"skippable":true}"#,
        );
        assert!(matches!(
            sign_in(&s, &e),
            NextStep::MfaBinding {
                skippable: true,
                ..
            }
        ));
        let e = error(
            422,
            "session.mfa.suggest_additional_mfa",
            r#"{"availableFactors":["WebAuthn","Totp"],"maskedIdentifiers":{},"isWebAuthnUsedAsSignInPasskey":true,"skippable":true,"suggestion":true}"#,
        );
        assert!(matches!(
            sign_in(&s, &e),
            NextStep::MfaSuggestion {
                web_authn_is_sign_in_passkey: true,
                ..
            }
        ));
        assert_eq!(
            sign_in(&s, &error(422, "user.suggest_mfa", "")),
            NextStep::MfaOnboarding
        );
        assert_eq!(
            sign_in(&s, &error(422, "session.mfa.backup_code_required", "")),
            NextStep::BackupCodes
        );
        // No factor to offer: Logto shows the message.
        let e = error(422, "user.missing_mfa", r#"{"availableFactors":[]}"#);
        assert_eq!(sign_in(&s, &e), form());
        assert_eq!(
            sign_in(&s, &error(400, "session.mfa.invalid_totp_code", "")),
            inline(Field::Code, true)
        );
    }

    #[test]
    fn unknown_user_on_code_sign_in_may_become_a_registration() {
        let e = error(
            404,
            "user.user_not_exist",
            r#"{"identifier":"new@example.com"}"#,
        );
        let email = Via::Code(SignInIdentifier::Email);
        // Email is a sign-up identifier here.
        let s = settings("email-password-code");
        assert_eq!(
            step(&s, InteractionEvent::SignIn, email.clone(), &e),
            NextStep::CreateAccount {
                identifier: "new@example.com".into()
            }
        );
        // Email as a secondary sign-up identifier counts too.
        let s = settings("username-plus-email-signup");
        assert!(matches!(
            step(&s, InteractionEvent::SignIn, email.clone(), &e),
            NextStep::CreateAccount { .. }
        ));
        // Sign-up by username only: alert and go back.
        let s = settings("username-email-phone-password-code");
        assert_eq!(
            step(&s, InteractionEvent::SignIn, email.clone(), &e),
            NextStep::Alert { to_sign_in: false }
        );
        // Sign-in-only tenants never register.
        let mut s = settings("email-password-code");
        s.sign_in_mode = SignInMode::SignIn;
        assert_eq!(
            step(&s, InteractionEvent::SignIn, email.clone(), &e),
            NextStep::Alert { to_sign_in: false }
        );
        // A magic link registers even then.
        assert!(matches!(
            step(&s, InteractionEvent::SignIn, Via::OneTimeToken, &e),
            NextStep::CreateAccount { .. }
        ));
        // Forgot password: alert and back.
        let s = settings("email-password-code");
        assert_eq!(
            step(&s, InteractionEvent::ForgotPassword, email, &e),
            NextStep::Alert { to_sign_in: false }
        );
    }

    #[test]
    fn taken_address_on_registration_may_become_a_sign_in() {
        let e = error(422, "user.email_already_in_use", "");
        let email = Via::Code(SignInIdentifier::Email);
        let s = settings("email-password-code");
        assert_eq!(
            step(&s, InteractionEvent::Register, email.clone(), &e),
            NextStep::SignInInstead
        );
        // Email sign-in by password only: no conversion.
        let s = settings("email-password-only");
        assert_eq!(
            step(&s, InteractionEvent::Register, email.clone(), &e),
            NextStep::Alert { to_sign_in: false }
        );
        // A waiting social identity: link and continue.
        let s = settings("email-password-code");
        let event = InteractionEvent::Register;
        let got = next_step(
            &e,
            Context {
                settings: &s,
                event: &event,
                via: &email,
                pending_social: true,
            },
        );
        assert_eq!(got, NextStep::LinkSocialInstead);
        // ... only where that address may sign in by code.
        let s = settings("email-password-only");
        let got = next_step(
            &e,
            Context {
                settings: &s,
                event: &event,
                via: &email,
                pending_social: true,
            },
        );
        assert_eq!(got, NextStep::Alert { to_sign_in: false });
        assert_eq!(
            step(
                &s,
                InteractionEvent::Register,
                Via::Password,
                &error(422, "user.username_already_in_use", "")
            ),
            inline(Field::Identifier, false)
        );
    }

    #[test]
    fn social_identities() {
        let s = settings("social");
        let related = error(
            404,
            "user.identity_not_exist",
            r#"{"relatedUser":{"type":"email","value":"a@b.co"}}"#,
        );
        match step(&s, InteractionEvent::SignIn, Via::Social, &related) {
            NextStep::LinkSocial {
                related,
                automatic,
                can_register,
            } => {
                assert_eq!(related.value, "a@b.co");
                assert!(!automatic);
                assert!(can_register);
            }
            other => panic!("{other:?}"),
        }
        let mut auto = s.clone();
        auto.social_sign_in.automatic_account_linking = Some(true);
        assert!(matches!(
            step(&auto, InteractionEvent::SignIn, Via::Social, &related),
            NextStep::LinkSocial {
                automatic: true,
                ..
            }
        ));
        let none = error(404, "user.identity_not_exist", "{}");
        assert_eq!(
            step(&s, InteractionEvent::SignIn, Via::Social, &none),
            NextStep::RegisterIdentity
        );
        let only = settings("sign-in-only");
        assert_eq!(
            step(&only, InteractionEvent::SignIn, Via::Social, &none),
            NextStep::Alert { to_sign_in: true }
        );
        let sso = error(404, "user.sso_identity_not_exist", "");
        assert_eq!(
            step(&s, InteractionEvent::SignIn, Via::Sso, &sso),
            NextStep::RegisterIdentity
        );
        assert_eq!(
            step(&only, InteractionEvent::SignIn, Via::Sso, &sso),
            NextStep::Alert { to_sign_in: true }
        );
        // Blocked email: inline at code send, alert during social registration.
        let blocked = error(422, "session.email_blocklist.email_not_allowed", "");
        assert_eq!(
            step(
                &s,
                InteractionEvent::Register,
                Via::Code(SignInIdentifier::Email),
                &blocked
            ),
            inline(Field::Identifier, false)
        );
        assert_eq!(
            step(&s, InteractionEvent::Register, Via::Social, &blocked),
            NextStep::Alert { to_sign_in: true }
        );
        // Any other callback failure goes back to sign-in.
        assert_eq!(
            step(
                &s,
                InteractionEvent::SignIn,
                Via::Social,
                &error(400, "connector.invalid_response", "")
            ),
            NextStep::Alert { to_sign_in: true }
        );
    }

    #[test]
    fn security_and_password_errors() {
        let s = settings("password-expiration");
        assert_eq!(
            sign_in(&s, &error(422, "password.expired", "")),
            NextStep::PasswordExpired { reset: true }
        );
        let plain = settings("username-password");
        assert_eq!(
            sign_in(&plain, &error(422, "password.expired", "")),
            NextStep::PasswordExpired { reset: false }
        );
        assert_eq!(
            sign_in(&s, &error(401, "user.suspended", "")),
            NextStep::Suspended
        );
        assert_eq!(
            sign_in(
                &s,
                &error(400, "session.verification_blocked_too_many_attempts", "")
            ),
            NextStep::Locked
        );
        assert_eq!(
            sign_in(&s, &error(422, "session.captcha_required", "")),
            NextStep::Captcha { failed: false }
        );
        assert_eq!(
            sign_in(&s, &error(422, "session.captcha_failed", "")),
            NextStep::Captcha { failed: true }
        );
        assert_eq!(
            sign_in(&s, &error(422, "session.invalid_credentials", "")),
            inline(Field::Password, false)
        );
        let e = error(
            422,
            "password.rejected",
            r#"[{"code":"password_rejected.too_short","interpolation":{"min":10}},{"code":"password_rejected.character_types","interpolation":{"min":3}}]"#,
        );
        assert_eq!(
            sign_in(&s, &e),
            NextStep::PasswordRejected(vec![
                Rule::TooShort { min: 10 },
                Rule::CharacterTypes { min: 3 }
            ])
        );
        let _ = PasswordIssueCode::TooShort;
        let e = error(
            422,
            "session.sso_enabled",
            r#"{"ssoConnectors":[{"id":"tob0echsb2m4","connectorName":"x"}]}"#,
        );
        assert_eq!(
            sign_in(&s, &e),
            NextStep::SingleSignOn {
                connector_ids: vec!["tob0echsb2m4".into()]
            }
        );
    }

    #[test]
    fn code_errors_and_fallbacks() {
        let s = settings("social");
        let phone = Via::Code(SignInIdentifier::Phone);
        for code in [
            "verification_code.code_mismatch",
            "verification_code.expired",
            "verification_code.exceed_max_try",
        ] {
            let got = step(
                &s,
                InteractionEvent::SignIn,
                phone.clone(),
                &error(400, code, ""),
            );
            assert_eq!(got, inline(Field::Code, true));
        }
        let limit = error(403, "connector.usage_limit_exceeded", "");
        assert_eq!(
            step(&s, InteractionEvent::SignIn, phone.clone(), &limit),
            NextStep::UsePassword
        );
        assert_eq!(step(&s, InteractionEvent::Register, phone, &limit), form());
        assert_eq!(
            step(
                &s,
                InteractionEvent::SignIn,
                Via::Passkey,
                &error(400, "session.mfa.webauthn_verification_not_found", "")
            ),
            NextStep::Silent
        );
        let guard = error(
            400,
            "guard.invalid_input",
            r#"{"issues":[{"code":"invalid_string","path":["identifier","value"],"message":"x"}]}"#,
        );
        assert_eq!(sign_in(&s, &guard), inline(Field::Identifier, false));
        assert_eq!(
            sign_in(&s, &error(500, "something.new", "")),
            inline(Field::Form, false)
        );
        assert_eq!(sign_in(&s, &ApiError::Timeout), form());
        let t = |key: &str| format!("<{key}>");
        assert_eq!(message(&ApiError::Timeout, t), "<error.timeout>");
        assert_eq!(
            message(&ApiError::from_response(502, b"<html>"), t),
            "<error.something_went_wrong> (HTTP 502: unexpected non-JSON response)"
        );
        let said = ApiError::from_response(400, br#"{"code":"x.y","message":"Said so."}"#);
        assert_eq!(message(&said, t), "Said so.");
        let unfilled = ApiError::from_response(
            404,
            br#"{"code":"user.user_not_exist","message":"User with {{ identifier }} does not exist.","data":{"identifier":"a@b.c"}}"#,
        );
        assert_eq!(message(&unfilled, t), "User with a@b.c does not exist.");
        // Logto's bare English 500 leads with the page's language.
        let bare = ApiError::from_response(500, br#"{"message":"Internal server error."}"#);
        assert_eq!(
            message(&bare, t),
            "<error.something_went_wrong> (Internal server error.)"
        );
        let gateway = ApiError::TooManyRequests {
            retry_after: Some(30),
        };
        assert_eq!(message(&gateway, t), "<logto_experience.too_many_requests>");
        assert_eq!(sign_in(&s, &gateway), form());
        assert_eq!(
            sign_in(&s, &error(404, "one_time_token.token_not_found", "")),
            NextStep::InvalidLink
        );
        assert_eq!(
            sign_in(&s, &error(404, "one_time_token.token_revoked", "")),
            NextStep::InvalidLink
        );
    }

    #[test]
    fn a_rate_limited_send_keeps_the_address() {
        let s = settings("email-password-code");
        let limited = error(429, "request.message_rate_limited", "");
        for event in [InteractionEvent::SignIn, InteractionEvent::Register] {
            let got = step(&s, event, Via::Code(SignInIdentifier::Email), &limited);
            // At the address, which stays as typed.
            assert_eq!(got, inline(Field::Identifier, false));
        }
    }

    #[test]
    fn a_used_or_foreign_code_is_cleared_at_the_code_input() {
        let s = settings("email-password-code");
        for code in [
            "verification_code.not_found",
            "verification_code.email_mismatch",
            "verification_code.phone_mismatch",
        ] {
            let got = step(
                &s,
                InteractionEvent::SignIn,
                Via::Code(SignInIdentifier::Email),
                &error(400, code, ""),
            );
            assert_eq!(got, inline(Field::Code, true), "{code}");
        }
    }
}
