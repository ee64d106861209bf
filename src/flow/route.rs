//! The route of Logto's page each step leads to, so that links, reloads and
//! custom CSS keyed on the path behave as on Logto's own page.

use crate::api::client::encode_component;
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

/// A page of the experience, by Logto's own route paths: what the page
/// match renders, what navigation and the next steps lead to, and which
/// pages the first-load ("lite") build has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: on to `/sign-in`.
    Root,
    SignIn,
    /// `/identifier-sign-in`: the identifier form alone (`first_screen`).
    IdentifierSignIn,
    SignInPassword,
    SignInPasskey,
    /// `/sign-in/verification-methods`: the chooser of an identifier's
    /// factors.
    SignInMethods,
    /// `/<flow>/verification-code`.
    Code(CodeFlow),
    AccountSuspended,
    UnknownSession,
    Register,
    IdentifierRegister,
    RegisterPassword,
    /// `/forgot-password` (and Logto's `/reset-password`).
    ForgotPassword,
    /// `/forgot-password/reset`: the new password.
    NewPassword,
    /// `/continue/<item>`.
    Continue(MissingProfile),
    Consent,
    OneTimeToken,
    OneTimeTokenError,
    SwitchAccount,
    Device,
    DeviceSuccess,
    /// `/mfa-verification` (the factor list) or `/mfa-verification/<factor>`.
    MfaVerification(Option<MfaFactor>),
    MfaOnboarding,
    /// `/mfa-binding` (the factor list) or `/mfa-binding/<factor>`.
    MfaBinding(Option<MfaFactor>),
    CreatePasskey,
    /// `/single-sign-on` (and `/single-sign-on/email`).
    SingleSignOn,
    SingleSignOnConnectors,
    /// `/callback/<connectorId>` (and Logto's `/callback/social/<id>`).
    Callback(String),
    /// `/social/link/<connectorId>`.
    SocialLink(String),
    /// `/springboard`: a native app's system browser keeps its `state`
    /// and deep link, then leaves for the provider.
    Springboard,
    /// `/social/landing/<connectorId>`: a native app's webview hands the
    /// provider's page to the system browser.
    SocialLanding(String),
    /// `/direct/<method>/<target>`.
    Direct {
        method: String,
        target: String,
    },
    /// Any other path.
    NotFound(String),
}

impl Route {
    /// The pages of the first-load build; the loader in `Trunk.toml` has
    /// the same list (a test checks).
    /// (`/sign-in/passkey` is not one: the lite build serves no passkeys,
    /// see [`super::lite`].)
    pub const LITE: [Route; 6] = [
        Route::Root,
        Route::SignIn,
        Route::IdentifierSignIn,
        Route::SignInPassword,
        Route::AccountSuspended,
        Route::UnknownSession,
    ];

    /// The route of `path` (without query; a trailing slash is ignored).
    pub fn parse(path: &str) -> Self {
        let path = match path.trim_end_matches('/') {
            "" => "/",
            path => path,
        };
        let factor = |rest: &str| (!rest.is_empty()).then(|| MfaFactor::parse(rest));
        match path {
            "/" => Self::Root,
            "/sign-in" => Self::SignIn,
            "/identifier-sign-in" => Self::IdentifierSignIn,
            "/sign-in/password" => Self::SignInPassword,
            "/sign-in/passkey" => Self::SignInPasskey,
            "/sign-in/verification-methods" => Self::SignInMethods,
            "/account-suspended" => Self::AccountSuspended,
            "/unknown-session" => Self::UnknownSession,
            "/register" => Self::Register,
            "/identifier-register" => Self::IdentifierRegister,
            "/register/password" => Self::RegisterPassword,
            "/forgot-password" | "/reset-password" => Self::ForgotPassword,
            "/forgot-password/reset" => Self::NewPassword,
            "/continue/username" => Self::Continue(MissingProfile::Username),
            "/continue/password" => Self::Continue(MissingProfile::Password),
            "/continue/email" => Self::Continue(MissingProfile::Email),
            "/continue/phone" => Self::Continue(MissingProfile::Phone),
            "/continue/emailOrPhone" => Self::Continue(MissingProfile::EmailOrPhone),
            "/continue/extra-profile" => Self::Continue(MissingProfile::ExtraProfile),
            "/consent" => Self::Consent,
            "/one-time-token" => Self::OneTimeToken,
            "/one-time-token/error" => Self::OneTimeTokenError,
            "/switch-account" => Self::SwitchAccount,
            "/device" => Self::Device,
            "/device/success" => Self::DeviceSuccess,
            "/mfa-verification" => Self::MfaVerification(None),
            "/mfa-onboarding" => Self::MfaOnboarding,
            "/mfa-binding" => Self::MfaBinding(None),
            "/create-passkey" => Self::CreatePasskey,
            "/single-sign-on" | "/single-sign-on/email" => Self::SingleSignOn,
            "/single-sign-on/connectors" => Self::SingleSignOnConnectors,
            "/springboard" => Self::Springboard,
            _ => {
                if let Some(flow) = path
                    .strip_suffix("/verification-code")
                    .and_then(|flow| CodeFlow::parse(flow.trim_start_matches('/')))
                {
                    return Self::Code(flow);
                }
                if let Some(rest) = path.strip_prefix("/mfa-verification/") {
                    return Self::MfaVerification(factor(rest));
                }
                if let Some(rest) = path.strip_prefix("/mfa-binding/") {
                    return Self::MfaBinding(factor(rest));
                }
                if let Some(rest) = path.strip_prefix("/callback/") {
                    let id = rest.strip_prefix("social/").unwrap_or(rest);
                    return Self::Callback(decode(id));
                }
                if let Some(id) = path.strip_prefix("/social/link/") {
                    return Self::SocialLink(decode(id));
                }
                if let Some(id) = path.strip_prefix("/social/landing/") {
                    return Self::SocialLanding(decode(id));
                }
                if let Some(rest) = path.strip_prefix("/direct/") {
                    let (method, target) = rest.split_once('/').unwrap_or((rest, ""));
                    return Self::Direct {
                        method: method.to_owned(),
                        target: target.to_owned(),
                    };
                }
                Self::NotFound(path.to_owned())
            }
        }
    }

