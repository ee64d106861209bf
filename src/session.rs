//! What the page keeps for the length of a sign-in: the `app_id` Logto
//! opened it with, in session storage so that it survives reloads and
//! redirects to identity providers. Passwords and codes are never stored.

use crate::journeys::Key;

/// A cookie's value in a `document.cookie` string (`None` when empty).
pub fn cookie(cookies: &str, name: &str) -> Option<String> {
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name && !value.is_empty()).then(|| value.to_owned())
    })
}

/// The page's cookies (`document.cookie`: those that are not `HttpOnly`).
pub fn document_cookie() -> String {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| js_sys::Reflect::get(&document, &"cookie".into()).ok())
        .and_then(|cookies| cookies.as_string())
        .unwrap_or_default()
}

/// The value of `name` in a query string such as `?app_id=x&ui_locales=fr`.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| decode(value))
        .filter(|value| !value.is_empty())
}

/// Every parameter of a query string, decoded, in order.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Percent-decoding with `+` as space, as in form-encoded query strings.
fn decode(value: &str) -> String {
    let mut out = Vec::with_capacity(value.len());
    let mut rest = value.as_bytes().iter();
    while let Some(&byte) = rest.next() {
        match byte {
            b'+' => out.push(b' '),
            b'%' => match rest.as_slice().get(..2).and_then(hex_byte) {
                Some(decoded) => {
                    out.push(decoded);
                    rest.nth(1);
                }
                // A stray `%` stays as it is.
                None => out.push(b'%'),
            },
            byte => out.push(byte),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The byte two hex digits spell (`from_str_radix` alone would take a sign).
fn hex_byte(pair: &[u8]) -> Option<u8> {
    let hex = std::str::from_utf8(pair).ok()?;
    hex.bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then(|| u8::from_str_radix(hex, 16).ok())
        .flatten()
}

/// The query parameters Logto opens the page with (§1.2 of the reference).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The OIDC `client_id`; kept in the URL on in-app navigations.
    pub app_id: Option<String>,
    /// Passed to the settings as `organizationId` (organization branding).
    pub organization_id: Option<String>,
    /// Space-separated preferred languages, passed to the phrases as `lng`.
    pub ui_locales: Option<String>,
    /// Prefills the identifier on first screens.
    pub login_hint: Option<String>,
    /// Space-separated identifier types identifier-first screens accept.
    pub identifier: Option<String>,
    /// The screen the application asked for (`sign_in`, `register`, ...).
    pub first_screen: Option<String>,
}

impl Query {
    /// The parameters of a query string, without session storage.
    pub fn parse(search: &str) -> Self {
        let get = |name| query_param(search, name);
        Self {
            app_id: get("app_id"),
            organization_id: get("organization_id"),
            ui_locales: get("ui_locales"),
            login_hint: get("login_hint"),
            identifier: get("identifier"),
            first_screen: get("first_screen"),
        }
    }

    /// The parameters of this page: from the URL, the remembered ones from
    /// session storage when the URL lacks them (and stored when it has them).
    pub fn current() -> Self {
        let Some(window) = web_sys::window() else {
            return Self::default();
        };
        let mut query = Self::parse(&window.location().search().unwrap_or_default());
        let session = crate::journeys::Session::browser();
        for (key, value) in [
            (Key::AppId, &mut query.app_id),
            (Key::OrganizationId, &mut query.organization_id),
            (Key::UiLocales, &mut query.ui_locales),
        ] {
            match value {
                Some(value) => session.set(key, Some(value)),
                None => *value = session.get(key),
            }
        }
        query
    }
}

/// Defaults of an embedding for what the URL does not say: they are
/// remembered as if the URL had said them.
pub fn default_query(app_id: Option<&str>, ui_locales: Option<&str>) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let session = crate::journeys::Session::browser();
    for (name, key, value) in [
        ("app_id", Key::AppId, app_id),
        ("ui_locales", Key::UiLocales, ui_locales),
    ] {
        if let Some(value) = value.filter(|_| query_param(&search, name).is_none()) {
            session.set(key, Some(value));
        }
    }
}

/// `path` with this sign-in's `app_id` in its query, for in-app links and
/// navigations: a reload must still find the application. Under the
/// embedding's base path, if any.
pub fn href(path: &str, app_id: Option<&str>) -> String {
    crate::router::with_base(&with_app_id(path, app_id))
}

fn with_app_id(path: &str, app_id: Option<&str>) -> String {
    match app_id {
        Some(id)
            if query_param(path.split_once('?').map_or("", |(_, q)| q), "app_id").is_none() =>
        {
            let separator = if path.contains('?') { '&' } else { '?' };
            format!(
                "{path}{separator}app_id={}",
                crate::api::client::encode_component(id)
            )
        }
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{href, query_param, Query};

    #[test]
    fn reads_query_parameters() {
        let search = "?app_id=demo-app&ui_locales=fr%20en&login_hint=a%40b.c&empty=&flag";
        assert_eq!(query_param(search, "app_id").as_deref(), Some("demo-app"));
        assert_eq!(query_param(search, "ui_locales").as_deref(), Some("fr en"));
        assert_eq!(query_param(search, "login_hint").as_deref(), Some("a@b.c"));
        assert_eq!(query_param(search, "empty"), None);
        assert_eq!(query_param(search, "flag"), None);
        assert_eq!(query_param(search, "missing"), None);
        assert_eq!(query_param("?q=a+b%zz%4", "q").as_deref(), Some("a b%zz%4"));
        assert_eq!(query_param("?q=%C3%A9", "q").as_deref(), Some("é"));
        assert_eq!(query_param("?q=%+1", "q").as_deref(), Some("% 1"));
    }

    #[test]
    fn reads_the_logto_parameters() {
        let query = Query::parse("?app_id=a&organization_id=o&ui_locales=fr+en&login_hint=x%40y.z&identifier=email%20phone&first_screen=register");
        assert_eq!(query.app_id.as_deref(), Some("a"));
        assert_eq!(query.organization_id.as_deref(), Some("o"));
        assert_eq!(query.ui_locales.as_deref(), Some("fr en"));
        assert_eq!(query.login_hint.as_deref(), Some("x@y.z"));
        assert_eq!(query.identifier.as_deref(), Some("email phone"));
        assert_eq!(query.first_screen.as_deref(), Some("register"));
        assert_eq!(Query::parse(""), Query::default());
    }

    #[test]
    fn keeps_the_app_id_in_hrefs() {
        assert_eq!(
            href("/sign-in", Some("demo app")),
            "/sign-in?app_id=demo%20app"
        );
        assert_eq!(href("/register?x=1", Some("a")), "/register?x=1&app_id=a");
        assert_eq!(href("/sign-in?app_id=b", Some("a")), "/sign-in?app_id=b");
        assert_eq!(href("/sign-in", None), "/sign-in");
    }
}
