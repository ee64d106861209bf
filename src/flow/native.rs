//! Logto's native-app pages, browser-free: `/springboard` (a system
//! browser opened by a desktop or native app keeps the app's `state` and
//! deep link, then leaves for the provider) and `/social/landing/:id` (the
//! app's webview hands a provider's page to the system browser). The
//! provider's answer then goes back to the app by its deep link
//! (`/callback/:id`). Logto's `pages/Springboard`, `pages/SocialLanding`,
//! `pages/SocialSignInWebCallback/use-social-callback-handler.ts` and
//! `utils/url-scheme.ts`.
//!
//! Also the page inside a native app's webview, which the app announces
//! as `window.logtoNativeSdk` ([`NativeSdk`]): it offers the app's
//! connectors (`flow::social::offered_connectors`) and hands a social
//! sign-in to the app ([`message`]) instead of leaving for the provider.

use super::redirect;
use crate::api::settings::{ConnectorPlatform, SocialConnector};

/// What a native app's webview says about itself in `window.logtoNativeSdk`
/// (Logto's `LogtoNativeSdkInfo`, `packages/experience/src/include.d/global.d.ts`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NativeSdk {
    /// `ios` or `android`: anything else is not a native webview.
    pub platform: String,
    /// The app's deep link back, for `Universal` connectors.
    pub callback_link: Option<String>,
    /// `getPostMessage` is a function: the app can be asked to sign in.
    pub can_post: bool,
    /// `supportedConnector.universal`.
    pub universal: bool,
    /// `supportedConnector.nativeTargets`.
    pub native_targets: Vec<String>,
}

impl NativeSdk {
    /// Logto's `isNativeWebview`: only the two platforms its SDKs inject.
    pub fn is_native_webview(&self) -> bool {
        matches!(self.platform.as_str(), "ios" | "android")
    }
}

/// What the page posts to the app for a social sign-in
/// (`getPostMessage()({callbackUri, redirectTo})`, Logto's
/// `containers/SocialSignInList/use-social.ts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeMessage {
    /// Where the app brings the provider's answer back to this page.
    pub callback_uri: String,
    /// What the app opens: the provider's page, or for a `Universal`
    /// connector this page's `/social/landing`, which keeps the deep link.
    pub redirect_to: String,
}

/// The message for `connector`, its sign-in started at `authorization_uri`;
/// `page` is this page's origin and base path.
pub fn message(
    connector: &SocialConnector,
    sdk: &NativeSdk,
    authorization_uri: &str,
    page: &str,
) -> NativeMessage {
    let id = crate::api::client::encode_component(&connector.id);
    let redirect_to = if connector.platform == Some(ConnectorPlatform::Universal) {
        let mut landing = format!(
            "{page}/social/landing/{id}?redirect_to={}",
            crate::api::client::encode_component(authorization_uri)
        );
        if let Some(link) = &sdk.callback_link {
            landing.push_str("&native_callback=");
            landing.push_str(&crate::api::client::encode_component(link));
        }
        landing
    } else {
        authorization_uri.to_owned()
    };
    NativeMessage {
        callback_uri: format!("{page}/callback/social/{id}"),
        redirect_to,
    }
}

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

    fn sdk(targets: &[&str], universal: bool, link: Option<&str>) -> NativeSdk {
        NativeSdk {
            platform: "ios".into(),
            callback_link: link.map(str::to_owned),
            can_post: true,
            universal,
            native_targets: targets.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    fn settings() -> crate::api::ExperienceSettings {
        let mut settings = crate::flow::fixtures::settings("social");
        let base = settings.social_connectors[0].clone();
        let connector = |id: &str, target: &str, platform| SocialConnector {
            id: id.into(),
            target: target.into(),
            platform,
            ..base.clone()
        };
        settings.social_connectors = vec![
            connector("wx-web", "wechat", Some(ConnectorPlatform::Web)),
            connector("wx-native", "wechat", Some(ConnectorPlatform::Native)),
            connector("wx-any", "wechat", Some(ConnectorPlatform::Universal)),
            connector("gh-any", "github", Some(ConnectorPlatform::Universal)),
            connector("gh-web", "github", Some(ConnectorPlatform::Web)),
            connector("ap-native", "apple", Some(ConnectorPlatform::Native)),
        ];
        settings
    }

    fn ids(list: Vec<&SocialConnector>) -> Vec<&str> {
        list.into_iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn the_offer_follows_logtos_platform_rules() {
        use crate::flow::social::offered_connectors;
        let s = settings();
        // A browser: Web first, else Universal; never Native.
        assert_eq!(ids(offered_connectors(&s, None)), ["wx-web", "gh-web"]);
        // An app with WeChat's SDK and a deep link: its Native one, and
        // Universal ones elsewhere; never Web.
        let app = sdk(&["wechat"], true, Some("io.app://cb"));
        assert_eq!(
            ids(offered_connectors(&s, Some(&app))),
            ["wx-native", "gh-any"]
        );
        // Universal ones need the flag and a deep link back.
        let app = sdk(&["wechat", "apple"], true, None);
        assert_eq!(
            ids(offered_connectors(&s, Some(&app))),
            ["wx-native", "ap-native"]
        );
        let app = sdk(&[], false, Some("io.app://cb"));
        assert!(offered_connectors(&s, Some(&app)).is_empty());
        // No way to post: nothing can be started.
        let app = NativeSdk {
            can_post: false,
            ..sdk(&["wechat"], true, Some("io.app://cb"))
        };
        assert!(offered_connectors(&s, Some(&app)).is_empty());
        assert!(app.is_native_webview());
        assert!(!NativeSdk::default().is_native_webview());
    }

    #[test]
    fn the_message_hands_the_provider_to_the_app() {
        let s = settings();
        let app = sdk(&["wechat"], true, Some("io.app://cb"));
        let native = &s.social_connectors[1];
        let page = "https://auth.example.com";
        assert_eq!(
            message(native, &app, "https://idp.example/a?state=s", page),
            NativeMessage {
                callback_uri: "https://auth.example.com/callback/social/wx-native".into(),
                redirect_to: "https://idp.example/a?state=s".into(),
            }
        );
        // A Universal connector goes through the landing page, which keeps
        // the app's deep link for the system browser's callback.
        let universal = &s.social_connectors[3];
        let sent = message(universal, &app, "https://idp.example/a?state=s", page);
        assert_eq!(
            sent.callback_uri,
            "https://auth.example.com/callback/social/gh-any"
        );
        assert_eq!(
            sent.redirect_to,
            "https://auth.example.com/social/landing/gh-any\
             ?redirect_to=https%3A%2F%2Fidp.example%2Fa%3Fstate%3Ds\
             &native_callback=io.app%3A%2F%2Fcb"
        );
    }

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
