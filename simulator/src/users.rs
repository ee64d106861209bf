//! Users: the seed file format, password hashing, lookups.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use sha2::Sha256;

use crate::util;

/// One user as written in a `USERS` file. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SeedUser {
    pub id: Option<String>,
    pub username: Option<String>,
    pub email: Option<String>,
    /// Digits with the country calling code, no `+`.
    pub phone: Option<String>,
    pub name: Option<String>,
    /// Plain text here only; it is hashed on load.
    pub password: Option<String>,
    pub suspended: bool,
    /// The password was last set this many days ago (for `passwordExpiration`).
    pub password_age_days: Option<u64>,
    /// Base32 TOTP secret: the user has TOTP as an MFA factor.
    pub totp_secret: Option<String>,
    pub backup_codes: Vec<String>,
    /// Backup codes already spent.
    pub used_backup_codes: Vec<String>,
    /// The user chose "skip" on the optional MFA prompt earlier.
    pub mfa_skipped: bool,
    /// Social identities: connector target → the IdP's user id.
    pub identities: BTreeMap<String, String>,
    /// WebAuthn credentials (MFA factor; passkeys with `passkeySignIn`).
    pub webauthn: Vec<SeedCredential>,
}

/// A WebAuthn credential in a `USERS` file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedCredential {
    /// base64url credential id.
    pub credential_id: String,
    /// base64url COSE_Key (ES256 or RS256).
    pub public_key: String,
    #[serde(default)]
    pub counter: u32,
    #[serde(default)]
    pub transports: Vec<String>,
}

/// How many WebAuthn credentials a user keeps (the oldest go first).
pub const MAX_CREDENTIALS: usize = 20;

/// A WebAuthn credential of a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAuthnCredential {
    /// base64url credential id.
    pub id: String,
    /// The COSE_Key.
    pub public_key: Vec<u8>,
    /// The last signature counter seen.
    pub counter: u32,
    pub transports: Vec<String>,
    /// The user agent that registered it.
    pub agent: String,
    /// The RP ID it was registered for (Logto's optional `rpId`; unknown
    /// for credentials from a `USERS` file).
    pub rp_id: Option<String>,
}

