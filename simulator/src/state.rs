//! Everything the simulator remembers, in memory and bounded: users, browser
//! sessions, OIDC interactions with their experience state, the outbox, the
//! sentinel's failure log, one-time tokens and issued codes.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    time::{Duration, Instant},
};

use serde_json::{json, Map, Value};

use crate::{
    outbox::Message,
    users::{User, WebAuthnCredential},
    util,
};

/// Logto's `ttl.Interaction`.
pub const INTERACTION_TTL: Duration = Duration::from_secs(3600);
/// Authorization codes, IdP codes: short-lived like OIDC codes.
pub const CODE_TTL: Duration = Duration::from_secs(600);
pub const MAX_INTERACTIONS: usize = 10_000;
pub const MAX_USERS: usize = 10_000;
pub const MAX_CODES: usize = 10_000;
pub const MAX_RECORDS: usize = 16;
/// Uploaded avatars kept (the oldest go first).
pub const MAX_USER_ASSETS: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    SignIn,
    Register,
    ForgotPassword,
}

impl Event {
    pub const NAMES: [&'static str; 3] = ["SignIn", "Register", "ForgotPassword"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "SignIn" => Some(Self::SignIn),
            "Register" => Some(Self::Register),
            "ForgotPassword" => Some(Self::ForgotPassword),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::SignIn => "SignIn",
            Self::Register => "Register",
            Self::ForgotPassword => "ForgotPassword",
        }
    }
}

/// `{type, value}` as the API sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub kind: String,
    pub value: String,
}

impl Identifier {
    pub fn to_json(&self) -> Value {
        json!({"type": self.kind, "value": self.value})
    }
}

/// What a social or SSO IdP told us about the user.
#[derive(Debug, Clone, Default)]
pub struct IdpProfile {
    pub subject: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone)]
pub enum RecordKind {
    Password {
        identifier: Identifier,
        user_id: String,
    },
    /// An e-mail or SMS code (the identifier's type says which).
    Code {
        identifier: Identifier,
        code: String,
        sent: Instant,
        failures: u32,
    },
    Social {
        connector_id: String,
        target: String,
        profile: Option<IdpProfile>,
    },
    Sso {
        connector_id: String,
        profile: Option<IdpProfile>,
    },
    /// `secret` is set when binding a new TOTP, absent when verifying the
    /// user's existing one.
    Totp {
        user_id: String,
        secret: Option<String>,
    },
    /// `codes` is set for freshly generated codes.
    BackupCode {
        user_id: String,
        codes: Option<Vec<String>>,
    },
    NewPasswordIdentity {
        username: String,
        password_hash: String,
    },
    OneTimeToken {
        email: String,
    },
    /// WebAuthn as an MFA factor: binding a new credential (registration)
    /// or verifying one of the user's (authentication).
    WebAuthn {
        user_id: String,
        /// The RP ID (host name) the options were made for.
        rp_id: String,
        registration_challenge: Option<String>,
        authentication_challenge: Option<String>,
        /// The new credential, once its registration is verified.
        credential: Option<WebAuthnCredential>,
    },
    /// Passkey sign-in; `user_id` is known from the identifier
    /// (identifier-first) or set by the verified assertion (preflight).
    SignInWebAuthn {
        user_id: Option<String>,
        rp_id: String,
        challenge: String,
    },
}

/// The discoverable passkey challenge of `POST /preflight/sign-in-passkey/authentication`.
#[derive(Debug, Clone)]
pub struct PasskeyChallenge {
    pub challenge: String,
    pub rp_id: String,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub verified: bool,
    pub kind: RecordKind,
}

impl Record {
    pub fn new(kind: RecordKind, verified: bool) -> Self {
        Self {
            id: util::id(21),
            verified,
            kind,
        }
    }

