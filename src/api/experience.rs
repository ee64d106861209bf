//! Request and response bodies of `/api/experience/*` and of the legacy
//! `/api/interaction/consent`.
//!
//! Requests serialise to exactly the bodies the official client sends
//! (optional fields are left out, not sent as `null`). WebAuthn options and
//! credentials are `webauthn-rs-proto`'s types ([`super::webauthn`]).
//!
//! Answers are decoded with [`FromJson`] (see [`super::json`]); the serde
//! derives serve the request bodies, the values the session keeps, the
//! WebAuthn options (read through their crate's own derive) and the tests
//! that read recorded requests back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::json::from_json;
use super::webauthn::{WebAuthnOptions, WebAuthnPayload};

pub use super::settings::{MfaFactor, SignInIdentifier};

string_enum! {
    /// What the interaction is for.
    pub enum InteractionEvent {
        SignIn = "SignIn",
        Register = "Register",
        ForgotPassword = "ForgotPassword",
    }
}

string_enum! {
    /// The kind of a verification record (one record per kind at a time).
    pub enum VerificationType {
        Password = "Password",
        EmailVerificationCode = "EmailVerificationCode",
        PhoneVerificationCode = "PhoneVerificationCode",
        MfaEmailVerificationCode = "MfaEmailVerificationCode",
        MfaPhoneVerificationCode = "MfaPhoneVerificationCode",
        Social = "Social",
        EnterpriseSso = "EnterpriseSso",
        Totp = "Totp",
        WebAuthn = "WebAuthn",
        SignInPasskey = "SignInPasskey",
        BackupCode = "BackupCode",
        NewPasswordIdentity = "NewPasswordIdentity",
        OneTimeToken = "OneTimeToken",
    }
}

string_enum! {
    /// Where an MFA verification code is sent (the user's primary address).
    pub enum MfaIdentifierType {
        Email = "email",
        Phone = "phone",
    }
}

/// A user identifier: `{"type": "email", "value": "..."}`. Phone numbers
/// are digits with the country code and no `+`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    #[serde(rename = "type")]
    pub identifier_type: SignInIdentifier,
    pub value: String,
}

impl Identifier {
    pub fn new(identifier_type: SignInIdentifier, value: impl Into<String>) -> Self {
        Self {
            identifier_type,
            value: value.into(),
        }
    }

    pub fn username(value: impl Into<String>) -> Self {
        Self::new(SignInIdentifier::Username, value)
    }

    pub fn email(value: impl Into<String>) -> Self {
        Self::new(SignInIdentifier::Email, value)
    }

    pub fn phone(value: impl Into<String>) -> Self {
        Self::new(SignInIdentifier::Phone, value)
    }
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/// `PUT /api/experience` (start or restart; `captcha_token` only there) and
/// `PUT /api/experience/interaction-event` (switch, keeping records).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionEventRequest {
    pub interaction_event: InteractionEvent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captcha_token: Option<String>,
}

/// `POST /api/experience/identification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentificationRequest {
    /// Required for `SignIn` / `ForgotPassword`; optional for `Register`
    /// (then the user is created from the staged profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_id: Option<String>,
    /// Link a social identity to the related user found by its email/phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_social_identity: Option<bool>,
}

/// `POST /verification/password` and `POST /verification/new-password-identity`
/// (the latter accepts only a username identifier).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasswordRequest {
    pub identifier: Identifier,
    pub password: String,
}

/// `POST /verification/verification-code` (send; a resend is the same call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendVerificationCodeRequest {
    pub identifier: Identifier,
    pub interaction_event: InteractionEvent,
}

/// `POST /verification/verification-code/verify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyVerificationCodeRequest {
    pub identifier: Identifier,
    pub verification_id: String,
    pub code: String,
}

/// `POST /verification/mfa-verification-code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendMfaVerificationCodeRequest {
    pub identifier_type: MfaIdentifierType,
}

/// `POST /verification/mfa-verification-code/verify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyMfaVerificationCodeRequest {
    pub verification_id: String,
    pub code: String,
    pub identifier_type: MfaIdentifierType,
}

/// `POST /verification/{social,sso}/:connectorId/authorization-uri`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationUriRequest {
    pub state: String,
    /// `<origin>/callback/<connectorId>`.
    pub redirect_uri: String,
}

/// `POST /verification/{social,sso}/:connectorId/verify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectorVerifyRequest {
    /// Every callback parameter, plus `redirectUri`.
    pub connector_data: Map<String, Value>,
    /// Required for SSO; omitted only for a Google One Tap credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_id: Option<String>,
}

