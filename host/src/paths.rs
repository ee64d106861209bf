//! Which requests belong to Logto and which to the page.
//!
//! Logto core (packages/core/src/tenants/Tenant.ts) mounts, in this order,
//! `/oidc`, the form-post router (`POST /callback/:connectorId` and
//! `POST /account/callback/social/:connectorId`, routes/callback.ts),
//! `/.well-known`, `/api`, its own apps `/demo-app`, `/device-demo-app` and
//! `/account`, and then the experience, where `/consent` is answered by the
//! server first (auto-consent, middleware/koa-auto-consent.ts) and `/device`
//! starts the device flow (middleware/koa-device-flow-shortcut.ts). Every
//! other path is the sign-in page.

use axum::http::Method;

/// Prefixes that are Logto's at any depth (`koa-mount` semantics: the
/// prefix itself or the prefix followed by `/`).
const LOGTO_PREFIXES: &[&str] = &[
    "/api",
    "/oidc",
    "/.well-known",
    // Server-side consent first: Logto redirects here as
    // `/consent?app_id=...` after submit (logto-tunnel compares the whole
    // URL with "/consent" and so serves the page instead); see is_consent.
    "/consent",
    "/demo-app",
    "/device-demo-app",
    "/account",
];

/// Whether Logto answers `method path` (`path` without the query).
/// `extra` are prefixes given with `--forward`.
pub fn is_logto(method: &Method, path: &str, extra: &[String]) -> bool {
    LOGTO_PREFIXES
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .any(|prefix| under(path, prefix))
        || path == "/device"
        // Form-post callbacks (Apple, SAML, Google One Tap); a GET of the
        // same path is the page's social callback route.
        || (*method == Method::POST && path.starts_with("/callback/"))
}

fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Paths the server answers first but that end on the experience's own
/// page: `/consent` (Logto consents for first-party apps with a redirect,
/// and shows the consent page to third-party ones) and `/device` (a
/// redirect into the device flow, then the page). When Logto answers them
/// with its copy of the page, the host serves its own instead.
pub fn ends_on_page(path: &str) -> bool {
    under(path, "/consent") || path == "/device"
}

/// Paths whose answers may carry upstream URLs to rewrite: `redirectTo`
/// in the Experience API's JSON, `*_endpoint` in OIDC discovery, and the
/// form actions of the OIDC provider's HTML (the sign-out confirmation).
pub fn may_rewrite_body(path: &str) -> bool {
    under(path, "/api") || under(path, "/oidc")
}

/// Whether a path has a `.` or `..` segment, also percent-encoded (`%2e`)
/// or separated by an encoded slash or a backslash (`%2f`, `%5c`, `\`).
/// Browsers resolve such segments before sending, so only hand-made
/// requests have them; forwarded, they could mean one path to the host's
/// classification and another to a server behind it that normalises
/// (`/api/%2e%2e/console`), and they have no business in `dist/`.
pub fn has_dot_segment(path: &str) -> bool {
    let mut decoded = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(at) = rest.find('%') {
        decoded.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3).unwrap_or_default();
        match code.to_ascii_lowercase().as_str() {
            "2e" => decoded.push('.'),
            "2f" | "5c" => decoded.push('/'),
            _ => {
                decoded.push('%');
                rest = &rest[at + 1..];
                continue;
            }
        }
        rest = &rest[at + 3..];
    }
    decoded.push_str(rest);
    decoded
        .split(['/', '\\'])
        .any(|segment| segment == "." || segment == "..")
}

/// Paths whose errors are answered in JSON rather than HTML.
pub fn is_api(path: &str) -> bool {
    under(path, "/api")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logto(method: Method, path: &str) -> bool {
        is_logto(&method, path, &["/__sim".to_string()])
    }

    #[test]
    fn logto_paths() {
        for path in [
            "/api",
            "/api/experience/submit",
            "/api/.well-known/experience",
            "/oidc/auth",
            "/oidc/auth/abc",
            "/oidc/.well-known/openid-configuration",
            "/.well-known/openid-configuration",
            "/consent",
            "/consent/x",
            "/demo-app",
            "/demo-app/callback",
            "/account/security",
            "/device",
            "/__sim/outbox",
        ] {
            assert!(logto(Method::GET, path), "{path}");
        }
        assert!(logto(Method::POST, "/callback/apple-universal"));
        assert!(logto(Method::POST, "/account/callback/social/apple"));
    }

    #[test]
    fn page_paths() {
        for path in [
            "/",
            "/sign-in",
            "/sign-in/password",
            "/register",
            "/apiary",
            "/oidcx",
            "/consented",
            "/account-suspended",
            "/unknown-session",
            "/callback/google",
            "/social/landing/google",
            "/direct/social/google",
            "/device/x",
            "/assets/app-1234.js",
            "/__simulator",
        ] {
            assert!(!logto(Method::GET, path), "{path}");
        }
        assert!(!logto(Method::POST, "/sign-in"));
    }

    #[test]
    fn dot_segments() {
        for path in [
            "/..",
            "/api/../console",
            "/api/./x",
            "/%2e%2e/secret",
            "/%2E./x",
            "/api/x%2f..%2fconsole",
            "/assets/..%5csecret",
            "/assets\\..\\secret",
        ] {
            assert!(has_dot_segment(path), "{path}");
        }
        for path in [
            "/",
            "/assets/app-1.js",
            "/a..b/c",
            "/...",
            "/%2e%2e%2e",
            "/%252e%252e/x",
            "/%",
            "/%2",
            "/é%2",
        ] {
            assert!(!has_dot_segment(path), "{path}");
        }
    }

    #[test]
    fn body_rewrite_paths() {
        assert!(may_rewrite_body("/api/experience/submit"));
        assert!(may_rewrite_body("/oidc/.well-known/openid-configuration"));
        assert!(may_rewrite_body("/oidc/session/end"));
        assert!(!may_rewrite_body("/assets/x.json"));
        assert!(!may_rewrite_body("/demo-app"));
    }
}
