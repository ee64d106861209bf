//! Google One Tap (Logto's `components/GoogleOneTap` and the One Tap cases
//! of `use-social-sign-in-listener.ts`): the widget's settings, and what a
//! callback carrying a One Tap credential is.

use serde_json::{Map, Value};

use crate::api::{client::encode_component, ExperienceSettings};

/// Google's double-submit CSRF token: a form field and a cookie.
pub const CSRF_TOKEN: &str = "g_csrf_token";
/// An application's own One Tap credential, passed through the
/// authorization request (Logto's `ExtraParamsKey.GoogleOneTapCredential`).
pub const EXTERNAL_CREDENTIAL: &str = "google_one_tap_credential";
/// Where core keeps that credential for the page (10 s).
pub const CREDENTIAL_COOKIE: &str = "_logto_google_one_tap_credential";
/// Google's script, which reads `#g_id_onload`.
pub const SCRIPT: &str = "https://accounts.google.com/gsi/client";

/// The `#g_id_onload` element's `data-*` attributes (Google's HTML API),
/// when the settings enable One Tap; `context` is `signin` or `signup`,
/// `callback_uri` the page's callback address of a connector.
pub fn widget(
    settings: &ExperienceSettings,
    context: &'static str,
    callback_uri: impl Fn(&str) -> String,
) -> Option<Vec<(&'static str, String)>> {
    let one_tap = settings.google_one_tap.as_ref()?;
    if one_tap.is_enabled != Some(true) {
        return None;
    }
    let flag = |value: Option<bool>| value.unwrap_or(false).to_string();
    Some(vec![
        ("data-client_id", one_tap.client_id.clone()),
        ("data-context", context.to_owned()),
        ("data-login_uri", callback_uri(&one_tap.connector_id)),
        ("data-auto_select", flag(one_tap.auto_select)),
        (
            "data-cancel_on_tap_outside",
            flag(one_tap.close_on_tap_outside),
        ),
        ("data-itp_support", flag(one_tap.itp_support)),
    ])
}

/// What a callback's query is, as far as One Tap goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// A provider's ordinary answer (its `state` is checked).
    NotOneTap,
    /// A One Tap credential to verify, as this `connectorData`.
    Credential(Map<String, Value>),
    /// The page's own One Tap without the matching CSRF cookie: forged.
    Forged,
}

/// Reads a callback's query: an application's credential is good as it is
/// (core checks it against its cookie); the page's own One Tap needs
/// Google's CSRF token in the form and the same token in the cookie.
pub fn callback(params: &[(String, String)], csrf_cookie: Option<&str>) -> Callback {
    let param = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let mut data = Map::new();
    for (key, value) in params {
        data.insert(key.clone(), value.clone().into());
    }
    if let Some(external) = param(EXTERNAL_CREDENTIAL) {
        data.insert("credential".into(), external.into());
        return Callback::Credential(data);
    }
    if param("credential").is_none() {
        return Callback::NotOneTap;
    }
    match (param(CSRF_TOKEN), csrf_cookie) {
        (Some(sent), Some(kept)) if !sent.is_empty() && sent == kept => Callback::Credential(data),
        _ => Callback::Forged,
    }
}

/// `/direct/social/<target>` with core's copy of an application's
/// credential: on to the Google connector's callback with it (Logto's
/// `DirectSignIn` page).
pub fn direct_callback(
    settings: &ExperienceSettings,
    connector_id: &str,
    cookies: &str,
) -> Option<String> {
    let one_tap = settings.google_one_tap.as_ref()?;
    if one_tap.connector_id != connector_id {
        return None;
    }
    let credential = crate::session::cookie(cookies, CREDENTIAL_COOKIE)?;
    Some(format!(
        "/callback/{}?{EXTERNAL_CREDENTIAL}={}",
        encode_component(connector_id),
        encode_component(&credential)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::settings::GoogleOneTap;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }

    fn enabled() -> ExperienceSettings {
        let mut settings = crate::flow::fixtures::settings("social");
        settings.google_one_tap = Some(GoogleOneTap {
            is_enabled: Some(true),
            auto_select: Some(true),
            close_on_tap_outside: None,
            itp_support: None,
            client_id: "client.apps.googleusercontent.com".into(),
            connector_id: "google".into(),
        });
        settings
    }

    #[test]
    fn the_widget_follows_the_settings() {
        let at = |id: &str| format!("https://auth.example.com/callback/{id}");
        let widget = widget(&enabled(), "signin", at).unwrap();
        assert!(widget.contains(&(
            "data-login_uri",
            "https://auth.example.com/callback/google".into()
        )));
        assert!(widget.contains(&("data-auto_select", "true".into())));
        assert!(widget.contains(&("data-cancel_on_tap_outside", "false".into())));
        let mut off = enabled();
        if let Some(one_tap) = off.google_one_tap.as_mut() {
            one_tap.is_enabled = Some(false);
        }
        assert_eq!(super::widget(&off, "signin", at), None);
        let mut absent = enabled();
        absent.google_one_tap = None;
        assert_eq!(super::widget(&absent, "signin", at), None);
    }

    #[test]
    fn the_pages_own_one_tap_needs_the_csrf_cookie() {
        let query = pairs(&[("credential", "jwt"), ("g_csrf_token", "t")]);
        let Callback::Credential(data) = callback(&query, Some("t")) else {
            panic!("a matching token is a credential");
        };
        assert_eq!(data["credential"], "jwt");
        assert_eq!(callback(&query, Some("other")), Callback::Forged);
        assert_eq!(callback(&query, None), Callback::Forged);
        let no_token = pairs(&[("credential", "jwt")]);
        assert_eq!(callback(&no_token, Some("")), Callback::Forged);
        let ordinary = pairs(&[("code", "c"), ("state", "s")]);
        assert_eq!(callback(&ordinary, None), Callback::NotOneTap);
    }

    #[test]
    fn an_applications_credential_is_sent_as_the_credential() {
        let query = pairs(&[(EXTERNAL_CREDENTIAL, "jwt")]);
        let Callback::Credential(data) = callback(&query, None) else {
            panic!("an external credential needs no cookie here");
        };
        assert_eq!(data["credential"], "jwt");
        assert_eq!(data[EXTERNAL_CREDENTIAL], "jwt");
    }

    #[test]
    fn direct_sign_in_picks_up_cores_cookie() {
        let settings = enabled();
        let cookies = "a=b; _logto_google_one_tap_credential=jwt.x.y; c=d";
        assert_eq!(
            direct_callback(&settings, "google", cookies).as_deref(),
            Some("/callback/google?google_one_tap_credential=jwt.x.y")
        );
        assert_eq!(direct_callback(&settings, "github", cookies), None);
        assert_eq!(direct_callback(&settings, "google", "a=b"), None);
    }
}
