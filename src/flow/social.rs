//! Social and enterprise SSO decisions that need no browser: the button of
//! a connector, the state check of a callback, the connector data sent to
//! `verify`, and what `/direct/<method>/<target>` means.

use serde_json::{Map, Value};

use crate::api::settings::{ConnectorPlatform, SocialConnector};
use crate::api::ExperienceSettings;

/// A connector's name in `language` (`fr-CA` falls back to `fr`, then to
/// English, as Logto's page does).
pub fn connector_name<'a>(connector: &'a SocialConnector, language: &str) -> &'a str {
    let base = language.split('-').next().unwrap_or(language);
    [language, base, "en"]
        .iter()
        .find_map(|tag| connector.name.get(*tag))
        .or_else(|| connector.name.values().next())
        .map_or(connector.target.as_str(), String::as_str)
}

/// The logo for the theme: the dark one in dark mode when there is one.
pub fn connector_logo(connector: &SocialConnector, dark: bool) -> &str {
    match &connector.logo_dark {
        Some(logo) if dark && !logo.is_empty() => logo,
        _ => &connector.logo,
    }
}

/// The connectors offered, in the settings' order, one per target: in a
/// browser (`native: None`) `Web` and `Universal` ones (the `Web` one where
/// a target has both; never `Native`); in a native app's
/// webview, the `Native` ones of the targets the app supports, else a
/// `Universal` one when the app takes those and has a deep link back, and
/// none at all when the app cannot be told to start them. Logto's
/// `filterSocialConnectors` (`packages/experience/src/utils/social-connectors.ts`).
pub fn offered_connectors<'a>(
    settings: &'a ExperienceSettings,
    native: Option<&crate::flow::native::NativeSdk>,
) -> Vec<&'a SocialConnector> {
    let mut offered: Vec<&SocialConnector> = Vec::new();
    let mut offer = |connector: &'a SocialConnector, replace: bool| match offered
        .iter_mut()
        .find(|c| c.target == connector.target)
    {
        Some(kept) if replace => *kept = connector,
        Some(_) => {}
        None => offered.push(connector),
    };
    for connector in &settings.social_connectors {
        let platform = connector.platform.as_ref();
        match native {
            None => match platform {
                Some(ConnectorPlatform::Native) => {}
                Some(ConnectorPlatform::Web) => offer(connector, true),
                _ => offer(connector, false),
            },
            Some(sdk) if !sdk.can_post => {}
            Some(sdk) => match platform {
                Some(ConnectorPlatform::Native)
                    if sdk.native_targets.contains(&connector.target) =>
                {
                    offer(connector, true)
                }
                Some(ConnectorPlatform::Universal)
                    if sdk.universal && sdk.callback_link.is_some() =>
                {
                    offer(connector, false)
                }
                _ => {}
            },
        }
    }
    offered
}

/// The outcome of comparing a callback's `state` with the kept one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateCheck {
    Match,
    /// Nothing was kept (another tab or browser, or the session was lost).
    Missing,
    /// Forged, replayed or mixed up: refused.
    Mismatch,
}

/// How long the local-storage copy of a social or SSO round trip is good
/// for: long enough to sign in at the provider, short enough that a copy
/// left behind (the person never came back) is soon worthless. Logto's
/// `ttlMs` (`packages/experience/src/utils/social-redirect-fallback-context.ts`).
pub const HANDOFF_TTL_MS: f64 = 10.0 * 60.0 * 1000.0;

/// The local-storage key of the copy kept for the round trip sent with
/// `state` (Logto's `fallbackKeyPrefix`, same file): a Logto page and ours
/// read each other's copies.
pub fn fallback_key(state: &str) -> String {
    format!("logto:redirect-context:fallback:{state}")
}

/// Whether a copy made at `created_at` that expires at `expires_at` may
/// still be used at `now` (ms since the epoch). A copy from the future or
/// one claiming to live longer than [`HANDOFF_TTL_MS`] is refused.
pub fn handoff_fresh(created_at: f64, expires_at: f64, now: f64) -> bool {
    created_at <= now && now <= expires_at && expires_at - created_at <= HANDOFF_TTL_MS
}

/// Compares the kept state with the returned one, in constant time.
pub fn check_state(kept: Option<&str>, returned: Option<&str>) -> StateCheck {
    let Some(kept) = kept else {
        return StateCheck::Missing;
    };
    match returned {
        Some(returned) if constant_time_eq(kept.as_bytes(), returned.as_bytes()) => {
            StateCheck::Match
        }
        _ => StateCheck::Mismatch,
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The `connectorData` of `verify`: every callback parameter but `state`,
/// and the redirect URI the authorization was asked with.
pub fn connector_data(params: &[(String, String)], redirect_uri: &str) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("redirectUri".into(), redirect_uri.into());
    for (key, value) in params {
        if key != "state" {
            data.insert(key.clone(), value.clone().into());
        }
    }
    data
}

/// `/direct/<method>/<target>`: a social connector by target, or an SSO
/// connector by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Direct {
    Social { connector_id: String },
    Sso { connector_id: String },
}