    /// The route's path.
    pub fn path(&self) -> String {
        let fixed = match self {
            Self::Root => "/",
            Self::SignIn => "/sign-in",
            Self::IdentifierSignIn => "/identifier-sign-in",
            Self::SignInPassword => "/sign-in/password",
            Self::SignInPasskey => "/sign-in/passkey",
            Self::SignInMethods => "/sign-in/verification-methods",
            Self::AccountSuspended => "/account-suspended",
            Self::UnknownSession => "/unknown-session",
            Self::Register => "/register",
            Self::IdentifierRegister => "/identifier-register",
            Self::RegisterPassword => "/register/password",
            Self::ForgotPassword => "/forgot-password",
            Self::NewPassword => "/forgot-password/reset",
            Self::Continue(item) => profile_path(item),
            Self::Consent => "/consent",
            Self::OneTimeToken => "/one-time-token",
            Self::OneTimeTokenError => "/one-time-token/error",
            Self::SwitchAccount => "/switch-account",
            Self::Device => "/device",
            Self::DeviceSuccess => "/device/success",
            Self::MfaVerification(None) => "/mfa-verification",
            Self::MfaOnboarding => "/mfa-onboarding",
            Self::MfaBinding(None) => "/mfa-binding",
            Self::CreatePasskey => "/create-passkey",
            Self::SingleSignOn => "/single-sign-on",
            Self::SingleSignOnConnectors => "/single-sign-on/connectors",
            Self::Springboard => "/springboard",
            Self::Code(flow) => return flow.code_path(),
            Self::MfaVerification(Some(f)) => return format!("/mfa-verification/{f}"),
            Self::MfaBinding(Some(f)) => return format!("/mfa-binding/{f}"),
            Self::Callback(id) => return format!("/callback/{}", encode_component(id)),
            Self::SocialLink(id) => return format!("/social/link/{}", encode_component(id)),
            Self::SocialLanding(id) => return format!("/social/landing/{}", encode_component(id)),
            Self::Direct { method, target } => return format!("/direct/{method}/{target}"),
            Self::NotFound(path) => return path.clone(),
        };
        fixed.to_owned()
    }

    /// Whether the first-load build has the page (the others are the full
    /// build's: the lite one hands over).
    pub fn is_lite(&self) -> bool {
        Self::LITE.contains(self)
    }

    /// Logto's landing pages (`LandingPageLayout`): the title is the
    /// branding header's headline, and there is no Back button.
    pub fn is_landing(&self) -> bool {
        matches!(self, Route::SignIn | Route::Register | Route::Consent)
    }

    /// Logto's secondary pages (`SecondaryPageLayout`), which have a nav
    /// bar with Back on top.
    pub fn has_back(&self) -> bool {
        matches!(
            self,
            Route::SignInPassword
                | Route::SignInPasskey
                | Route::Code(_)
                | Route::RegisterPassword
                | Route::ForgotPassword
                | Route::NewPassword
                | Route::Continue(_)
                | Route::MfaVerification(_)
                | Route::MfaBinding(_)
                | Route::SingleSignOn
                | Route::SingleSignOnConnectors
                | Route::SocialLink(_)
        )
    }
}

impl From<&str> for Route {
    fn from(path: &str) -> Self {
        Self::parse(path)
    }
}