/// `POST /verification/totp/verify`: with `verification_id` it checks a new
/// secret being bound, without it the user's existing TOTP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TotpVerifyRequest {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_id: Option<String>,
}

/// `POST /verification/web-authn/{registration,authentication}/verify` and
/// `POST /verification/sign-in-passkey/authentication/verify` (where a
/// missing `verification_id` means "use the preflight challenge").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebAuthnVerifyRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_id: Option<String>,
    /// The browser's credential, sent as Logto's result guard reads it.
    pub payload: WebAuthnPayload,
}

/// `POST /verification/sign-in-passkey/authentication`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInPasskeyRequest {
    pub identifier: Identifier,
}

/// `POST /verification/backup-code/verify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupCodeVerifyRequest {
    pub code: String,
}

/// `POST /verification/one-time-token/verify` (email identifiers only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneTimeTokenVerifyRequest {
    pub token: String,
    pub identifier: Identifier,
}

/// `POST /api/experience/profile`: stage one piece of profile data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ProfileRequest {
    Username {
        value: String,
    },
    Password {
        value: String,
    },
    Email {
        #[serde(rename = "verificationId")]
        verification_id: String,
    },
    Phone {
        #[serde(rename = "verificationId")]
        verification_id: String,
    },
    Social {
        #[serde(rename = "verificationId")]
        verification_id: String,
    },
    /// Custom sign-up fields; keys are alphanumeric, `address` is nested.
    ExtraProfile {
        values: Map<String, Value>,
    },
}

/// `PUT /api/experience/profile/password` (`ForgotPassword` only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdatePasswordRequest {
    pub password: String,
}

/// `POST /api/experience/profile/mfa`: bind a verified factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindMfaRequest {
    #[serde(rename = "type")]
    pub factor: MfaFactor,
    pub verification_id: String,
}

/// `POST /api/experience/profile/mfa/passkey`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationIdRequest {
    pub verification_id: String,
}

/// `POST /api/interaction/consent`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_ids: Option<Vec<String>>,
}

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

/// The answer of most verification routes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationIdResponse {
    pub verification_id: String,
}

/// `POST /verification/{social,sso}/:connectorId/authorization-uri`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationUriResponse {
    pub verification_id: String,
    /// Navigate with `location.assign` (Back returns to the page).
    pub authorization_uri: String,
}

/// `POST /verification/totp/secret`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TotpSecretResponse {
    pub verification_id: String,
    pub secret: String,
    /// A `data:image/png;base64,...` URL.
    pub secret_qr_code: String,
}

/// `POST /verification/web-authn/registration` (kept in the session too).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebAuthnRegistrationResponse {
    pub verification_id: String,
    /// `PublicKeyCredentialCreationOptionsJSON`.
    pub registration_options: WebAuthnOptions,
}

/// `POST /verification/web-authn/authentication` and
/// `POST /verification/sign-in-passkey/authentication` (kept in the
/// session too).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebAuthnAuthenticationResponse {
    pub verification_id: String,
    /// `PublicKeyCredentialRequestOptionsJSON`.
    pub authentication_options: WebAuthnOptions,
}

/// `POST /api/experience/preflight/sign-in-passkey/authentication`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasskeyPreflightResponse {
    /// Options for discoverable credentials (empty `allowCredentials`).
    pub authentication_options: WebAuthnOptions,
}

/// `POST /verification/backup-code/generate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupCodesResponse {
    pub verification_id: String,
    pub codes: Vec<String>,
}

/// `POST /api/experience/submit` and `POST /api/interaction/consent`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedirectResponse {
    /// Navigate with `location.replace`.
    pub redirect_to: String,
}

/// `GET /api/experience/sso-connectors?email=`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoConnectorsResponse {
    pub connector_ids: Vec<String>,
}

/// `GET /api/experience/interaction`: the sanitized server-side state.
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionState {
    pub interaction_event: InteractionEvent,
    /// Set once the user is identified.
    pub user_id: Option<String>,
    /// Staged profile data.
    pub profile: Map<String, Value>,
    pub verification_records: Vec<VerificationRecord>,
    /// Staged MFA bindings and flags (`mfaEnabled`, `mfaSkipped`, ...).
    pub mfa: Map<String, Value>,
    pub captcha: Option<CaptchaState>,
    pub sign_in_context: Option<Map<String, Value>>,
    /// Only where the trusted-device feature is available.
    pub trusted_device: Option<TrustedDeviceState>,
}