/// What a direct sign-in path asks for, if the settings have it.
pub fn direct(settings: &ExperienceSettings, method: &str, target: &str) -> Option<Direct> {
    match method {
        "social" => settings
            .social_connectors
            .iter()
            .find(|c| c.target == target || c.id == target)
            .map(|c| Direct::Social {
                connector_id: c.id.clone(),
            }),
        "sso" if settings.single_sign_on_enabled => settings
            .sso_connectors
            .iter()
            .find(|c| c.id == target)
            .map(|c| Direct::Sso {
                connector_id: c.id.clone(),
            }),
        _ => None,
    }
}

/// Where `/direct/...` goes when it cannot go to the provider: its
/// `fallback` parameter, which Logto core sets to the first screen's route
/// (`sign-in`, `register`, `reset-password`, ...; `buildLoginPromptUrl` in
/// `packages/core/src/oidc/utils.ts`) and Logto's page reads as a key of
/// `experience.routes` (`signIn`, `resetPassword`, ...; `pages/DirectSignIn`):
/// both spellings, the sign-in page for anything else.
pub fn direct_fallback(fallback: Option<&str>) -> &'static str {
    match fallback.unwrap_or_default() {
        "register" | "signUp" => "/register",
        "reset-password" | "resetPassword" | "forgot-password" => "/reset-password",
        "identifier-sign-in" | "identifierSignIn" => "/identifier-sign-in",
        "identifier-register" | "identifierRegister" => "/identifier-register",
        "single-sign-on" | "sso" => "/single-sign-on",
        _ => "/sign-in",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::fixtures::settings;

    #[test]
    fn every_first_screen_is_a_direct_fallback() {
        for (given, to) in [
            (None, "/sign-in"),
            (Some("sign-in"), "/sign-in"),
            (Some("signIn"), "/sign-in"),
            (Some("register"), "/register"),
            (Some("reset-password"), "/reset-password"),
            (Some("resetPassword"), "/reset-password"),
            (Some("identifier-sign-in"), "/identifier-sign-in"),
            (Some("identifierRegister"), "/identifier-register"),
            (Some("single-sign-on"), "/single-sign-on"),
            (Some("sso"), "/single-sign-on"),
            (Some("https://evil.example"), "/sign-in"),
        ] {
            assert_eq!(direct_fallback(given), to, "{given:?}");
        }
    }

    #[test]
    fn a_handoff_copy_is_short_lived() {
        let made = 1_000_000.0;
        let expires = made + HANDOFF_TTL_MS;
        assert!(handoff_fresh(made, expires, made));
        assert!(handoff_fresh(made, expires, expires));
        assert!(!handoff_fresh(made, expires, expires + 1.0));
        assert!(!handoff_fresh(made, expires, made - 1.0), "from the future");
        assert!(
            !handoff_fresh(made, expires + 1.0, made),
            "longer than Logto's ten minutes"
        );
        assert_eq!(fallback_key("abc"), "logto:redirect-context:fallback:abc");
    }

    #[test]
    fn names_and_logos() {
        let s = settings("social");
        let mock = &s.social_connectors[0];
        assert_eq!(connector_name(mock, "zh-CN"), "Mock 社交登录");
        assert_eq!(connector_name(mock, "en-GB"), "Mock Social");
        assert_eq!(connector_name(mock, "xx"), "Mock Social");
        assert_eq!(connector_logo(mock, false), mock.logo);
        assert_eq!(offered_connectors(&s, None).len(), 1);
    }

    #[test]
    fn state_is_checked() {
        assert_eq!(check_state(Some("abc"), Some("abc")), StateCheck::Match);
        assert_eq!(check_state(Some("abc"), Some("abd")), StateCheck::Mismatch);
        assert_eq!(check_state(Some("abc"), Some("ab")), StateCheck::Mismatch);
        assert_eq!(check_state(Some("abc"), None), StateCheck::Mismatch);
        assert_eq!(check_state(None, Some("abc")), StateCheck::Missing);
    }

    #[test]
    fn connector_data_drops_state() {
        let params = vec![
            ("code".to_owned(), "c1".to_owned()),
            ("state".to_owned(), "s".to_owned()),
        ];
        let data = connector_data(&params, "https://id.example/callback/x");
        assert_eq!(data["code"], "c1");
        assert_eq!(data["redirectUri"], "https://id.example/callback/x");
        assert!(!data.contains_key("state"));
    }

    #[test]
    fn direct_sign_in_targets() {
        let s = settings("social");
        let id = s.social_connectors[0].id.clone();
        assert_eq!(
            direct(&s, "social", "mock-social"),
            Some(Direct::Social { connector_id: id })
        );
        assert_eq!(direct(&s, "social", "nope"), None);
        assert_eq!(direct(&s, "sso", "x"), None);
        let sso = settings("sso-identifier-first");
        let sso_id = sso.sso_connectors[0].id.clone();
        assert_eq!(
            direct(&sso, "sso", &sso_id),
            Some(Direct::Sso {
                connector_id: sso_id.clone()
            })
        );
    }
}