impl SeedCredential {
    fn load(self) -> Option<WebAuthnCredential> {
        let public_key = util::base64url_decode(&self.public_key)
            .filter(|key| crate::webauthn::PublicKey::from_cose(key).is_ok());
        let id_ok = util::base64url_decode(&self.credential_id).is_some_and(|id| !id.is_empty());
        match public_key {
            Some(public_key) if id_ok => Some(WebAuthnCredential {
                id: self.credential_id,
                public_key,
                counter: self.counter,
                transports: self.transports,
                agent: String::new(),
                rp_id: None,
            }),
            _ => {
                eprintln!(
                    "logto-sim: ignoring WebAuthn credential {:?}: not a base64url id and ES256/RS256 COSE key",
                    self.credential_id
                );
                None
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct BackupCode {
    pub code: String,
    pub used: bool,
}

/// A linked social or SSO identity.
#[derive(Debug, Clone)]
pub struct Identity {
    pub target: String,
    pub subject: String,
}

#[derive(Debug, Clone, Default)]
pub struct User {
    pub id: String,
    pub username: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name: Option<String>,
    pub password_hash: Option<String>,
    /// Epoch seconds of the last password change.
    pub password_set_at: u64,
    pub suspended: bool,
    pub totp_secret: Option<String>,
    pub backup_codes: Vec<BackupCode>,
    pub mfa_skipped: bool,
    /// Logto's `logtoConfig.mfa.enabled`: unset for users from before the
    /// flag (their factors decide), then what the last submit recorded.
    pub mfa_enabled: Option<bool>,
    /// Declined the suggestion to add another factor
    /// (`additionalBindingSuggestionSkipped`).
    pub mfa_suggestion_skipped: bool,
    /// Declined to create a passkey at a sign-in (Logto's `passkeySkipped`).
    pub passkey_skipped: bool,
    pub identities: Vec<Identity>,
    pub sso_identities: Vec<Identity>,
    /// The picture URL (Logto's `avatar`).
    pub avatar: Option<String>,
    /// OpenID Connect standard claims (Logto's `profile`).
    pub profile: serde_json::Map<String, Value>,
    pub custom_data: serde_json::Map<String, Value>,
    pub webauthn: Vec<WebAuthnCredential>,
}

impl User {
    pub fn from_seed(seed: SeedUser, iterations: u32) -> Self {
        let used = seed.used_backup_codes;
        let mut backup_codes: Vec<BackupCode> = seed
            .backup_codes
            .into_iter()
            .map(|code| BackupCode {
                used: used.contains(&code),
                code,
            })
            .collect();
        backup_codes.extend(
            used.iter()
                .filter(|code| !backup_codes.iter().any(|known| &known.code == *code))
                .map(|code| BackupCode {
                    code: code.clone(),
                    used: true,
                })
                .collect::<Vec<_>>(),
        );
        Self {
            id: seed.id.unwrap_or_else(|| util::id(12)),
            username: seed.username,
            email: seed.email.map(|email| email.to_lowercase()),
            phone: seed.phone.map(|phone| normalize_phone(&phone)),
            name: seed.name,
            password_hash: seed
                .password
                .map(|password| hash_password(&password, iterations)),
            password_set_at: util::now_secs()
                .saturating_sub(seed.password_age_days.unwrap_or(0) * 86_400),
            suspended: seed.suspended,
            totp_secret: seed.totp_secret,
            backup_codes,
            mfa_skipped: seed.mfa_skipped,
            mfa_enabled: None,
            mfa_suggestion_skipped: false,
            passkey_skipped: false,
            identities: seed
                .identities
                .into_iter()
                .map(|(target, subject)| Identity { target, subject })
                .collect(),
            sso_identities: Vec::new(),
            avatar: None,
            profile: serde_json::Map::new(),
            custom_data: serde_json::Map::new(),
            webauthn: seed
                .webauthn
                .into_iter()
                .filter_map(SeedCredential::load)
                .take(MAX_CREDENTIALS)
                .collect(),
        }
    }

    /// Adds (or replaces, by id) a credential, dropping the oldest past the cap.
    pub fn add_credential(&mut self, credential: WebAuthnCredential) {
        self.webauthn.retain(|known| known.id != credential.id);
        if self.webauthn.len() >= MAX_CREDENTIALS {
            self.webauthn.remove(0);
        }
        self.webauthn.push(credential);
    }

    pub fn credential(&self, id: &str) -> Option<&WebAuthnCredential> {
        self.webauthn.iter().find(|credential| credential.id == id)
    }

    /// What the demo callback page and logs call the user.
    pub fn display_name(&self) -> String {
        self.username
            .clone()
            .or_else(|| self.email.clone())
            .or_else(|| self.phone.clone())
            .unwrap_or_else(|| self.id.clone())
    }

    pub fn verify_password(&self, password: &str) -> bool {
        self.password_hash
            .as_deref()
            .is_some_and(|hash| verify_password(password, hash))
    }

    pub fn has_identity(&self, target: &str, subject: &str) -> bool {
        self.identities
            .iter()
            .any(|identity| identity.target == target && identity.subject == subject)
    }

    pub fn unused_backup_codes(&self) -> usize {
        self.backup_codes.iter().filter(|code| !code.used).count()
    }

    /// The MFA factors this user has bound, in Logto's verification order.
    pub fn mfa_factors(&self) -> Vec<&'static str> {
        let mut factors = Vec::new();
        if self.totp_secret.is_some() {
            factors.push("Totp");
        }
        if !self.webauthn.is_empty() {
            factors.push("WebAuthn");
        }
        if self.unused_backup_codes() > 0 {
            factors.push("BackupCode");
        }
        factors
    }

    /// The fields the password policy must not find in a password.
    pub fn password_user_info(&self) -> crate::password_policy::UserInfo {
        crate::password_policy::UserInfo {
            name: self.name.clone(),
            username: self.username.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
        }
    }
}

/// Logto stores phone numbers as digits only.
pub fn normalize_phone(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The built-in users (`data/users.default.json`): one per identifier
/// type, one with TOTP and backup codes, a suspended one, one with an old
/// password (for `passwordExpiration`) and one linked to the mock social
/// IdP's default account. Passwords are all `Demo-Passw0rd!`.
pub fn demo_users() -> Vec<SeedUser> {
    parse_seed(include_str!("../data/users.default.json")).unwrap_or_default()
}

/// Parses a `USERS` file: a JSON array of [`SeedUser`].
pub fn parse_seed(text: &str) -> Result<Vec<SeedUser>, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

const SALT_LEN: usize = 16;

/// PBKDF2-HMAC-SHA256 in a self-describing string:
/// `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.
pub fn hash_password(password: &str, iterations: u32) -> String {
    let mut salt = [0u8; SALT_LEN];
    util::random_bytes(&mut salt);
    let iterations = iterations.max(1);
    let hash = derive(password, &salt, iterations);
    format!(
        "pbkdf2-sha256${iterations}${}${}",
        util::hex_encode(&salt),
        util::hex_encode(&hash)
    )
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(iterations), Some(salt), Some(hash), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let (Ok(iterations), Some(salt), Some(hash)) = (
        iterations.parse::<u32>(),
        util::hex_decode(salt),
        util::hex_decode(hash),
    ) else {
        return false;
    };
    util::constant_time_eq(&derive(password, &salt, iterations.max(1)), &hash)
}

fn derive(password: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, iterations, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_salted() {
        let first = hash_password("Demo-Passw0rd!", 10);
        let second = hash_password("Demo-Passw0rd!", 10);
        assert_ne!(first, second);
        assert!(!first.contains("Demo-Passw0rd!"));
        assert!(verify_password("Demo-Passw0rd!", &first));
        assert!(!verify_password("demo-passw0rd!", &first));
        assert!(!verify_password("x", "garbage"));
        assert!(!verify_password("x", "pbkdf2-sha256$zz$00$00"));
    }

    #[test]
    fn seeds_parse() {
        let seeds =
            parse_seed(r#"[{"username":"bob","password":"x","identities":{"github":"42"}}]"#)
                .unwrap();
        let user = User::from_seed(seeds[0].clone(), 1);
        assert!(user.verify_password("x"));
        assert!(user.has_identity("github", "42"));
        assert!(parse_seed(r#"[{"nickname":"x"}]"#).is_err());
        let demo = parse_seed(include_str!("../data/users.default.json")).unwrap();
        assert_eq!(demo_users().len(), demo.len());
        assert!(demo.iter().any(|user| user.suspended));
    }
}
