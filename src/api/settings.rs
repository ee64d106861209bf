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

use super::json::{field, field_or, object, required, Decoded, FromJson};

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
    pub tenant_id: String,
    pub id: String,
    pub color: Color,
    pub branding: Branding,
    pub hide_logto_branding: bool,
    pub language_info: LanguageInfo,
    pub terms_of_use_url: Option<String>,
    pub privacy_policy_url: Option<String>,
    pub agree_to_terms_policy: AgreeToTermsPolicy,
    pub sign_in: SignIn,
    pub sign_up: SignUp,
    pub social_sign_in: SocialSignIn,
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
    #[cfg(feature = "full")]
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
    pub is_standard: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
    pub connector_name: String,
    pub logo: String,
    #[serde(skip_serializing_if = "Option::is_none")]
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

impl FromJson for ExperienceSettings {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            tenant_id: field(o, "tenantId")?,
            id: field(o, "id")?,
            color: field(o, "color")?,
            branding: field(o, "branding")?,
            hide_logto_branding: field(o, "hideLogtoBranding")?,
            language_info: field(o, "languageInfo")?,
            terms_of_use_url: field(o, "termsOfUseUrl")?,
            privacy_policy_url: field(o, "privacyPolicyUrl")?,
            agree_to_terms_policy: field(o, "agreeToTermsPolicy")?,
            sign_in: field(o, "signIn")?,
            sign_up: field(o, "signUp")?,
            social_sign_in: field(o, "socialSignIn")?,
            social_sign_in_connector_targets: field(o, "socialSignInConnectorTargets")?,
            sign_in_mode: field(o, "signInMode")?,
            custom_css: field(o, "customCss")?,
            custom_content: field(o, "customContent")?,
            #[cfg(feature = "full")]
            custom_ui_assets: field(o, "customUiAssets")?,
            #[cfg(feature = "full")]
            custom_ui_csp: field(o, "customUiCsp")?,
            #[cfg(feature = "full")]
            password_policy: field(o, "passwordPolicy")?,
            mfa: field(o, "mfa")?,
            #[cfg(feature = "full")]
            adaptive_mfa: field(o, "adaptiveMfa")?,
            single_sign_on_enabled: field(o, "singleSignOnEnabled")?,
            support_email: field(o, "supportEmail")?,
            support_website_url: field(o, "supportWebsiteUrl")?,
            unknown_session_redirect_url: field(o, "unknownSessionRedirectUrl")?,
            captcha_policy: field(o, "captchaPolicy")?,
            #[cfg(feature = "full")]
            sentinel_policy: field(o, "sentinelPolicy")?,
            #[cfg(feature = "full")]
            verification_code_policy: field(o, "verificationCodePolicy")?,
            passkey_sign_in: field(o, "passkeySignIn")?,
            #[cfg(feature = "full")]
            sign_up_profile_fields: field(o, "signUpProfileFields")?,
            #[cfg(feature = "full")]
            password_expiration: field(o, "passwordExpiration")?,
            #[cfg(feature = "full")]
            username_policy: field(o, "usernamePolicy")?,
            social_connectors: field(o, "socialConnectors")?,
            sso_connectors: field(o, "ssoConnectors")?,
            forgot_password: field(o, "forgotPassword")?,
            is_development_tenant: field(o, "isDevelopmentTenant")?,
            #[cfg(feature = "full")]
            custom_profile_fields: field(o, "customProfileFields")?,
            #[cfg(feature = "full")]
            custom_profile_field_catalog: field(o, "customProfileFieldCatalog")?,
            #[cfg(feature = "full")]
            google_one_tap: field(o, "googleOneTap")?,
            captcha_config: field(o, "captchaConfig")?,
            #[cfg(feature = "full")]
            trusted_device: field(o, "trustedDevice")?,
        })
    }
}

impl FromJson for Color {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            primary_color: field(o, "primaryColor")?,
            is_dark_mode_enabled: field(o, "isDarkModeEnabled")?,
            dark_primary_color: field(o, "darkPrimaryColor")?,
        })
    }
}

impl FromJson for Branding {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            logo_url: field(o, "logoUrl")?,
            dark_logo_url: field(o, "darkLogoUrl")?,
            favicon: field(o, "favicon")?,
            dark_favicon: field(o, "darkFavicon")?,
        })
    }
}

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

impl FromJson for SignInMethod {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            identifier: required(o, "identifier")?,
            password: required(o, "password")?,
            verification_code: required(o, "verificationCode")?,
            is_password_primary: required(o, "isPasswordPrimary")?,
        })
    }
}

impl FromJson for SignUp {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            identifiers: field(o, "identifiers")?,
            password: field(o, "password")?,
            verify: field(o, "verify")?,
            secondary_identifiers: field(o, "secondaryIdentifiers")?,
        })
    }
}

impl FromJson for SecondaryIdentifier {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            identifier: required(o, "identifier")?,
            verify: field(o, "verify")?,
        })
    }
}

impl FromJson for SocialSignIn {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            automatic_account_linking: field(o, "automaticAccountLinking")?,
            skip_required_identifiers: field(o, "skipRequiredIdentifiers")?,
        })
    }
}

