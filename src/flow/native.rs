//! Logto's native-app pages, browser-free: `/springboard` (a system
//! browser opened by a desktop or native app keeps the app's `state` and
//! deep link, then leaves for the provider) and `/social/landing/:id` (the
//! app's webview hands a provider's page to the system browser). The
//! provider's answer then goes back to the app by its deep link
//! (`/callback/:id`). Logto's `pages/Springboard`, `pages/SocialLanding`,
//! `pages/SocialSignInWebCallback/use-social-callback-handler.ts` and
//! `utils/url-scheme.ts`.

use super::redirect;

/// Whether `link` can be an app's deep link (`logto://callback`,
/// `logto:logto.android.com`): a scheme, and none that runs script, reads
/// local resources or is a web address (the provider's answer is appended
/// to it, so it must reach the app itself). Logto's
/// `isValidNativeCallbackLink` (`utils/url-scheme.ts`).
pub fn is_native_callback_link(link: &str) -> bool {
    const DANGEROUS: [&str; 8] = [
        "javascript",
        "vbscript",
        "data",
        "blob",
        "filesystem",
        "view-source",
        "file",
        "about",
    ];
    // As the URL parser: leading and trailing spaces go, tabs and newlines
    // anywhere.
    let cleaned: String = link
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, rest)) = cleaned.split_once(':') else {
        return false;
    };
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let scheme = scheme.to_ascii_lowercase();
    valid
        && !rest.is_empty()
        && !DANGEROUS.contains(&scheme.as_str())
        && scheme != "http"
        && scheme != "https"
}

/// What `/springboard?state=&connectorId=&callback=&redirectTo=` does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Springboard {
    /// The connector's `state` to keep for its callback.
    pub state: Option<(String, String)>,
    /// The app's deep link to keep for the connector's callback.
    pub callback_link: Option<(String, String)>,
    /// Where to go next (only a web address).
    pub go: Option<String>,
}

/// The springboard's work from its query values. Unlike Logto's page, a
/// `redirectTo` that is not http(s) is never followed, and a deep link
/// that is not one is never kept.
pub fn springboard(
    state: Option<String>,
    connector_id: Option<String>,
    callback: Option<String>,
    redirect_to: Option<String>,
) -> Springboard {
    let connector_id = connector_id.filter(|id| !id.is_empty());
    Springboard {
        state: connector_id
            .clone()
            .zip(state.filter(|state| !state.is_empty())),
        callback_link: connector_id.zip(callback.filter(|link| is_native_callback_link(link))),
        go: redirect_to.and_then(|to| redirect::checked(&to).ok()),
    }
}

/// What `/social/landing/:id?redirect_to=&native_callback=` does: keep the
/// deep link (if it is one) and leave for the provider; `None` when there
/// is no web address to leave for (Logto's page then says
/// `error.invalid_connector_request`).
pub fn landing(
    redirect_to: Option<String>,
    native_callback: Option<String>,
) -> Option<(String, Option<String>)> {
    let go = redirect::checked(&redirect_to?).ok()?;
    Some((
        go,
        native_callback.filter(|link| is_native_callback_link(link)),
    ))
}

/// The app's deep link with the provider's answer (`search`: `?…`, the
/// query and fragment parameters joined), as Logto's callback hands it on.
pub fn handoff_url(link: &str, search: &str) -> String {
    format!("{link}{search}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links_only() {
        for good in [
            "logto://callback",
            "logto:logto.android.com",
            "io.logto.app://cb",
            " MyApp://x ",
        ] {
            assert!(is_native_callback_link(good), "{good}");
        }
        for bad in [
            "https://attacker.example",
            "HTTP://attacker.example",
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "about:blank",
            "view-source:https://x",
            "not a url",
            "1app://x",
            "logto:",
            "",
        ] {
            assert!(!is_native_callback_link(bad), "{bad}");
        }
    }

    #[test]
    fn the_springboard_keeps_and_leaves() {
        let s = |v: &str| Some(v.to_owned());
        let board = springboard(
            s("st-1"),
            s("mock-social"),
            s("logto://callback"),
            s("https://idp.example/authorize?state=st-1"),
        );
        assert_eq!(board.state, Some(("mock-social".into(), "st-1".into())));
        assert_eq!(
            board.callback_link,
            Some(("mock-social".into(), "logto://callback".into()))
        );
        assert_eq!(
            board.go.as_deref(),
            Some("https://idp.example/authorize?state=st-1")
        );
        // Never a script or a web page as the deep link, never a script to
        // go to; nothing kept without a connector.
        let board = springboard(
            s("st"),
            None,
            s("https://evil.example"),
            s("javascript:alert(1)"),
        );
        assert_eq!(board, Springboard::default());
        let board = springboard(None, s("c"), s("https://evil.example"), None);
        assert_eq!(board, Springboard::default());
    }

    #[test]
    fn the_landing_needs_a_web_address() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            landing(s("https://idp.example/a"), s("logto://cb")),
            Some(("https://idp.example/a".into(), s("logto://cb")))
        );
        assert_eq!(
            landing(s("https://idp.example/a"), s("javascript:alert(1)")),
            Some(("https://idp.example/a".into(), None))
        );
        assert_eq!(landing(None, s("logto://cb")), None);
        assert_eq!(landing(s("javascript:alert(1)"), None), None);
        assert_eq!(
            handoff_url("logto://cb", "?code=1&state=2"),
            "logto://cb?code=1&state=2"
        );
    }
}
