//! The sign-in experience settings the server side acts on.
//!
//! The simulator is configured with one JSON object shaped like
//! `/api/.well-known/experience`, optionally plus the two private fields
//! Logto keeps out of that payload (`forgotPasswordMethods`,
//! `emailBlocklistPolicy`), so a recorded `PATCH /api/sign-in-exp` body can be
//! merged in as is.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::{password_policy::PasswordPolicy, Connectors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum SignInMode {
    SignIn,
    Register,
    #[default]
    SignInAndRegister,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInMethod {
    pub identifier: String,
    #[serde(default)]
    pub password: bool,
    #[serde(default)]
    pub verification_code: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SignIn {
    pub methods: Vec<SignInMethod>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SecondaryIdentifier {
    pub identifier: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SignUp {
    pub identifiers: Vec<String>,
    pub password: bool,
    pub secondary_identifiers: Vec<SecondaryIdentifier>,
}

/// A custom sign-up profile field: what registration must collect.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomProfileField {
    pub name: String,
    pub required: bool,
    pub config: CustomProfileFieldConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CustomProfileFieldConfig {
    /// The parts of a `Fullname` field (checked one by one).
    pub parts: Option<Vec<CustomProfileFieldPart>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CustomProfileFieldPart {
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Mfa {
    pub factors: Vec<String>,
    pub policy: Option<String>,
    /// `Mandatory`: members of an organization that requires MFA must
    /// bind a factor whatever the policy says.
    pub organization_required_mfa_policy: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SentinelPolicy {
    pub max_attempts: Option<u32>,
    pub lockout_duration: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CodePolicy {
    pub expiration_duration: Option<u64>,
    pub max_retry_attempts: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmailBlocklist {
    pub block_subaddressing: bool,
    pub custom_blocklist: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PasswordExpiration {
    pub enabled: bool,
    pub valid_period_days: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SocialSignIn {
    pub skip_required_identifiers: bool,
}

/// `passkeySignIn`: whether passkeys identify users.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PasskeySignIn {
    pub enabled: bool,
    pub show_passkey_button: bool,
    pub allow_autofill: bool,
}

/// `trustedDevice` (`TrustedDevicePolicy`, packages/schemas/src/foundations/
/// jsonb-types/sign-in-experience.ts): Logto serves it only with dev
/// features on, so the simulator takes its presence for them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TrustedDevicePolicy {
    pub enabled: Option<bool>,
    pub duration_days: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Enabled {
    pub enabled: bool,
}

/// The typed view of the settings (unknown or malformed fields fall back to
/// Logto's defaults rather than failing).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub sign_in_mode: SignInMode,
    pub sign_in: SignIn,
    pub sign_up: SignUp,
    pub password_policy: PasswordPolicy,
    pub mfa: Mfa,
    pub sentinel_policy: SentinelPolicy,
    pub verification_code_policy: CodePolicy,
    pub captcha_policy: Enabled,
    pub password_expiration: PasswordExpiration,
    pub single_sign_on_enabled: bool,
    pub social_sign_in: SocialSignIn,
    pub passkey_sign_in: PasskeySignIn,
    /// Private: which verification codes may reset a password.
    pub forgot_password_methods: Option<Vec<String>>,
    pub forgot_password: Option<Value>,
    /// Private: e-mail restrictions at registration.
    pub email_blocklist_policy: EmailBlocklist,
    pub custom_profile_fields: Vec<CustomProfileField>,
    /// Absent: the trusted-device feature is off (Logto without dev features).
    pub trusted_device: Option<TrustedDevicePolicy>,
}

impl Settings {
    pub fn parse(raw: &Value) -> Self {
        // Parse field by field so that one odd field does not reset the rest.
        let mut settings = Settings::default();
        let Some(object) = raw.as_object() else {
            return settings;
        };
        macro_rules! field {
            ($name:literal, $field:ident) => {
                if let Some(value) = object.get($name) {
                    if let Ok(parsed) = serde_json::from_value(value.clone()) {
                        settings.$field = parsed;
                    }
                }
            };
        }
        field!("signInMode", sign_in_mode);
        field!("signIn", sign_in);
        field!("signUp", sign_up);
        field!("passwordPolicy", password_policy);
        field!("mfa", mfa);
        field!("sentinelPolicy", sentinel_policy);
        field!("verificationCodePolicy", verification_code_policy);
        field!("captchaPolicy", captcha_policy);
        field!("passwordExpiration", password_expiration);
        field!("singleSignOnEnabled", single_sign_on_enabled);
        field!("socialSignIn", social_sign_in);
        field!("passkeySignIn", passkey_sign_in);
        field!("forgotPasswordMethods", forgot_password_methods);
        field!("forgotPassword", forgot_password);
        field!("emailBlocklistPolicy", email_blocklist_policy);
        field!("customProfileFields", custom_profile_fields);
        field!("trustedDevice", trusted_device);
        settings
    }

    pub fn sign_in_method(&self, identifier: &str) -> Option<&SignInMethod> {
        self.sign_in
            .methods
            .iter()
            .find(|method| method.identifier == identifier)
    }

    /// Whether a verification code for `kind` (`email`/`phone`) may reset a
    /// password. Without the private list, the public `forgotPassword` flags
    /// decide.
    pub fn forgot_password_allows(&self, kind: &str) -> bool {
        match &self.forgot_password_methods {
            Some(methods) => {
                let wanted = if kind == "email" {
                    "EmailVerificationCode"
                } else {
                    "PhoneVerificationCode"
                };
                methods.iter().any(|method| method == wanted)
            }
            None => self
                .forgot_password
                .as_ref()
                .and_then(|flags| flags.get(kind))
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    }

    /// Sign-up identifiers, primary and secondary.
    pub fn sign_up_identifiers(&self) -> impl Iterator<Item = &str> {
        self.sign_up.identifiers.iter().map(String::as_str).chain(
            self.sign_up
                .secondary_identifiers
                .iter()
                .map(|secondary| secondary.identifier.as_str()),
        )
    }

    pub fn max_attempts(&self) -> u32 {
        self.sentinel_policy.max_attempts.unwrap_or(100).max(1)
    }

    pub fn lockout_minutes(&self) -> u64 {
        self.sentinel_policy.lockout_duration.unwrap_or(60).max(1)
    }

    pub fn code_ttl_secs(&self) -> u64 {
        self.verification_code_policy
            .expiration_duration
            .unwrap_or(600)
    }

    pub fn code_max_tries(&self) -> u32 {
        self.verification_code_policy
            .max_retry_attempts
            .unwrap_or(10)
    }

    pub fn mfa_enabled(&self, factor: &str) -> bool {
        self.mfa.factors.iter().any(|enabled| enabled == factor)
    }

    pub fn mfa_policy(&self) -> &str {
        self.mfa.policy.as_deref().unwrap_or("UserControlled")
    }
}

/// The public `/api/.well-known/experience` body: private fields removed,
/// `forgotPassword` derived from them, connectors listed from the installed
/// ones when the file does not list any.
pub fn public_settings(raw: &Value, connectors: &Connectors) -> Value {
    let mut body = raw.clone();
    let settings = Settings::parse(raw);
    let Some(object) = body.as_object_mut() else {
        return body;
    };
    object.remove("forgotPasswordMethods");
    object.remove("emailBlocklistPolicy");
    if settings.forgot_password_methods.is_some() {
        object.insert(
            "forgotPassword".into(),
            json!({
                "email": settings.forgot_password_allows("email"),
                "phone": settings.forgot_password_allows("phone"),
            }),
        );
    }
    let listed = |key: &str| {
        raw.get(key)
            .and_then(Value::as_array)
            .is_some_and(|list| !list.is_empty())
    };
    if !listed("socialConnectors") {
        let targets: Vec<String> = raw
            .get("socialSignInConnectorTargets")
            .and_then(|targets| serde_json::from_value(targets.clone()).ok())
            .unwrap_or_default();
        // Every installed connector of each enabled target, in the targets'
        // order, whatever its platform: core does not filter, the page
        // does (`getFullSignInExperience`,
        // packages/core/src/libraries/sign-in-experience/index.ts).
        let social: Vec<Value> = targets
            .iter()
            .flat_map(|target| {
                connectors
                    .social
                    .iter()
                    .filter(move |connector| &connector.target == target)
            })
            .map(|connector| {
                json!({
                    "id": connector.id,
                    "target": connector.target,
                    "name": {"en": connector.name},
                    "logo": "",
                    "logoDark": null,
                    "platform": connector.platform,
                })
            })
            .collect();
        object.insert("socialConnectors".into(), Value::Array(social));
    }
    if !listed("ssoConnectors") {
        let sso: Vec<Value> = if settings.single_sign_on_enabled {
            connectors
                .sso
                .iter()
                .map(|connector| {
                    json!({"id": connector.id, "connectorName": connector.name, "logo": ""})
                })
                .collect()
        } else {
            Vec::new()
        };
        object.insert("ssoConnectors".into(), Value::Array(sso));
    }
    body
}

/// Applies a settings patch the way `PATCH /api/sign-in-exp` does: top-level
/// keys replace the defaults.
pub fn merge_patch(base: &Value, patch: &Value) -> Value {
    let mut merged = base.clone();
    if let (Some(target), Some(patch)) = (merged.as_object_mut(), patch.as_object()) {
        for (key, value) in patch {
            target.insert(key.clone(), value.clone());
        }
    }
    merged
}