impl FromJson for CustomUiAssets {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            id: field(o, "id")?,
            created_at: field(o, "createdAt")?,
        })
    }
}

impl FromJson for CustomUiCsp {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            script_src: field(o, "scriptSrc")?,
            connect_src: field(o, "connectSrc")?,
        })
    }
}

impl FromJson for PasswordPolicy {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            length: field(o, "length")?,
            character_types: field(o, "characterTypes")?,
            rejects: field(o, "rejects")?,
        })
    }
}

impl FromJson for PasswordLength {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            min: field(o, "min")?,
            max: field(o, "max")?,
        })
    }
}

impl FromJson for CharacterTypes {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            min: field(object(value)?, "min")?,
        })
    }
}

impl FromJson for PasswordRejects {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            pwned: field(o, "pwned")?,
            repetition_and_sequence: field(o, "repetitionAndSequence")?,
            user_info: field(o, "userInfo")?,
            words: field(o, "words")?,
        })
    }
}

impl FromJson for Mfa {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            factors: field(o, "factors")?,
            policy: field(o, "policy")?,
            organization_required_mfa_policy: field(o, "organizationRequiredMfaPolicy")?,
        })
    }
}

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

impl FromJson for SentinelPolicy {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            max_attempts: field(o, "maxAttempts")?,
            lockout_duration: field(o, "lockoutDuration")?,
        })
    }
}

impl FromJson for VerificationCodePolicy {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            expiration_duration: field(o, "expirationDuration")?,
            max_retry_attempts: field(o, "maxRetryAttempts")?,
        })
    }
}

impl FromJson for PasskeySignIn {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            enabled: field(o, "enabled")?,
            show_passkey_button: field(o, "showPasskeyButton")?,
            allow_autofill: field(o, "allowAutofill")?,
        })
    }
}

impl FromJson for SignUpProfileField {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(Self {
            name: field(object(value)?, "name")?,
        })
    }
}

impl FromJson for PasswordExpiration {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            enabled: field(o, "enabled")?,
            valid_period_days: field(o, "validPeriodDays")?,
            enabled_at: field(o, "enabledAt")?,
        })
    }
}

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

impl FromJson for SocialConnector {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            id: required(o, "id")?,
            target: required(o, "target")?,
            name: required(o, "name")?,
            logo: required(o, "logo")?,
            logo_dark: field(o, "logoDark")?,
            platform: field(o, "platform")?,
            is_standard: field(o, "isStandard")?,
            from_email: field(o, "fromEmail")?,
            is_token_storage_supported: field(o, "isTokenStorageSupported")?,
        })
    }
}

impl FromJson for SsoConnector {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            id: required(o, "id")?,
            connector_name: required(o, "connectorName")?,
            logo: required(o, "logo")?,
            dark_logo: field(o, "darkLogo")?,
        })
    }
}

impl FromJson for ForgotPassword {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            phone: field(o, "phone")?,
            email: field(o, "email")?,
        })
    }
}

impl FromJson for CustomProfileField {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            tenant_id: field(o, "tenantId")?,
            id: field(o, "id")?,
            name: required(o, "name")?,
            field_type: required(o, "type")?,
            label: field(o, "label")?,
            description: field(o, "description")?,
            required: field(o, "required")?,
            config: field(o, "config")?,
            created_at: field(o, "createdAt")?,
            sie_order: field(o, "sieOrder")?,
        })
    }
}

impl FromJson for CustomProfileFieldConfig {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            placeholder: field(o, "placeholder")?,
            min_length: field(o, "minLength")?,
            max_length: field(o, "maxLength")?,
            min_value: field(o, "minValue")?,
            max_value: field(o, "maxValue")?,
            format: field(o, "format")?,
            custom_format: field(o, "customFormat")?,
            options: field(o, "options")?,
            default_value: field(o, "defaultValue")?,
            parts: field(o, "parts")?,
        })
    }
}

impl FromJson for CustomProfileFieldOption {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            label: field(o, "label")?,
            value: required(o, "value")?,
        })
    }
}

impl FromJson for CustomProfileFieldPart {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            enabled: required(o, "enabled")?,
            name: required(o, "name")?,
            field_type: required(o, "type")?,
            label: field(o, "label")?,
            description: field(o, "description")?,
            required: required(o, "required")?,
            config: field(o, "config")?,
        })
    }
}

impl FromJson for GoogleOneTap {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            is_enabled: field(o, "isEnabled")?,
            auto_select: field(o, "autoSelect")?,
            close_on_tap_outside: field(o, "closeOnTapOutside")?,
            itp_support: field(o, "itpSupport")?,
            client_id: required(o, "clientId")?,
            connector_id: required(o, "connectorId")?,
        })
    }
}

impl FromJson for CaptchaConfig {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            captcha_type: required(o, "type")?,
            site_key: required(o, "siteKey")?,
            domain: field(o, "domain")?,
            mode: field(o, "mode")?,
        })
    }
}

impl FromJson for TrustedDevice {
    fn from_json(value: &Value) -> Decoded<Self> {
        let o = object(value)?;
        Ok(Self {
            enabled: field(o, "enabled")?,
            duration_days: field(o, "durationDays")?,
        })
    }
}