    /// Logto's `VerificationType`; at most one record per type is kept.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            RecordKind::Password { .. } => "Password",
            RecordKind::Code { identifier, .. } => match identifier.kind.as_str() {
                "phone" => "PhoneVerificationCode",
                "mfa-email" => "MfaEmailVerificationCode",
                "mfa-phone" => "MfaPhoneVerificationCode",
                _ => "EmailVerificationCode",
            },
            RecordKind::Social { .. } => "Social",
            RecordKind::Sso { .. } => "EnterpriseSso",
            RecordKind::Totp { .. } => "Totp",
            RecordKind::BackupCode { .. } => "BackupCode",
            RecordKind::NewPasswordIdentity { .. } => "NewPasswordIdentity",
            RecordKind::OneTimeToken { .. } => "OneTimeToken",
            RecordKind::WebAuthn { .. } => "WebAuthn",
            RecordKind::SignInWebAuthn { .. } => "SignInWebAuthn",
        }
    }

    /// The sanitized form `GET /interaction` shows.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("id".into(), json!(self.id));
        out.insert("type".into(), json!(self.type_name()));
        match &self.kind {
            RecordKind::Password { identifier, .. } | RecordKind::Code { identifier, .. } => {
                out.insert("identifier".into(), identifier.to_json());
            }
            RecordKind::Social { connector_id, .. } | RecordKind::Sso { connector_id, .. } => {
                out.insert("connectorId".into(), json!(connector_id));
            }
            RecordKind::Totp { user_id, .. }
            | RecordKind::BackupCode { user_id, .. }
            | RecordKind::WebAuthn { user_id, .. } => {
                out.insert("userId".into(), json!(user_id));
            }
            RecordKind::SignInWebAuthn { user_id, .. } => {
                if let Some(user_id) = user_id {
                    out.insert("userId".into(), json!(user_id));
                }
            }
            RecordKind::NewPasswordIdentity { username, .. } => {
                out.insert(
                    "identifier".into(),
                    json!({"type": "username", "value": username}),
                );
            }
            RecordKind::OneTimeToken { email } => {
                out.insert(
                    "identifier".into(),
                    json!({"type": "email", "value": email}),
                );
            }
        }
        // Generated backup codes have no "verified" flag in Logto's output.
        if !matches!(self.kind, RecordKind::BackupCode { codes: Some(_), .. }) {
            out.insert("verified".into(), json!(self.verified));
        }
        Value::Object(out)
    }
}

/// Data staged by `/profile` routes, written to the user at submit.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub username: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub password_hash: Option<String>,
    pub name: Option<String>,
    pub avatar: Option<String>,
    /// Logto's `profile`: the OpenID Connect standard claims (`givenName`,
    /// `address`, ...) of the custom profile fields.
    pub claims: Option<Map<String, Value>>,
    /// Logto's `customData`: the other custom profile fields.
    pub custom_data: Option<Map<String, Value>>,
    pub social: Option<(String, IdpProfile)>,
    pub sso: Option<(String, IdpProfile)>,
    /// The extra profile form was submitted (optional fields may then stay
    /// empty).
    pub submitted: bool,
}

impl Profile {
    /// Logto's `Profile.sanitizedData` (`routes/experience/classes/profile.ts`)
    /// as `GET /interaction` answers it: `avatar`, `name`, `username`,
    /// `primaryEmail`, `primaryPhone`, `profile`, `customData`,
    /// `socialIdentity`, ... and never the password digest or `submitted`.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        if let Some(avatar) = &self.avatar {
            out.insert("avatar".into(), json!(avatar));
        }
        if let Some(name) = &self.name {
            out.insert("name".into(), json!(name));
        }
        if let Some(username) = &self.username {
            out.insert("username".into(), json!(username));
        }
        if let Some(email) = &self.email {
            out.insert("primaryEmail".into(), json!(email));
        }
        if let Some(phone) = &self.phone {
            out.insert("primaryPhone".into(), json!(phone));
        }
        if let Some(claims) = &self.claims {
            out.insert("profile".into(), Value::Object(claims.clone()));
        }
        if let Some(custom_data) = &self.custom_data {
            out.insert("customData".into(), Value::Object(custom_data.clone()));
        }
        if let Some((target, profile)) = &self.social {
            out.insert(
                "socialIdentity".into(),
                json!({"target": target, "userInfo": {"id": profile.subject}}),
            );
        }
        Value::Object(out)
    }

    /// Whether a custom profile field `name` has a value (not `null`) in
    /// the staged data, as Logto's `hasMissingExtraProfileFields` looks:
    /// at the top level (`name`, `avatar`), in `profile`, in `customData`.
    pub fn has_field(&self, name: &str) -> bool {
        let top = match name {
            "name" => self.name.is_some(),
            "avatar" => self.avatar.is_some(),
            "username" => self.username.is_some(),
            "primaryEmail" => self.email.is_some(),
            "primaryPhone" => self.phone.is_some(),
            _ => false,
        };
        let present = |map: &Option<Map<String, Value>>| {
            map.as_ref()
                .and_then(|map| map.get(name))
                .is_some_and(|value| !value.is_null())
        };
        top || present(&self.claims) || present(&self.custom_data)
    }
}