/// A verification record as `GET /interaction` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct VerificationRecord {
    pub id: String,
    pub verification_type: VerificationType,
    pub verified: bool,
    pub identifier: Option<Identifier>,
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaptchaState {
    pub verified: bool,
    pub skipped: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrustedDeviceState {
    pub can_create: bool,
    pub duration_days: Option<u32>,
}

/// `GET /api/interaction/consent`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentInfo {
    pub application: ConsentApplication,
    pub user: ConsentUser,
    pub organizations: Option<Vec<ConsentOrganization>>,
    pub missing_oidc_scope: Option<Vec<String>>,
    pub missing_resource_scopes: Option<Vec<MissingResourceScopes>>,
    /// Where "Cancel" goes.
    pub redirect_uri: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsentApplication {
    pub id: String,
    pub name: String,
    pub display_name: Option<String>,
    /// Third-party application branding (logo URLs).
    pub branding: Option<Map<String, Value>>,
    pub terms_of_use_url: Option<String>,
    pub privacy_policy_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsentUser {
    pub id: String,
    pub name: Option<String>,
    pub avatar: Option<String>,
    pub username: Option<String>,
    pub primary_email: Option<String>,
    pub primary_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsentOrganization {
    pub id: String,
    pub name: String,
    pub missing_resource_scopes: Option<Vec<MissingResourceScopes>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MissingResourceScopes {
    pub resource: ConsentResource,
    pub scopes: Vec<ConsentScope>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsentResource {
    pub id: String,
    pub name: String,
    pub indicator: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsentScope {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

// ---------------------------------------------------------------------------
// Decoding of the answers (see `super::json`).
// ---------------------------------------------------------------------------

from_json!(Identifier {
    identifier_type: "type" required,
    value: "value" required,
});
from_json!(VerificationIdResponse {
    verification_id: "verificationId" required,
});
from_json!(AuthorizationUriResponse {
    verification_id: "verificationId" required,
    authorization_uri: "authorizationUri" required,
});
from_json!(TotpSecretResponse {
    verification_id: "verificationId" required,
    secret: "secret" required,
    secret_qr_code: "secretQrCode" required,
});
from_json!(WebAuthnRegistrationResponse {
    verification_id: "verificationId" required,
    registration_options: "registrationOptions" required,
});
from_json!(WebAuthnAuthenticationResponse {
    verification_id: "verificationId" required,
    authentication_options: "authenticationOptions" required,
});
from_json!(PasskeyPreflightResponse {
    authentication_options: "authenticationOptions" required,
});
from_json!(BackupCodesResponse {
    verification_id: "verificationId" required,
    codes: "codes" required,
});
from_json!(RedirectResponse {
    redirect_to: "redirectTo" required,
});
from_json!(SsoConnectorsResponse {
    connector_ids: "connectorIds" required,
});
from_json!(InteractionState {
    interaction_event: "interactionEvent" required,
    user_id: "userId" field,
    profile: "profile" field,
    verification_records: "verificationRecords" field,
    mfa: "mfa" field,
    captcha: "captcha" field,
    sign_in_context: "signInContext" field,
    trusted_device: "trustedDevice" field,
});
from_json!(VerificationRecord {
    id: "id" required,
    verification_type: "type" required,
    verified: "verified" field,
    identifier: "identifier" field,
    user_id: "userId" field,
});
from_json!(CaptchaState {
    verified: "verified" field,
    skipped: "skipped" field,
});
from_json!(TrustedDeviceState {
    can_create: "canCreate" field,
    duration_days: "durationDays" field,
});
from_json!(ConsentInfo {
    application: "application" required,
    user: "user" required,
    organizations: "organizations" field,
    missing_oidc_scope: "missingOIDCScope" field,
    missing_resource_scopes: "missingResourceScopes" field,
    redirect_uri: "redirectUri" field,
});
from_json!(ConsentApplication {
    id: "id" required,
    name: "name" required,
    display_name: "displayName" field,
    branding: "branding" field,
    terms_of_use_url: "termsOfUseUrl" field,
    privacy_policy_url: "privacyPolicyUrl" field,
});
from_json!(ConsentUser {
    id: "id" required,
    name: "name" field,
    avatar: "avatar" field,
    username: "username" field,
    primary_email: "primaryEmail" field,
    primary_phone: "primaryPhone" field,
});
from_json!(ConsentOrganization {
    id: "id" required,
    name: "name" required,
    missing_resource_scopes: "missingResourceScopes" field,
});
from_json!(MissingResourceScopes {
    resource: "resource" required,
    scopes: "scopes" required,
});
from_json!(ConsentResource {
    id: "id" required,
    name: "name" required,
    indicator: "indicator" required,
});
from_json!(ConsentScope {
    id: "id" required,
    name: "name" required,
    description: "description" field,
});