/// A path segment, percent-decoded (a connector id).
fn decode(segment: &str) -> String {
    crate::session::query_param(&format!("x={segment}"), "x").unwrap_or_default()
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

/// Where the page goes for `step`; `None` when it stays and shows the
/// message or asks a question in place.
pub fn path(step: &NextStep) -> Option<Route> {
    Some(match step {
        // A future item has no page: the sign-in page shows the message.
        NextStep::Profile(MissingProfile::Unknown(_)) => Route::SignIn,
        NextStep::Profile(item) => Route::Continue(item.clone()),
        NextStep::MfaVerification { factors, .. } => {
            Route::MfaVerification(Some(factors.first()?.clone()))
        }
        NextStep::MfaBinding { factors, .. } => match factors.as_slice() {
            [only] => Route::MfaBinding(Some(only.clone())),
            _ => Route::MfaBinding(None),
        },
        NextStep::MfaSuggestion { .. } => Route::MfaBinding(None),
        NextStep::MfaOnboarding => Route::MfaOnboarding,
        NextStep::BackupCodes => Route::MfaBinding(Some(MfaFactor::BackupCode)),
        NextStep::PasskeyEnrolment => Route::CreatePasskey,
        NextStep::NewPassword => Route::NewPassword,
        NextStep::Suspended => Route::AccountSuspended,
        NextStep::SessionExpired => Route::UnknownSession,
        NextStep::Restart => Route::SignIn,
        NextStep::SingleSignOn { .. } => Route::SingleSignOnConnectors,
        NextStep::UsePassword => Route::SignInPassword,
        NextStep::InvalidLink => Route::OneTimeTokenError,
        // The page knows the connector: `/social/link/<connectorId>`.
        NextStep::LinkSocial { .. }
        | NextStep::RegisterIdentity
        | NextStep::AgreeToTerms
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
            path(&NextStep::Profile(MissingProfile::EmailOrPhone))
                .map(|r| r.path())
                .as_deref(),
            Some("/continue/emailOrPhone")
        );
        let verification = NextStep::MfaVerification {
            factors: vec![MfaFactor::Totp, MfaFactor::BackupCode],
            masked: MaskedIdentifiers::default(),
        };
        assert_eq!(
            path(&verification).map(|r| r.path()).as_deref(),
            Some("/mfa-verification/Totp")
        );
        let one = NextStep::MfaBinding {
            factors: vec![MfaFactor::WebAuthn],
            skippable: false,
        };
        assert_eq!(
            path(&one).map(|r| r.path()).as_deref(),
            Some("/mfa-binding/WebAuthn")
        );
        assert_eq!(
            path(&NextStep::NewPassword).map(|r| r.path()).as_deref(),
            Some("/forgot-password/reset")
        );
        assert_eq!(
            path(&NextStep::SessionExpired).map(|r| r.path()).as_deref(),
            Some("/unknown-session")
        );
        assert_eq!(path(&NextStep::Locked), None);
        assert_eq!(path(&NextStep::SignInInstead), None);
    }

    #[test]
    fn every_route_round_trips() {
        let paths = [
            "/",
            "/sign-in",
            "/identifier-sign-in",
            "/sign-in/password",
            "/sign-in/passkey",
            "/sign-in/verification-methods",
            "/sign-in/verification-code",
            "/account-suspended",
            "/unknown-session",
            "/register",
            "/identifier-register",
            "/register/password",
            "/register/verification-code",
            "/forgot-password",
            "/forgot-password/verification-code",
            "/forgot-password/reset",
            "/continue/username",
            "/continue/password",
            "/continue/email",
            "/continue/phone",
            "/continue/emailOrPhone",
            "/continue/extra-profile",
            "/continue/verification-code",
            "/consent",
            "/one-time-token",
            "/one-time-token/error",
            "/switch-account",
            "/device",
            "/device/success",
            "/mfa-verification",
            "/mfa-verification/Totp",
            "/mfa-onboarding",
            "/mfa-binding",
            "/mfa-binding/WebAuthn",
            "/create-passkey",
            "/single-sign-on",
            "/single-sign-on/connectors",
            "/callback/mock-social",
            "/social/link/x%20y",
            "/social/landing/mock-social",
            "/springboard",
            "/direct/social/google",
            "/no/such/page",
        ];
        for path in paths {
            let route = Route::parse(path);
            assert_eq!(route.path(), path, "{route:?}");
            assert_eq!(Route::parse(&route.path()), route);
        }
        assert_eq!(Route::parse("/sign-in/"), Route::SignIn);
        assert_eq!(Route::parse("/reset-password"), Route::ForgotPassword);
        assert_eq!(
            Route::parse("/callback/social/mock-social"),
            Route::Callback("mock-social".into())
        );
        assert_eq!(
            Route::parse("/social/link/x%20y"),
            Route::SocialLink("x y".into())
        );
        assert_eq!(
            Route::parse("/social/landing/mock-social"),
            Route::SocialLanding("mock-social".into())
        );
        assert!(!Route::Springboard.is_lite() && !Route::SocialLanding("x".into()).is_lite());
        assert!(matches!(Route::parse("/continue/nope"), Route::NotFound(_)));
    }

    /// The loader in `Trunk.toml` starts the lite build for exactly these.
    #[test]
    fn the_loader_knows_the_lite_routes() {
        let trunk = include_str!("../../Trunk.toml");
        let start = trunk
            .find("const lite = [")
            .expect("the loader's lite list");
        let list = &trunk[start..];
        let list = &list[..list.find("];").expect("its end")];
        let loader: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
        let ours: Vec<String> = Route::LITE.iter().map(Route::path).collect();
        assert_eq!(loader, ours);
        assert!(!Route::parse("/sign-in/verification-code").is_lite());
        assert!(!Route::parse("/register").is_lite());
    }
}
