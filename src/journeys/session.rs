//! What must survive a redirect, in one typed store: the journeys' second
//! seam. The page keeps it in the tab's session storage ([`BrowserStorage`]);
//! tests and headless users may keep it in memory ([`MemoryStorage`]).
//!
//! Every key is listed in [`Key`]. What belongs to an interaction is cleared
//! when it ends ([`Session::clear_interaction`]), as Logto's page clears its
//! cache. Passwords and codes are never stored.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
};

use serde::Serialize;

use crate::api::{
    error::MaskedIdentifiers,
    json::{from_json, FromJson},
    Identifier, InteractionEvent, MfaFactor, SignInIdentifier,
};

/// Where the session lives. Shared by every clone of a [`Session`], hence
/// `Send + Sync` (Leptos contexts require it).
pub trait SessionStore: Send + Sync {
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `key`, or removes it for `None`; a store that refuses (a
    /// browser's private mode) just forgets: the flow then asks again.
    fn set(&self, key: &str, value: Option<&str>);
    /// Every key held.
    fn keys(&self) -> Vec<String>;
}

/// The tab's `sessionStorage` (outside WebAssembly: nothing is kept).
#[derive(Debug, Default, Clone, Copy)]
pub struct BrowserStorage;

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

impl SessionStore for BrowserStorage {
    #[cfg(target_arch = "wasm32")]
    fn get(&self, key: &str) -> Option<String> {
        storage()?.get_item(key).ok()?
    }

