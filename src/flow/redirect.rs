//! Following `redirectTo`: only http(s) URLs are followed, so a tampered
//! answer cannot run `javascript:` or open a `data:` document.

/// Why a redirect target was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeRedirect(pub String);

/// The URL to navigate to, if it is an absolute http(s) URL or a path on
/// this origin (Logto answers `/oidc/auth/<uid>`-style URLs behind proxies).
pub fn checked(target: &str) -> Result<String, UnsafeRedirect> {
    let trimmed = target.trim();
    // Browsers ignore tabs and newlines inside URLs: `java\tscript:` must not pass.
    if trimmed.chars().any(|c| c.is_control()) {
        return Err(UnsafeRedirect(target.to_owned()));
    }
    let lower = trimmed.to_ascii_lowercase();
    let is_http = lower.starts_with("https://") || lower.starts_with("http://");
    // `//host` would leave the origin with the page's scheme, and so would
    // `/\host`: browsers read `\` as `/` in http(s) URLs. Only `/path`.
    let is_same_origin_path =
        trimmed.starts_with('/') && !matches!(trimmed.as_bytes().get(1), Some(b'/' | b'\\'));
    if (is_http && trimmed.len() > "https://".len()) || is_same_origin_path {
        Ok(trimmed.to_owned())
    } else {
        Err(UnsafeRedirect(target.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::checked;

    #[test]
    fn follows_http_and_https() {
        assert!(checked("https://app.example/callback?code=1").is_ok());
        assert!(checked("http://localhost:8080/oidc/auth/abc").is_ok());
        assert!(checked("HTTPS://APP.EXAMPLE/").is_ok());
        assert!(checked("/oidc/auth/abc").is_ok());
    }

    #[test]
    fn refuses_everything_else() {
        for target in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/",
            "/\\evil.example/",
            // Found by the `redirect` fuzz target: resolves to https://0.0.0.0/.
            r"/\\/\0\\\D",
            "ftp://example.com/",
            "https://",
            "",
            "callback",
        ] {
            assert!(checked(target).is_err(), "{target:?} must be refused");
        }
    }
}