/// MFA data staged in the interaction.
#[derive(Debug, Clone, Default)]
pub struct MfaState {
    /// "Enable 2-step verification" chosen on the prompt.
    pub mfa_enabled: bool,
    pub mfa_skipped: bool,
    pub suggestion_skipped: bool,
    /// "Create a passkey" skipped (`POST /profile/mfa/passkey-skipped`).
    pub passkey_skipped: bool,
    /// A new TOTP secret to bind.
    pub totp: Option<String>,
    /// New backup codes to bind.
    pub backup_codes: Option<Vec<String>>,
    /// New WebAuthn credentials to bind (MFA factors or passkeys).
    pub webauthn: Vec<WebAuthnCredential>,
    /// An existing factor was verified in this interaction.
    pub verified: bool,
}

impl MfaState {
    /// Logto's `Mfa.sanitizedData` (`routes/experience/classes/mfa.ts`) as
    /// `GET /interaction`'s `sanitizedMfaDataGuard` lets it through: TOTP
    /// and backup codes by type only, WebAuthn credentials whole
    /// (`bindWebAuthnGuard`: `type`, `rpId`, `credentialId`, `publicKey`,
    /// `transports`, `counter`, `agent`), and no
    /// `additionalBindingSuggestionSkipped`.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        if self.mfa_enabled {
            out.insert("mfaEnabled".into(), json!(true));
        }
        if self.mfa_skipped {
            out.insert("mfaSkipped".into(), json!(true));
        }
        if self.passkey_skipped {
            out.insert("passkeySkipped".into(), json!(true));
        }
        if self.totp.is_some() {
            out.insert("totp".into(), json!({"type": "Totp"}));
        }
        if !self.webauthn.is_empty() {
            let staged: Vec<Value> = self
                .webauthn
                .iter()
                .map(|credential| {
                    json!({
                        "type": "WebAuthn",
                        "rpId": credential.rp_id.clone().unwrap_or_default(),
                        "credentialId": credential.id,
                        "publicKey": crate::util::base64url(&credential.public_key),
                        "transports": credential.transports,
                        "counter": credential.counter,
                        "agent": credential.agent,
                    })
                })
                .collect();
            out.insert("webAuthn".into(), Value::Array(staged));
        }
        if self.backup_codes.is_some() {
            out.insert("backupCode".into(), json!({"type": "BackupCode"}));
        }
        Value::Object(out)
    }
}

/// The experience state, created by `PUT /api/experience`.
#[derive(Debug, Clone)]
pub struct Experience {
    pub event: Event,
    pub records: Vec<Record>,
    pub user_id: Option<String>,
    pub profile: Profile,
    pub mfa: MfaState,
    pub captcha_verified: bool,
    pub captcha_skipped: bool,
    /// The device id of a "trust this device" request, consumed by the
    /// next successful submit (`trustedDeviceCreation`; never shown).
    pub trusted_device_creation: Option<String>,
}

impl Experience {
    pub fn new(event: Event) -> Self {
        Self {
            event,
            records: Vec::new(),
            user_id: None,
            profile: Profile::default(),
            mfa: MfaState::default(),
            captcha_verified: false,
            captcha_skipped: false,
            trusted_device_creation: None,
        }
    }

    /// Stores `record`, replacing the earlier record of the same type.
    pub fn put_record(&mut self, record: Record) -> String {
        let id = record.id.clone();
        self.records
            .retain(|existing| existing.type_name() != record.type_name());
        if self.records.len() >= MAX_RECORDS {
            self.records.remove(0);
        }
        self.records.push(record);
        id
    }

    pub fn record(&self, id: &str) -> Option<&Record> {
        self.records.iter().find(|record| record.id == id)
    }

    pub fn record_mut(&mut self, id: &str) -> Option<&mut Record> {
        self.records.iter_mut().find(|record| record.id == id)
    }

