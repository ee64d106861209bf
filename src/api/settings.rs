//! `GET /api/.well-known/experience` (and its older alias
//! `/api/.well-known/sign-in-exp`, which answers the same shape).
//!
//! Every field the server sends is modelled, so that the payload survives a
//! decode/encode round trip unchanged (checked against recorded settings).
//! Fields the server marks nullable are `Option` serialised as `null`;
//! fields it may leave out are `Option` skipped when absent. Containers
//! take a default for every absent key (`FromJson` below, see
//! [`super::json`]) so that an older server missing a newer field still
//! yields usable settings instead of a blank page.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Number, Value};

use super::json::{field, field_or, from_json, object, Decoded, FromJson};

string_enum! {
    /// Which landing pages exist.
    #[derive(Default)]
    pub enum SignInMode {
        SignIn = "SignIn",
        Register = "Register",
        #[default]
        SignInAndRegister = "SignInAndRegister",
    }
}

string_enum! {
    /// How the terms of use must be accepted.
    #[derive(Default)]
    pub enum AgreeToTermsPolicy {
        #[default]
        Automatic = "Automatic",
        ManualRegistrationOnly = "ManualRegistrationOnly",
        Manual = "Manual",
    }
}

string_enum! {
    /// An identifier a user signs in with (also the `type` of an identifier
    /// sent to the Experience API).
    pub enum SignInIdentifier {
        Username = "username",
        Email = "email",
        Phone = "phone",
    }
}

string_enum! {
    /// An identifier sign-up may require; `emailOrPhone` lets the user pick.
    pub enum SignUpIdentifier {
        Username = "username",
        Email = "email",
        Phone = "phone",
        EmailOrPhone = "emailOrPhone",
    }
}

string_enum! {
    /// A second factor.
    pub enum MfaFactor {
        Totp = "Totp",
        WebAuthn = "WebAuthn",
        BackupCode = "BackupCode",
        EmailVerificationCode = "EmailVerificationCode",
        PhoneVerificationCode = "PhoneVerificationCode",
    }
}

string_enum! {
    /// When the server asks for MFA (the client only follows error codes).
    #[derive(Default)]
    pub enum MfaPolicy {
        #[default]
        UserControlled = "UserControlled",
        Mandatory = "Mandatory",
        PromptOnlyAtSignIn = "PromptOnlyAtSignIn",
        PromptAtSignInAndSignUp = "PromptAtSignInAndSignUp",
        NoPrompt = "NoPrompt",
        PromptAtSignInAndSignUpMandatory = "PromptAtSignInAndSignUpMandatory",
        PromptOnlyAtSignInMandatory = "PromptOnlyAtSignInMandatory",
    }
}

string_enum! {
    /// MFA policy imposed by an organization the user belongs to.
    pub enum OrganizationRequiredMfaPolicy {
        NoPrompt = "NoPrompt",
        Mandatory = "Mandatory",
    }
}

string_enum! {
    /// The captcha vendor.
    pub enum CaptchaType {
        Turnstile = "Turnstile",
        RecaptchaEnterprise = "RecaptchaEnterprise",
    }
}

string_enum! {
    /// How reCAPTCHA Enterprise is shown.
    pub enum RecaptchaMode {
        Invisible = "invisible",
        Checkbox = "checkbox",
    }
}

string_enum! {
    /// Where a social connector works; a browser keeps `Web` and `Universal`.
    pub enum ConnectorPlatform {
        Native = "Native",
        Web = "Web",
        Universal = "Universal",
    }
}

string_enum! {
    /// The input kind of a custom sign-up profile field.
    pub enum CustomProfileFieldType {
        Text = "Text",
        Number = "Number",
        Date = "Date",
        Checkbox = "Checkbox",
        Select = "Select",
        Url = "Url",
        Regex = "Regex",
        Address = "Address",
        Fullname = "Fullname",
    }
}

