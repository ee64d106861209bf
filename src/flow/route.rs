//! The route of Logto's page each step leads to, so that links, reloads and
//! custom CSS keyed on the path behave as on Logto's own page.

use crate::api::error::MissingProfile;
use crate::api::{InteractionEvent, MfaFactor};

use super::next_step::NextStep;

/// The flow a verification code belongs to, as its route prefix
/// (`/<flow>/verification-code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFlow {
    SignIn,
    Register,
    ForgotPassword,
    /// Linking an email or phone on a profile-fulfilment page.
    Continue,
}

impl CodeFlow {
    /// The route segment (`sign-in`, ...).
    pub fn segment(self) -> &'static str {
        match self {
            Self::SignIn => "sign-in",
            Self::Register => "register",
            Self::ForgotPassword => "forgot-password",
            Self::Continue => "continue",
        }
    }

    /// The flow of a route segment.
    pub fn parse(segment: &str) -> Option<Self> {
        Some(match segment {
            "sign-in" => Self::SignIn,
            "register" => Self::Register,
            "forgot-password" => Self::ForgotPassword,
            "continue" => Self::Continue,
            _ => return None,
        })
    }

    /// `/<flow>/verification-code`.
    pub fn code_path(self) -> String {
        format!("/{}/verification-code", self.segment())
    }

    /// The interaction event a code is sent under; `None` for `Continue`,
    /// which keeps the interaction's own event.
    pub fn event(self) -> Option<InteractionEvent> {
        match self {
            Self::SignIn => Some(InteractionEvent::SignIn),
            Self::Register => Some(InteractionEvent::Register),
            Self::ForgotPassword => Some(InteractionEvent::ForgotPassword),
            Self::Continue => None,
        }
    }

    /// The page the person goes back to for another address (a continue
    /// page remembers its own).
    pub fn back_path(self) -> &'static str {
        match self {
            Self::SignIn => "/sign-in",
            Self::Register => "/register",
            Self::ForgotPassword => "/forgot-password",
            Self::Continue => "/continue/emailOrPhone",
        }
    }
}

/// `/continue/<item>` for a missing profile item.
pub fn profile_path(item: &MissingProfile) -> &'static str {
    match item {
        MissingProfile::Username => "/continue/username",
        MissingProfile::Password => "/continue/password",
        MissingProfile::Email => "/continue/email",
        MissingProfile::Phone => "/continue/phone",
        MissingProfile::EmailOrPhone => "/continue/emailOrPhone",
        MissingProfile::ExtraProfile => "/continue/extra-profile",
        // A future item: its page does not exist; the sign-in page shows
        // the server's message instead of a dead end.
        MissingProfile::Unknown(_) => "/sign-in",
    }
}

/// The route of an MFA factor (`Totp`, `WebAuthn`, ...), as Logto names it.
fn factor(factor: &MfaFactor) -> &str {
    factor.as_str()
}

/// Where the page goes for `step`; `None` when it stays and shows the
/// message or asks a question in place.
pub fn path(step: &NextStep) -> Option<String> {
    Some(match step {
        NextStep::Profile(item) => profile_path(item).to_owned(),
        NextStep::MfaVerification { factors, .. } => match factors.first() {
            Some(first) => format!("/mfa-verification/{}", factor(first)),
            None => return None,
        },
        NextStep::MfaBinding { factors, .. } => match factors.as_slice() {
            [only] => format!("/mfa-binding/{}", factor(only)),
            _ => "/mfa-binding".to_owned(),
        },
        NextStep::MfaSuggestion { .. } => "/mfa-binding".to_owned(),
        NextStep::MfaOnboarding => "/mfa-onboarding".to_owned(),
        NextStep::BackupCodes => "/mfa-binding/BackupCode".to_owned(),
        NextStep::PasskeyEnrolment => "/create-passkey".to_owned(),
        NextStep::NewPassword => "/forgot-password/reset".to_owned(),
        NextStep::Suspended => "/account-suspended".to_owned(),
        NextStep::SessionExpired => "/unknown-session".to_owned(),
        NextStep::Restart => "/sign-in".to_owned(),
        NextStep::SingleSignOn { .. } => "/single-sign-on/connectors".to_owned(),
        NextStep::UsePassword => "/sign-in/password".to_owned(),
        NextStep::InvalidLink => "/one-time-token/error".to_owned(),
        // The page knows the connector: `/social/link/<connectorId>`.
        NextStep::LinkSocial { .. }
        | NextStep::RegisterIdentity
        | NextStep::CreateAccount { .. }
        | NextStep::SignInInstead
        | NextStep::LinkSocialInstead
        | NextStep::PasswordExpired { .. }
        | NextStep::RedoVerification
        | NextStep::Locked
        | NextStep::Captcha { .. }
        | NextStep::Silent
        | NextStep::Alert { .. }
        | NextStep::Inline { .. }
        | NextStep::PasswordRejected(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::MaskedIdentifiers;

    #[test]
    fn code_flows_round_trip() {
        for flow in [
            CodeFlow::SignIn,
            CodeFlow::Register,
            CodeFlow::ForgotPassword,
            CodeFlow::Continue,
        ] {
            assert_eq!(CodeFlow::parse(flow.segment()), Some(flow));
        }
        assert_eq!(CodeFlow::parse("nope"), None);
        assert_eq!(
            CodeFlow::ForgotPassword.code_path(),
            "/forgot-password/verification-code"
        );
        assert_eq!(CodeFlow::Continue.event(), None);
    }

    #[test]
    fn steps_lead_to_logto_routes() {
        assert_eq!(
            path(&NextStep::Profile(MissingProfile::EmailOrPhone)).as_deref(),
            Some("/continue/emailOrPhone")
        );
        let verification = NextStep::MfaVerification {
            factors: vec![MfaFactor::Totp, MfaFactor::BackupCode],
            masked: MaskedIdentifiers::default(),
        };
        assert_eq!(
            path(&verification).as_deref(),
            Some("/mfa-verification/Totp")
        );
        let one = NextStep::MfaBinding {
            factors: vec![MfaFactor::WebAuthn],
            skippable: false,
        };
        assert_eq!(path(&one).as_deref(), Some("/mfa-binding/WebAuthn"));
        assert_eq!(
            path(&NextStep::NewPassword).as_deref(),
            Some("/forgot-password/reset")
        );
        assert_eq!(
            path(&NextStep::SessionExpired).as_deref(),
            Some("/unknown-session")
        );
        assert_eq!(path(&NextStep::Locked), None);
        assert_eq!(path(&NextStep::SignInInstead), None);
    }
}
