//! What the page keeps for the length of a sign-in: the `app_id` Logto
//! opened it with, in session storage so that it survives reloads and
//! redirects to identity providers. Passwords and codes are never stored.

use crate::api::Client;

const APP_ID_KEY: &str = "logto:app_id";

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

/// Percent-decoding with `+` as space, as in form-encoded query strings.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match value
                .get(i + 1..i + 3)
                .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                .map(|hex| u8::from_str_radix(hex, 16))
            {
                Some(Ok(byte)) => {
                    out.push(byte);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `app_id` of this sign-in: from the URL when present (and remembered),
/// else the remembered one.
pub fn app_id() -> Option<String> {
    let window = web_sys::window()?;
    let storage = window.session_storage().ok().flatten();
    let from_url = window
        .location()
        .search()
        .ok()
        .and_then(|search| query_param(&search, "app_id"));
    match (from_url, storage) {
        (Some(id), Some(storage)) => {
            let _ = storage.set_item(APP_ID_KEY, &id);
            Some(id)
        }
        (Some(id), None) => Some(id),
        (None, Some(storage)) => storage.get_item(APP_ID_KEY).ok().flatten(),
        (None, None) => None,
    }
}

/// A client of the Logto this page is served by, for this sign-in's app.
pub fn client() -> Client {
    Client::default().with_app_id(app_id())
}

#[cfg(test)]
mod tests {
    use super::query_param;

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
}