    pub fn to_json(&self, ip: &str, user_agent: &str) -> Value {
        let mut out = Map::new();
        out.insert("interactionEvent".into(), json!(self.event.name()));
        if let Some(user_id) = &self.user_id {
            out.insert("userId".into(), json!(user_id));
        }
        out.insert("profile".into(), self.profile.to_json());
        out.insert(
            "verificationRecords".into(),
            Value::Array(self.records.iter().map(Record::to_json).collect()),
        );
        out.insert("mfa".into(), self.mfa.to_json());
        out.insert(
            "signInContext".into(),
            json!({"ip": ip, "userAgent": user_agent}),
        );
        out.insert(
            "captcha".into(),
            json!({"verified": self.captcha_verified, "skipped": self.captcha_skipped}),
        );
        Value::Object(out)
    }
}

/// One OIDC interaction, started by `GET /oidc/auth`.
#[derive(Debug, Clone)]
pub struct Interaction {
    pub uid: String,
    pub app_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub created: Instant,
    pub experience: Option<Experience>,
    /// Set by a successful SignIn/Register submit.
    pub signed_in_user: Option<String>,
    /// The passkey preflight challenge; survives `PUT /api/experience`,
    /// spent by the next discoverable passkey verification.
    pub passkey_preflight: Option<PasskeyChallenge>,
}