    #[cfg(target_arch = "wasm32")]
    fn set(&self, key: &str, value: Option<&str>) {
        if let Some(storage) = storage() {
            let _ = match value {
                Some(value) => storage.set_item(key, value),
                None => storage.remove_item(key),
            };
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn keys(&self) -> Vec<String> {
        let Some(storage) = storage() else {
            return Vec::new();
        };
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn get(&self, _key: &str) -> Option<String> {
        None
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn set(&self, _key: &str, _value: Option<&str>) {}

    #[cfg(not(target_arch = "wasm32"))]
    fn keys(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The origin's `localStorage` (outside WebAssembly: nothing is kept): the
/// short-lived copy of a social round trip for in-app browsers that lose
/// the tab's session storage on the way back (see
/// [`crate::journeys::Journeys::start_with_provider`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct BrowserLocalStorage;

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl SessionStore for BrowserLocalStorage {
    #[cfg(target_arch = "wasm32")]
    fn get(&self, key: &str) -> Option<String> {
        local_storage()?.get_item(key).ok()?
    }

    #[cfg(target_arch = "wasm32")]
    fn set(&self, key: &str, value: Option<&str>) {
        if let Some(storage) = local_storage() {
            let _ = match value {
                Some(value) => storage.set_item(key, value),
                None => storage.remove_item(key),
            };
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn keys(&self) -> Vec<String> {
        let Some(storage) = local_storage() else {
            return Vec::new();
        };
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn get(&self, _key: &str) -> Option<String> {
        None
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn set(&self, _key: &str, _value: Option<&str>) {}

    #[cfg(not(target_arch = "wasm32"))]
    fn keys(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A store in memory, for tests and headless use.
#[derive(Debug, Default)]
pub struct MemoryStorage(Mutex<BTreeMap<String, String>>);

impl SessionStore for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn set(&self, key: &str, value: Option<&str>) {
        if let Ok(mut map) = self.0.lock() {
            match value {
                Some(value) => map.insert(key.to_owned(), value.to_owned()),
                None => map.remove(key),
            };
        }
    }

    fn keys(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|map| map.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// Every key the page keeps. The names are those of earlier versions of
/// this page (and `index.html`'s inline script for the query ones), so that
/// a page swapped in mid-flow finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The query parameters of the tab (not the interaction's).
    AppId,
    OrganizationId,
    UiLocales,
    /// The interaction's event.
    Event,
    /// The identifier being verified (never a password).
    Identifier,
    /// The verification that identifies a registration again after each
    /// profile page.
    Verification,
    /// The code on its way ([`PendingCode`]).
    Code,
    /// A confirmation for the next page ("Password changed").
    Notice,
    /// The MFA factors offered for verification, and where the codes go
    /// (masked by the server).
    MfaFactors,
    MfaEmail,
    MfaPhone,
    /// The binding the server asked for ([`MfaBinding`]).
    MfaBinding,
    /// The social or SSO round trip in progress.
    Provider,
    /// The SSO connectors found for an email.
    SsoChoice,
    /// The account a social identity may be linked to.
    RelatedUser,
    /// The connector whose identity a registration started with: an
    /// address of the profile pages that turns out to have an account is
    /// offered for linking (Logto's `link_social` search parameter).
    LinkSocial,
    /// The identifier of an identifier-first passkey sign-in.
    Passkey,
    /// Why a magic link failed, and whether its terms were agreed to.
    MagicLinkError,
    MagicLinkAgreed,
    /// The person agreed to the terms (ticked the box or confirmed the
    /// "Agree" dialog) in this interaction; it survives the round trip to a
    /// provider, whose callback may register them.
    TermsAgreed,
    /// An MFA factor was verified but the submit got no answer: a retry
    /// submits without spending another code.
    MfaVerified,
}

/// Logto's own key for a social `state`, so that a page swapped in mid-flow
/// keeps working: `social_auth_state:<connectorId>`.
const SOCIAL_STATE_PREFIX: &str = "social_auth_state:";
/// A native app's deep link for a connector's callback (Logto's
/// `storageCallbackLinkKeyPrefix`, `utils/social-connectors.ts`).
const NATIVE_CALLBACK_PREFIX: &str = "social_callback_data:";
const PREFIX: &str = "logto:";

impl Key {
    pub const ALL: [Key; 21] = [
        Key::AppId,
        Key::OrganizationId,
        Key::UiLocales,
        Key::Event,
        Key::Identifier,
        Key::Verification,
        Key::Code,
        Key::Notice,
        Key::MfaFactors,
        Key::MfaEmail,
        Key::MfaPhone,
        Key::MfaBinding,
        Key::Provider,
        Key::SsoChoice,
        Key::RelatedUser,
        Key::LinkSocial,
        Key::Passkey,
        Key::MagicLinkError,
        Key::MagicLinkAgreed,
        Key::TermsAgreed,
        Key::MfaVerified,
    ];

    /// The storage key.
    pub fn name(self) -> &'static str {
        match self {
            // Logto's own names (`shared/utils/search-parameters.ts`), which
            // other Logto software in the tab reads.
            Key::AppId => "app_id",
            Key::OrganizationId => "organization_id",
            Key::UiLocales => "ui_locales",
            Key::Event => "logto:event",
            Key::Identifier => "logto:identifier",
            Key::Verification => "logto:verification",
            Key::Code => "logto:code",
            Key::Notice => "logto:notice",
            Key::MfaFactors => "logto:mfa",
            Key::MfaEmail => "logto:mfa-email",
            Key::MfaPhone => "logto:mfa-phone",
            Key::MfaBinding => "logto:mfa-binding",
            Key::Provider => "logto:idp",
            Key::SsoChoice => "logto:sso",
            Key::RelatedUser => "logto:related-user",
            Key::LinkSocial => "logto:link-social",
            Key::Passkey => "logto:passkey",
            Key::MagicLinkError => "logto:magic-link-error",
            Key::MagicLinkAgreed => "logto:magic-link-agreed",
            Key::TermsAgreed => "logto:terms-agreed",
            Key::MfaVerified => "logto:mfa-verified",
        }
    }

    /// Whether it describes the tab rather than one interaction.
    fn outlives_the_interaction(self) -> bool {
        matches!(self, Key::AppId | Key::OrganizationId | Key::UiLocales)
    }
}

/// A code on its way: what the code page verifies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingCode {
    /// The route segment of the flow (`sign-in`, `register`, ...).
    pub flow: String,
    pub identifier: Identifier,
    pub verification_id: String,
    /// `Date.now()` when it was sent, for the resend countdown.
    pub sent_at: f64,
    /// The page to change the address on.
    pub back: String,
    /// The address becomes an MFA factor (`/mfa-binding/...`), not a
    /// profile item.
    #[serde(default)]
    pub mfa: bool,
    /// The code was accepted but what followed got no answer: a retry
    /// goes on without verifying it again (a code is good once).
    pub verified: bool,
}

from_json!(PendingCode {
    flow: "flow" required,
    identifier: "identifier" required,
    verification_id: "verificationId" required,
    sent_at: "sentAt" required,
    back: "back" required,
    mfa: "mfa" field,
    verified: "verified" field,
});

/// What the MFA binding pages offer: the factors the server lists, whether
/// the person may skip, and whether it is the "add another factor"
/// suggestion (with the factors of `factors` the person already has).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MfaBinding {
    pub factors: Vec<MfaFactor>,
    pub skippable: bool,
    pub suggestion: bool,
    pub bound: Vec<MfaFactor>,
}

from_json!(MfaBinding {
    factors: "factors" required,
    skippable: "skippable" required,
    suggestion: "suggestion" required,
    bound: "bound" field,
});

impl MfaBinding {
    /// The list's rows: factors to add, then those set up.
    pub fn rows(&self) -> Vec<crate::flow::mfa::Row> {
        crate::flow::mfa::rows(&self.factors, &self.bound)
    }

    /// Whether a factor's page has another factor to switch to.
    pub fn has_other_factors(&self) -> bool {
        crate::flow::mfa::offered(&self.factors, &self.bound) > 1
    }
}

/// The typed session. Cheap to clone (shared).
#[derive(Clone)]
pub struct Session(Arc<dyn SessionStore>);

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session")
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::browser()
    }
}

impl Session {
    pub fn new(store: Arc<dyn SessionStore>) -> Self {
        Self(store)
    }

    /// The tab's session storage.
    pub fn browser() -> Self {
        Self(Arc::new(BrowserStorage))
    }

    /// A fresh store in memory.
    pub fn in_memory() -> Self {
        Self(Arc::new(MemoryStorage::default()))
    }

    /// A key outside [`Key`] (the hand-off copies of social round trips).
    pub(crate) fn raw_get(&self, key: &str) -> Option<String> {
        self.0.get(key)
    }

    pub(crate) fn raw_set(&self, key: &str, value: Option<&str>) {
        self.0.set(key, value);
    }

    pub fn get(&self, key: Key) -> Option<String> {
        self.0.get(key.name())
    }

    pub fn set(&self, key: Key, value: Option<&str>) {
        self.0.set(key.name(), value);
    }

    /// A value kept as JSON (`None` when absent or unreadable).
    pub fn get_json<T: FromJson>(&self, key: Key) -> Option<T> {
        crate::api::json::from_text(&self.get(key)?)
    }

    /// Keeps `value` as JSON (removes the key for `None`).
    pub fn set_json<T: Serialize>(&self, key: Key, value: Option<&T>) {
        let json = value.and_then(|value| serde_json::to_string(value).ok());
        self.set(key, json.as_deref());
    }

    /// Forgets everything of the interaction (before leaving for the
    /// application, or when it is gone): identifiers, verification ids,
    /// MFA hints, social states. The tab's query parameters stay.
    pub fn clear_interaction(&self) {
        for key in Key::ALL {
            if !key.outlives_the_interaction() {
                self.set(key, None);
            }
        }
        for key in self.0.keys() {
            if key.starts_with(SOCIAL_STATE_PREFIX) {
                self.0.set(&key, None);
            }
        }
    }

    /// The keys held, for tests of what a journey leaves behind.
    pub fn keys(&self) -> Vec<String> {
        self.0
            .keys()
            .into_iter()
            .filter(|key| {
                key.starts_with(PREFIX)
                    || key.starts_with(SOCIAL_STATE_PREFIX)
                    || key.starts_with(NATIVE_CALLBACK_PREFIX)
                    || Key::ALL.iter().any(|k| k.name() == key)
            })
            .collect()
    }

    // -- The interaction --------------------------------------------------

    /// Records whether the person agrees to the terms (the box ticked or
    /// unticked, the "Agree" dialog confirmed).
    pub fn agree_to_terms(&self, agreed: bool) {
        self.set(Key::TermsAgreed, agreed.then_some("1"));
    }

    /// Whether the person agreed to the terms in this interaction.
    pub fn terms_agreed(&self) -> bool {
        self.get(Key::TermsAgreed).is_some()
    }

    /// The interaction's event (`SignIn` when none was remembered).
    pub fn event(&self) -> InteractionEvent {
        self.get(Key::Event)
            .map_or(InteractionEvent::SignIn, |e| InteractionEvent::parse(&e))
    }

    pub fn remember_event(&self, event: &InteractionEvent) {
        self.set(Key::Event, Some(event.as_str()));
    }

    /// The identifier being verified, if one was remembered.
    pub fn identifier(&self) -> Option<Identifier> {
        let stored = self.get(Key::Identifier)?;
        let (kind, value) = stored.split_once(':')?;
        Some(Identifier::new(SignInIdentifier::parse(kind), value))
    }

    /// Remembers the identifier being verified, as `<type>:<value>`.
    pub fn remember_identifier(&self, identifier: &Identifier) {
        let kind = identifier.identifier_type.as_str();
        let value = format!("{kind}:{}", identifier.value);
        self.set(Key::Identifier, Some(&value));
    }

    /// The verification that identifies a registration.
    pub fn verification(&self) -> Option<String> {
        self.get(Key::Verification)
    }

    pub fn remember_verification(&self, id: Option<&str>) {
        self.set(Key::Verification, id);
    }

    /// The code being verified, if any.
    pub fn pending_code(&self) -> Option<PendingCode> {
        self.get_json(Key::Code)
    }

    pub fn remember_code(&self, code: &PendingCode) {
        self.set_json(Key::Code, Some(code));
    }

    /// Remembers the factors the server offers for MFA verification (its
    /// order: the last used first) and where codes go, masked by the
    /// server ("jane****@x.io": safe to keep).
    pub fn remember_mfa_factors(&self, factors: &[MfaFactor], masked: &MaskedIdentifiers) {
        let names: Vec<&str> = factors.iter().map(|f| f.as_str()).collect();
        self.set(Key::MfaFactors, Some(&names.join(" ")));
        self.set(Key::MfaEmail, masked.email.as_deref());
        self.set(Key::MfaPhone, masked.phone.as_deref());
    }

    /// The remembered MFA factors.
    pub fn mfa_factors(&self) -> Vec<MfaFactor> {
        self.get(Key::MfaFactors)
            .unwrap_or_default()
            .split(' ')
            .filter(|name| !name.is_empty())
            .map(MfaFactor::parse)
            .collect()
    }

    /// Where an MFA code goes, masked, for the email or phone factor.
    pub fn mfa_masked(&self, factor: &MfaFactor) -> Option<String> {
        match factor {
            MfaFactor::EmailVerificationCode => self.get(Key::MfaEmail),
            MfaFactor::PhoneVerificationCode => self.get(Key::MfaPhone),
            _ => None,
        }
    }

    /// The binding the server asked for, if any.
    pub fn mfa_binding(&self) -> Option<MfaBinding> {
        self.get_json(Key::MfaBinding)
    }

    pub fn remember_mfa_binding(&self, binding: &MfaBinding) {
        self.set_json(Key::MfaBinding, Some(binding));
    }

    /// Leaves a confirmation for the next page to show.
    pub fn flash(&self, text: &str) {
        self.set(Key::Notice, Some(text));
    }

    /// The confirmation left by the previous page, once.
    pub fn take_flash(&self) -> Option<String> {
        let text = self.get(Key::Notice);
        self.set(Key::Notice, None);
        text
    }

    /// Keeps a native app's deep link for `connector_id`'s callback
    /// (`/springboard`, `/social/landing/:id`); the caller checked it
    /// ([`crate::flow::native::is_native_callback_link`]).
    pub fn remember_native_callback(&self, connector_id: &str, link: &str) {
        self.0.set(
            &format!("{NATIVE_CALLBACK_PREFIX}{connector_id}"),
            Some(link),
        );
    }

    /// The deep link kept for `connector_id`'s callback, forgotten as it
    /// is read; only a deep link (a value written by someone else is
    /// checked again).
    pub fn take_native_callback(&self, connector_id: &str) -> Option<String> {
        let key = format!("{NATIVE_CALLBACK_PREFIX}{connector_id}");
        let link = self.0.get(&key);
        self.0.set(&key, None);
        link.filter(|link| crate::flow::native::is_native_callback_link(link))
    }

    /// Keeps the `state` sent to `connector_id`'s provider.
    pub fn remember_social_state(&self, connector_id: &str, state: &str) {
        self.0
            .set(&format!("{SOCIAL_STATE_PREFIX}{connector_id}"), Some(state));
    }

    /// The `state` kept for `connector_id`, forgotten as it is read (a
    /// state is good for one callback).
    pub fn take_social_state(&self, connector_id: &str) -> Option<String> {
        let key = format!("{SOCIAL_STATE_PREFIX}{connector_id}");
        let kept = self.0.get(&key);
        self.0.set(&key, None);
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_distinct_and_prefixed() {
        let mut names: Vec<&str> = Key::ALL.iter().map(|key| key.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Key::ALL.len());
        let tab = [Key::AppId, Key::OrganizationId, Key::UiLocales].map(Key::name);
        assert!(names
            .iter()
            .all(|name| name.starts_with(PREFIX) || tab.contains(name)));
    }

    #[test]
    fn clearing_the_interaction_keeps_the_tab() {
        let session = Session::in_memory();
        session.set(Key::AppId, Some("demo-app"));
        session.remember_identifier(&Identifier::new(SignInIdentifier::Email, "a@b.c"));
        session.remember_verification(Some("v1"));
        session.remember_social_state("google", "s1");
        session.remember_mfa_factors(
            &[MfaFactor::Totp],
            &MaskedIdentifiers {
                email: Some("a****@b.c".into()),
                phone: None,
            },
        );
        session.clear_interaction();
        assert_eq!(session.keys(), vec!["app_id".to_owned()]);
    }

    #[test]
    fn typed_values_round_trip() {
        let session = Session::in_memory();
        assert_eq!(session.event(), InteractionEvent::SignIn);
        session.remember_event(&InteractionEvent::Register);
        assert_eq!(session.event(), InteractionEvent::Register);
        let identifier = Identifier::new(SignInIdentifier::Phone, "15555550100");
        session.remember_identifier(&identifier);
        assert_eq!(session.identifier(), Some(identifier.clone()));
        let code = PendingCode {
            flow: "sign-in".into(),
            identifier,
            verification_id: "v".into(),
            sent_at: 1.0,
            back: "/sign-in".into(),
            mfa: false,
            verified: false,
        };
        session.remember_code(&code);
        assert_eq!(session.pending_code(), Some(code));
        session.flash("done");
        assert_eq!(session.take_flash().as_deref(), Some("done"));
        assert_eq!(session.take_flash(), None);
        session.remember_social_state("x", "s");
        assert_eq!(session.take_social_state("x").as_deref(), Some("s"));
        assert_eq!(session.take_social_state("x"), None);
    }
}