/// The whole public sign-in experience configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperienceSettings {
    // Fields only the full build has are read by its pages only (or by none
    // yet): the first-load build neither has nor decodes them, and a lite
    // page that reads one does not compile.
    #[cfg(feature = "full")]
    pub tenant_id: String,
    #[cfg(feature = "full")]
    pub id: String,
    pub color: Color,
    pub branding: Branding,
    pub hide_logto_branding: bool,
    #[cfg(feature = "full")]
    pub language_info: LanguageInfo,
    pub terms_of_use_url: Option<String>,
    pub privacy_policy_url: Option<String>,
    pub agree_to_terms_policy: AgreeToTermsPolicy,
    pub sign_in: SignIn,
    pub sign_up: SignUp,
    pub social_sign_in: SocialSignIn,
    #[cfg(feature = "full")]
    pub social_sign_in_connector_targets: Vec<String>,
    pub sign_in_mode: SignInMode,
    pub custom_css: Option<String>,
    /// Page pathname (e.g. `/sign-in`) → HTML shown beside the form.
    pub custom_content: BTreeMap<String, String>,
    #[cfg(feature = "full")]
    pub custom_ui_assets: Option<CustomUiAssets>,
    #[cfg(feature = "full")]
    pub custom_ui_csp: CustomUiCsp,
    #[cfg(feature = "full")]
    pub password_policy: PasswordPolicy,
    #[cfg(feature = "full")]
    pub mfa: Mfa,
    #[cfg(feature = "full")]
    pub adaptive_mfa: AdaptiveMfa,
    pub single_sign_on_enabled: bool,
    pub support_email: Option<String>,
    pub support_website_url: Option<String>,
    pub unknown_session_redirect_url: Option<String>,
    pub captcha_policy: CaptchaPolicy,
    #[cfg(feature = "full")]
    pub sentinel_policy: SentinelPolicy,
    #[cfg(feature = "full")]
    pub verification_code_policy: VerificationCodePolicy,
    pub passkey_sign_in: PasskeySignIn,
    #[cfg(feature = "full")]
    pub sign_up_profile_fields: Option<Vec<SignUpProfileField>>,
    #[cfg(feature = "full")]
    pub password_expiration: PasswordExpiration,
    #[cfg(feature = "full")]
    pub username_policy: UsernamePolicy,
    pub social_connectors: Vec<SocialConnector>,
    pub sso_connectors: Vec<SsoConnector>,
    pub forgot_password: ForgotPassword,
    pub is_development_tenant: bool,
    #[cfg(feature = "full")]
    pub custom_profile_fields: Vec<CustomProfileField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub custom_profile_field_catalog: Option<Vec<CustomProfileField>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub google_one_tap: Option<GoogleOneTap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha_config: Option<CaptchaConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub trusted_device: Option<TrustedDevice>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Color {
    pub primary_color: String,
    pub is_dark_mode_enabled: bool,
    pub dark_primary_color: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Branding {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dark_logo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dark_favicon: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageInfo {
    pub auto_detect: bool,
    pub fallback_language: String,
}

impl Default for LanguageInfo {
    fn default() -> Self {
        Self {
            auto_detect: true,
            fallback_language: "en".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    pub methods: Vec<SignInMethod>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInMethod {
    pub identifier: SignInIdentifier,
    pub password: bool,
    pub verification_code: bool,
    pub is_password_primary: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignUp {
    pub identifiers: Vec<SignInIdentifier>,
    pub password: bool,
    #[cfg(feature = "full")]
    pub verify: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_identifiers: Option<Vec<SecondaryIdentifier>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecondaryIdentifier {
    pub identifier: SignUpIdentifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocialSignIn {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_account_linking: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub skip_required_identifiers: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomUiAssets {
    pub id: String,
    pub created_at: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomUiCsp {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script_src: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_src: Option<Vec<String>>,
}

/// The stored, possibly partial, password policy; the `effective_*`
/// accessors apply Logto's defaults for missing parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<PasswordLength>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character_types: Option<CharacterTypes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejects: Option<PasswordRejects>,
}

impl PasswordPolicy {
    pub fn effective_min_length(&self) -> u32 {
        self.length.as_ref().and_then(|l| l.min).unwrap_or(8)
    }

    pub fn effective_max_length(&self) -> u32 {
        self.length.as_ref().and_then(|l| l.max).unwrap_or(256)
    }

    pub fn effective_min_character_types(&self) -> u32 {
        self.character_types
            .as_ref()
            .and_then(|c| c.min)
            .unwrap_or(1)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordLength {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CharacterTypes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordRejects {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pwned: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repetition_and_sequence: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_info: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mfa {
    pub factors: Vec<MfaFactor>,
    pub policy: MfaPolicy,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_required_mfa_policy: Option<OrganizationRequiredMfaPolicy>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveMfa {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentinelPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u32>,
    /// Minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lockout_duration: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationCodePolicy {
    /// Seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_duration: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_retry_attempts: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasskeySignIn {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_passkey_button: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_autofill: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignUpProfileField {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordExpiration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_period_days: Option<u32>,
    /// Epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled_at: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsernamePolicy {
    pub case_sensitive: bool,
    pub min_length: u32,
    pub max_length: u32,
    pub allowed_chars: AllowedChars,
}

impl Default for UsernamePolicy {
    fn default() -> Self {
        Self {
            case_sensitive: true,
            min_length: 1,
            max_length: 128,
            allowed_chars: AllowedChars::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedChars {
    pub lowercase: bool,
    pub uppercase: bool,
    pub numbers: bool,
    pub underscore: bool,
}

impl Default for AllowedChars {
    fn default() -> Self {
        Self {
            lowercase: true,
            uppercase: true,
            numbers: true,
            underscore: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocialConnector {
    /// Connector instance id, used in API paths.
    pub id: String,
    pub target: String,
    /// Language tag → display name; `en` is always present.
    pub name: BTreeMap<String, String>,
    pub logo: String,
    pub logo_dark: Option<String>,
    pub platform: Option<ConnectorPlatform>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub is_standard: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub from_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub is_token_storage_supported: Option<bool>,
}

impl SocialConnector {
    /// The name in `language`, else the base language, else English.
    pub fn display_name(&self, language: &str) -> &str {
        let base = language.split('-').next().unwrap_or(language);
        self.name
            .get(language)
            .or_else(|| self.name.get(base))
            .or_else(|| self.name.get("en"))
            .map_or(self.target.as_str(), String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoConnector {
    pub id: String,
    #[cfg(feature = "full")]
    pub connector_name: String,
    pub logo: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg(feature = "full")]
    pub dark_logo: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ForgotPassword {
    pub phone: bool,
    pub email: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomProfileField {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(rename = "type")]
    pub field_type: CustomProfileFieldType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub description: Option<String>,
    pub required: bool,
    pub config: CustomProfileFieldConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sie_order: Option<Number>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomProfileFieldConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_value: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<CustomProfileFieldOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
    /// Sub-fields of `Address` and `Fullname` fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<CustomProfileFieldPart>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomProfileFieldOption {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomProfileFieldPart {
    pub enabled: bool,
    pub name: String,
    #[serde(rename = "type")]
    pub field_type: CustomProfileFieldType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<CustomProfileFieldConfig>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoogleOneTap {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_select: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_on_tap_outside: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub itp_support: Option<bool>,
    pub client_id: String,
    pub connector_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaConfig {
    #[serde(rename = "type")]
    pub captcha_type: CaptchaType,
    pub site_key: String,
    /// reCAPTCHA host to load the script from (default `www.google.com`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<RecaptchaMode>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustedDevice {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<u32>,
}

impl ExperienceSettings {
    /// Decodes a settings body (see [`crate::api::error::decode_json`] for
    /// how statuses and transport failures are told apart).
    pub fn from_response(status: u16, body: &[u8]) -> Result<Self, super::ApiError> {
        super::error::decode_json(status, body)
    }

    /// Whether captcha must be solved before first-factor attempts.
    pub fn captcha_enabled(&self) -> bool {
        self.captcha_policy.enabled == Some(true) && self.captcha_config.is_some()
    }
}

// ---------------------------------------------------------------------------
// Decoding (see `super::json`): keys in the server's camelCase.
// ---------------------------------------------------------------------------

from_json!(ExperienceSettings {
    #[cfg(feature = "full")]
    tenant_id: "tenantId" field,
    #[cfg(feature = "full")]
    id: "id" field,
    color: "color" field,
    branding: "branding" field,
    hide_logto_branding: "hideLogtoBranding" field,
    #[cfg(feature = "full")]
    language_info: "languageInfo" field,
    terms_of_use_url: "termsOfUseUrl" field,
    privacy_policy_url: "privacyPolicyUrl" field,
    agree_to_terms_policy: "agreeToTermsPolicy" field,
    sign_in: "signIn" field,
    sign_up: "signUp" field,
    social_sign_in: "socialSignIn" field,
    #[cfg(feature = "full")]
    social_sign_in_connector_targets: "socialSignInConnectorTargets" field,
    sign_in_mode: "signInMode" field,
    custom_css: "customCss" field,
    custom_content: "customContent" field,
    #[cfg(feature = "full")]
    custom_ui_assets: "customUiAssets" field,
    #[cfg(feature = "full")]
    custom_ui_csp: "customUiCsp" field,
    #[cfg(feature = "full")]
    password_policy: "passwordPolicy" field,
    #[cfg(feature = "full")]
    mfa: "mfa" field,
    #[cfg(feature = "full")]
    adaptive_mfa: "adaptiveMfa" field,
    single_sign_on_enabled: "singleSignOnEnabled" field,
    support_email: "supportEmail" field,
    support_website_url: "supportWebsiteUrl" field,
    unknown_session_redirect_url: "unknownSessionRedirectUrl" field,
    captcha_policy: "captchaPolicy" field,
    #[cfg(feature = "full")]
    sentinel_policy: "sentinelPolicy" field,
    #[cfg(feature = "full")]
    verification_code_policy: "verificationCodePolicy" field,
    passkey_sign_in: "passkeySignIn" field,
    #[cfg(feature = "full")]
    sign_up_profile_fields: "signUpProfileFields" field,
    #[cfg(feature = "full")]
    password_expiration: "passwordExpiration" field,
    #[cfg(feature = "full")]
    username_policy: "usernamePolicy" field,
    social_connectors: "socialConnectors" field,
    sso_connectors: "ssoConnectors" field,
    forgot_password: "forgotPassword" field,
    is_development_tenant: "isDevelopmentTenant" field,
    #[cfg(feature = "full")]
    custom_profile_fields: "customProfileFields" field,
    #[cfg(feature = "full")]
    custom_profile_field_catalog: "customProfileFieldCatalog" field,
    google_one_tap: "googleOneTap" field,
    captcha_config: "captchaConfig" field,
    #[cfg(feature = "full")]
    trusted_device: "trustedDevice" field,
});

from_json!(Color {
    primary_color: "primaryColor" field,
    is_dark_mode_enabled: "isDarkModeEnabled" field,
    dark_primary_color: "darkPrimaryColor" field,
});

from_json!(Branding {
    logo_url: "logoUrl" field,
    dark_logo_url: "darkLogoUrl" field,
    favicon: "favicon" field,
    dark_favicon: "darkFavicon" field,
});

impl FromJson for LanguageInfo {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            auto_detect: field_or(o, "autoDetect", true)?,
            fallback_language: field_or(o, "fallbackLanguage", "en".to_owned())?,
        })
    }
}

impl FromJson for SignIn {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            methods: field(object(value)?, "methods")?,
        })
    }
}

from_json!(SignInMethod {
    identifier: "identifier" required,
    password: "password" required,
    verification_code: "verificationCode" required,
    is_password_primary: "isPasswordPrimary" required,
});

from_json!(SignUp {
    identifiers: "identifiers" field,
    password: "password" field,
    #[cfg(feature = "full")]
    verify: "verify" field,
    secondary_identifiers: "secondaryIdentifiers" field,
});

from_json!(SecondaryIdentifier {
    identifier: "identifier" required,
    verify: "verify" field,
});

from_json!(SocialSignIn {
    automatic_account_linking: "automaticAccountLinking" field,
    #[cfg(feature = "full")]
    skip_required_identifiers: "skipRequiredIdentifiers" field,
});

from_json!(CustomUiAssets {
    id: "id" field,
    created_at: "createdAt" field,
});

from_json!(CustomUiCsp {
    script_src: "scriptSrc" field,
    connect_src: "connectSrc" field,
});

from_json!(PasswordPolicy {
    length: "length" field,
    character_types: "characterTypes" field,
    rejects: "rejects" field,
});

from_json!(PasswordLength {
    min: "min" field,
    max: "max" field,
});

impl FromJson for CharacterTypes {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            min: field(object(value)?, "min")?,
        })
    }
}

from_json!(PasswordRejects {
    pwned: "pwned" field,
    repetition_and_sequence: "repetitionAndSequence" field,
    user_info: "userInfo" field,
    words: "words" field,
});

from_json!(Mfa {
    factors: "factors" field,
    policy: "policy" field,
    organization_required_mfa_policy: "organizationRequiredMfaPolicy" field,
});

impl FromJson for AdaptiveMfa {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            enabled: field(object(value)?, "enabled")?,
        })
    }
}

impl FromJson for CaptchaPolicy {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            enabled: field(object(value)?, "enabled")?,
        })
    }
}

from_json!(SentinelPolicy {
    max_attempts: "maxAttempts" field,
    lockout_duration: "lockoutDuration" field,
});

from_json!(VerificationCodePolicy {
    expiration_duration: "expirationDuration" field,
    max_retry_attempts: "maxRetryAttempts" field,
});

from_json!(PasskeySignIn {
    enabled: "enabled" field,
    show_passkey_button: "showPasskeyButton" field,
    allow_autofill: "allowAutofill" field,
});

impl FromJson for SignUpProfileField {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            name: field(object(value)?, "name")?,
        })
    }
}

from_json!(PasswordExpiration {
    enabled: "enabled" field,
    valid_period_days: "validPeriodDays" field,
    enabled_at: "enabledAt" field,
});

impl FromJson for UsernamePolicy {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        let default = Self::default();
        Ok(Self {
            case_sensitive: field_or(o, "caseSensitive", default.case_sensitive)?,
            min_length: field_or(o, "minLength", default.min_length)?,
            max_length: field_or(o, "maxLength", default.max_length)?,
            allowed_chars: field_or(o, "allowedChars", default.allowed_chars)?,
        })
    }
}

impl FromJson for AllowedChars {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            lowercase: field_or(o, "lowercase", true)?,
            uppercase: field_or(o, "uppercase", true)?,
            numbers: field_or(o, "numbers", true)?,
            underscore: field_or(o, "underscore", true)?,
        })
    }
}

from_json!(SocialConnector {
    id: "id" required,
    target: "target" required,
    name: "name" required,
    logo: "logo" required,
    logo_dark: "logoDark" field,
    platform: "platform" field,
    #[cfg(feature = "full")]
    is_standard: "isStandard" field,
    #[cfg(feature = "full")]
    from_email: "fromEmail" field,
    #[cfg(feature = "full")]
    is_token_storage_supported: "isTokenStorageSupported" field,
});

from_json!(SsoConnector {
    id: "id" required,
    #[cfg(feature = "full")]
    connector_name: "connectorName" required,
    logo: "logo" required,
    #[cfg(feature = "full")]
    dark_logo: "darkLogo" field,
});

from_json!(ForgotPassword {
    phone: "phone" field,
    email: "email" field,
});

from_json!(CustomProfileField {
    tenant_id: "tenantId" field,
    id: "id" field,
    name: "name" required,
    field_type: "type" required,
    label: "label" field,
    description: "description" field,
    required: "required" field,
    config: "config" field,
    created_at: "createdAt" field,
    sie_order: "sieOrder" field,
});

from_json!(CustomProfileFieldConfig {
    placeholder: "placeholder" field,
    min_length: "minLength" field,
    max_length: "maxLength" field,
    min_value: "minValue" field,
    max_value: "maxValue" field,
    format: "format" field,
    custom_format: "customFormat" field,
    options: "options" field,
    default_value: "defaultValue" field,
    parts: "parts" field,
});

from_json!(CustomProfileFieldOption {
    label: "label" field,
    value: "value" required,
});

from_json!(CustomProfileFieldPart {
    enabled: "enabled" required,
    name: "name" required,
    field_type: "type" required,
    label: "label" field,
    description: "description" field,
    required: "required" required,
    config: "config" field,
});

from_json!(GoogleOneTap {
    is_enabled: "isEnabled" field,
    auto_select: "autoSelect" field,
    close_on_tap_outside: "closeOnTapOutside" field,
    itp_support: "itpSupport" field,
    client_id: "clientId" required,
    connector_id: "connectorId" required,
});

from_json!(CaptchaConfig {
    captcha_type: "type" required,
    site_key: "siteKey" required,
    domain: "domain" field,
    mode: "mode" field,
});

from_json!(TrustedDevice {
    enabled: "enabled" field,
    duration_days: "durationDays" field,
});