/// What the `_interaction` cookie points at: the browser's interactions,
/// one per application (the `Logto-App-Id` header picks one).
#[derive(Debug, Clone)]
pub struct Browser {
    pub created: Instant,
    pub by_app: HashMap<String, String>,
    pub last: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OneTimeToken {
    /// The id the Management API names the token by.
    pub id: String,
    pub email: String,
    pub expires_ms: u128,
    pub consumed: bool,
    /// Revoked through the Management API (`PUT /api/one-time-tokens/:id/status`).
    pub revoked: bool,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub user_id: String,
    pub created: Instant,
}

#[derive(Debug, Clone)]
pub struct IdpCode {
    pub connector_id: String,
    pub profile: IdpProfile,
    pub created: Instant,
}

/// Failed attempts per identifier, for `sentinelPolicy`.
#[derive(Debug, Clone, Default)]
pub struct Sentinel {
    pub failures: Vec<Instant>,
    pub locked_until: Option<Instant>,
}

/// What `/oidc/auth` asked for, beyond the interaction itself.
#[derive(Debug, Clone, Default)]
pub struct AuthRequest {
    /// `scope`, split on spaces.
    pub scopes: Vec<String>,
    /// Every `resource` indicator.
    pub resources: Vec<String>,
    /// Set when the interaction signs a device in (the device flow).
    pub device_code: Option<String>,
}

/// A device authorization (`POST /oidc/device/auth`).
#[derive(Debug, Clone)]
pub struct DeviceCode {
    pub client_id: String,
    pub user_code: String,
    pub created: Instant,
    /// The interaction that confirmed the user code.
    pub used: bool,
    /// The user who signed the device in.
    pub user_id: Option<String>,
    /// The device got its tokens.
    pub consumed: bool,
}

#[derive(Debug, Default)]
pub struct Inner {
    pub users: Vec<User>,
    pub browsers: HashMap<String, Browser>,
    pub interactions: HashMap<String, Interaction>,
    pub outbox: VecDeque<Message>,
    pub sentinel: HashMap<String, Sentinel>,
    pub one_time_tokens: HashMap<String, OneTimeToken>,
    pub auth_codes: HashMap<String, AuthCode>,
    pub idp_codes: HashMap<String, IdpCode>,
    /// The OIDC session of a browser (`_interaction` cookie → user id),
    /// set when an interaction ends signed in; only a magic link for
    /// someone else asks for it (switch account).
    pub sessions: HashMap<String, String>,
    /// By interaction uid.
    pub auth_requests: HashMap<String, AuthRequest>,
    /// Scopes granted by consent, by (user id, application id).
    pub grants: HashMap<(String, String), HashSet<String>>,
    /// Organizations granted by consent, by (user id, application id).
    pub granted_organizations: HashMap<(String, String), HashSet<String>>,
    /// Verification codes sent per recipient, for the send limit.
    pub message_sends: HashMap<String, VecDeque<Instant>>,
    /// Device codes by `device_code`.
    pub device_codes: HashMap<String, DeviceCode>,
    /// The device flow's xsrf secrets handed out by `GET /oidc/device`.
    pub device_xsrf: HashMap<String, Instant>,
    /// Avatars uploaded while registering, served at `/__sim/user-assets/<id>`.
    pub user_assets: VecDeque<UserAsset>,
    /// Captcha tokens already redeemed: the providers' verification
    /// answers a second use of a token as a failure (Turnstile's
    /// `timeout-or-duplicate`, reCAPTCHA Enterprise's `DUPLICATE`).
    pub captcha_tokens_used: HashSet<String>,
    /// Trusted devices (MFA), by device id.
    pub trusted_devices: HashMap<String, TrustedDevice>,
}

/// A browser a user trusts for MFA (Logto's `trusted_devices` row): only
/// the secret's SHA-256 is kept; the browser holds the secret in a cookie.
#[derive(Debug, Clone)]
pub struct TrustedDevice {
    pub user_id: String,
    pub secret_hash: Vec<u8>,
    pub expires_ms: u128,
}

/// An uploaded picture.
#[derive(Debug)]
pub struct UserAsset {
    pub id: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Inner {
    /// Makes interaction `uid` the one of `client_id` (and the latest) in
    /// the browser whose `_interaction` cookie is `key`.
    pub fn attach(&mut self, key: &str, client_id: &str, uid: String) {
        let browser = self
            .browsers
            .entry(key.to_owned())
            .or_insert_with(|| Browser {
                created: Instant::now(),
                by_app: Default::default(),
                last: None,
            });
        browser.by_app.insert(client_id.to_owned(), uid.clone());
        browser.last = Some(uid);
    }

    /// Drops what has expired and, past the caps, the oldest entries.
    pub fn collect_garbage(&mut self) {
        self.interactions
            .retain(|_, interaction| interaction.created.elapsed() < INTERACTION_TTL);
        evict_oldest(&mut self.interactions, MAX_INTERACTIONS, |i| i.created);
        let live = &self.interactions;
        self.browsers.retain(|_, browser| {
            browser.by_app.retain(|_, uid| live.contains_key(uid));
            if browser
                .last
                .as_ref()
                .is_some_and(|uid| !live.contains_key(uid))
            {
                browser.last = None;
            }
            browser.last.is_some() || !browser.by_app.is_empty()
        });
        evict_oldest(&mut self.browsers, MAX_INTERACTIONS, |b| b.created);
        self.auth_codes
            .retain(|_, code| code.created.elapsed() < CODE_TTL);
        evict_oldest(&mut self.auth_codes, MAX_CODES, |c| c.created);
        self.idp_codes
            .retain(|_, code| code.created.elapsed() < CODE_TTL);
        evict_oldest(&mut self.idp_codes, MAX_CODES, |c| c.created);
        let live = &self.interactions;
        self.auth_requests.retain(|uid, _| live.contains_key(uid));
        self.device_codes
            .retain(|_, code| code.created.elapsed() < CODE_TTL);
        evict_oldest(&mut self.device_codes, MAX_CODES, |c| c.created);
        self.device_xsrf
            .retain(|_, created| created.elapsed() < CODE_TTL);
        self.trusted_devices
            .retain(|_, device| device.expires_ms > util::now_ms());
        if self.trusted_devices.len() > MAX_CODES {
            self.trusted_devices.clear();
        }
        if self.captcha_tokens_used.len() > MAX_CODES {
            self.captcha_tokens_used.clear();
        }
        if self.device_xsrf.len() > MAX_CODES {
            self.device_xsrf.clear();
        }
        for map in [&mut self.grants, &mut self.granted_organizations] {
            if map.len() > MAX_CODES {
                map.clear();
            }
        }
        if self.sessions.len() > MAX_INTERACTIONS {
            self.sessions.clear();
        }
        let now = util::now_ms();
        self.one_time_tokens
            .retain(|_, token| token.expires_ms + 86_400_000 > now);
        if self.one_time_tokens.len() > MAX_CODES {
            self.one_time_tokens.clear();
        }
        self.sentinel.retain(|_, entry| {
            entry
                .locked_until
                .is_some_and(|until| until > Instant::now())
                || entry
                    .failures
                    .last()
                    .is_some_and(|last| last.elapsed() < Duration::from_secs(3600))
        });
        if self.sentinel.len() > MAX_CODES {
            self.sentinel.clear();
        }
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|user| user.id == id)
    }

    pub fn user_mut(&mut self, id: &str) -> Option<&mut User> {
        self.users.iter_mut().find(|user| user.id == id)
    }

    /// Finds a user by a sign-in identifier, the way Logto matches them:
    /// usernames exactly (or case-insensitively per `usernamePolicy`),
    /// e-mails case-insensitively, phones by digits.
    pub fn find_user(
        &self,
        identifier: &Identifier,
        username_case_sensitive: bool,
    ) -> Option<&User> {
        match identifier.kind.as_str() {
            "username" => self.users.iter().find(|user| {
                user.username.as_deref().is_some_and(|username| {
                    if username_case_sensitive {
                        username == identifier.value
                    } else {
                        username.eq_ignore_ascii_case(&identifier.value)
                    }
                })
            }),
            "email" => self.user_by_email(&identifier.value),
            "phone" => self.user_by_phone(&identifier.value),
            _ => None,
        }
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        let email = email.to_lowercase();
        self.users
            .iter()
            .find(|user| user.email.as_deref() == Some(email.as_str()))
    }

    pub fn user_by_phone(&self, phone: &str) -> Option<&User> {
        let phone = crate::users::normalize_phone(phone);
        if phone.is_empty() {
            return None;
        }
        self.users
            .iter()
            .find(|user| user.phone.as_deref() == Some(phone.as_str()))
    }

    pub fn user_by_username(&self, username: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|user| user.username.as_deref() == Some(username))
    }

    pub fn user_by_identity(&self, target: &str, subject: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|user| user.has_identity(target, subject))
    }

    /// The user a WebAuthn credential (base64url id) belongs to.
    pub fn user_by_credential(&self, credential_id: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|user| user.credential(credential_id).is_some())
    }

    pub fn user_by_sso_identity(&self, connector_id: &str, subject: &str) -> Option<&User> {
        self.users.iter().find(|user| {
            user.sso_identities
                .iter()
                .any(|identity| identity.target == connector_id && identity.subject == subject)
        })
    }
}

fn evict_oldest<T>(map: &mut HashMap<String, T>, cap: usize, created: impl Fn(&T) -> Instant) {
    if map.len() <= cap {
        return;
    }
    let mut ages: Vec<(Instant, String)> = map
        .iter()
        .map(|(key, value)| (created(value), key.clone()))
        .collect();
    ages.sort();
    let excess = map.len() - cap;
    for (_, key) in ages.into_iter().take(excess) {
        map.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interaction(uid: &str, created: Instant) -> Interaction {
        Interaction {
            uid: uid.into(),
            app_id: "demo-app".into(),
            redirect_uri: "http://localhost/cb".into(),
            state: None,
            created,
            experience: None,
            signed_in_user: None,
            passkey_preflight: None,
        }
    }

    #[test]
    fn interactions_expire_after_an_hour_and_are_capped() {
        let Some(old) = Instant::now().checked_sub(INTERACTION_TTL + Duration::from_secs(1)) else {
            return; // A machine up for less than an hour cannot express it.
        };
        let mut inner = Inner::default();
        inner
            .interactions
            .insert("old".into(), interaction("old", old));
        inner
            .interactions
            .insert("new".into(), interaction("new", Instant::now()));
        inner.browsers.insert(
            "b".into(),
            Browser {
                created: old,
                by_app: HashMap::from([("demo-app".into(), "old".into())]),
                last: Some("old".into()),
            },
        );
        inner.collect_garbage();
        assert!(inner.interactions.contains_key("new"));
        assert!(!inner.interactions.contains_key("old"));
        assert!(
            inner.browsers.is_empty(),
            "a browser with no live interaction goes too"
        );

        for index in 0..MAX_INTERACTIONS + 5 {
            let uid = format!("i{index}");
            inner
                .interactions
                .insert(uid.clone(), interaction(&uid, Instant::now()));
        }
        inner.collect_garbage();
        assert_eq!(inner.interactions.len(), MAX_INTERACTIONS);
    }

    #[test]
    fn one_record_per_type() {
        let mut exp = Experience::new(Event::SignIn);
        let password = |value: &str| {
            Record::new(
                RecordKind::Password {
                    identifier: Identifier {
                        kind: "username".into(),
                        value: value.into(),
                    },
                    user_id: "u".into(),
                },
                true,
            )
        };
        let first = exp.put_record(password("a"));
        let second = exp.put_record(password("b"));
        assert!(exp.record(&first).is_none());
        assert!(exp.record(&second).is_some());
        assert_eq!(exp.records.len(), 1);
    }
}
