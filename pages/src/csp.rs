//! The Content-Security-Policy Logto sends with its sign-in pages.
//!
//! Production Logto forbids compiling WebAssembly (no `'wasm-unsafe-eval'`),
//! which is why the page ships a JavaScript build too. The end-to-end suite
//! runs once under each policy.

use std::{fmt, str::FromStr};

/// Which policy the sign-in pages are served with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CspMode {
    /// Exactly what a production Logto 1.42 core sends: WebAssembly refused.
    #[default]
    Production,
    /// The same policy plus `'wasm-unsafe-eval'`, as a proxy in front of
    /// Logto may send it: WebAssembly allowed, nothing else loosened.
    Permissive,
}

impl FromStr for CspMode {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "production" => Ok(Self::Production),
            "permissive" => Ok(Self::Permissive),
            other => Err(format!(
                "unknown CSP mode {other:?}: expected \"production\" or \"permissive\""
            )),
        }
    }
}

impl fmt::Display for CspMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Production => "production",
            Self::Permissive => "permissive",
        })
    }
}

const CAPTCHA_AND_ONE_TAP_SCRIPTS: &str = "https://accounts.google.com/gsi/client \
     https://static.cloudflareinsights.com/ https://challenges.cloudflare.com/turnstile/v0/api.js \
     https://www.google.com/recaptcha/enterprise.js https://recaptcha.net/recaptcha/enterprise.js \
     https://www.gstatic.com/recaptcha/ https://www.gstatic.cn/recaptcha/";

const CAPTCHA_CONNECT: &str = "https://www.google.com/recaptcha/ https://recaptcha.net/recaptcha/ \
     https://www.gstatic.com/recaptcha/ https://www.gstatic.cn/recaptcha/";

/// The header value for a tenant served at `endpoint` (an origin such as
/// `http://127.0.0.1:8080`), in the directive order Logto emits.
pub fn header_value(mode: CspMode, endpoint: &str) -> String {
    let wasm = match mode {
        CspMode::Production => "",
        CspMode::Permissive => " 'wasm-unsafe-eval'",
    };
    format!(
        "img-src 'self' data: https: blob:; \
         script-src 'self' 'unsafe-inline' 'unsafe-hashes'{wasm} {CAPTCHA_AND_ONE_TAP_SCRIPTS}; \
         script-src-attr 'unsafe-inline'; \
         connect-src 'self' https://accounts.google.com/gsi/ {endpoint} {CAPTCHA_CONNECT}; \
         frame-src 'self' https: https://accounts.google.com/gsi/; \
         frame-ancestors 'self'; \
         default-src 'self' https://accounts.google.com/gsi/; \
         base-uri 'self'; font-src 'self' https: data:; form-action 'self'; object-src 'none'; \
         style-src 'self' https: 'unsafe-inline'"
    )
}

/// The other security headers Logto sends with its sign-in pages: helmet
/// 7.1 (Logto 1.42 core's) with the experience's settings in
/// `packages/core/src/middleware/koa-security-headers.ts`: no
/// Cross-Origin-Opener-Policy, Cross-Origin-Embedder-Policy,
/// X-DNS-Prefetch-Control nor X-Frame-Options (`frame-ancestors` does that),
/// CORP `cross-origin`, and helmet's defaults for the rest.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("cross-origin-resource-policy", "cross-origin"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-content-type-options", "nosniff"),
    ("origin-agent-cluster", "?1"),
    ("x-download-options", "noopen"),
    ("x-permitted-cross-domain-policies", "none"),
    ("x-xss-protection", "0"),
    STRICT_TRANSPORT_SECURITY,
];

/// helmet 7's default HSTS (180 days). Logto sends it whatever the scheme
/// (browsers ignore it over plain HTTP, RFC 6797 §8.1), and so does this.
pub const STRICT_TRANSPORT_SECURITY: (&str, &str) = (
    "strict-transport-security",
    "max-age=15552000; includeSubDomains",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_refuses_webassembly() {
        let header = header_value(CspMode::Production, "http://127.0.0.1:8080");
        assert!(!header.contains("wasm-unsafe-eval"));
        assert!(!header.contains("'unsafe-eval'"));
        assert!(header.contains("script-src 'self' 'unsafe-inline' 'unsafe-hashes' https://"));
    }

    #[test]
    fn permissive_only_adds_webassembly() {
        let production = header_value(CspMode::Production, "http://x");
        let permissive = header_value(CspMode::Permissive, "http://x");
        assert_eq!(permissive.replace(" 'wasm-unsafe-eval'", ""), production);
    }

    #[test]
    fn security_headers_are_logtos() {
        let mut names: Vec<&str> = SECURITY_HEADERS.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "cross-origin-resource-policy",
                "origin-agent-cluster",
                "referrer-policy",
                "strict-transport-security",
                "x-content-type-options",
                "x-download-options",
                "x-permitted-cross-domain-policies",
                "x-xss-protection",
            ]
        );
        assert!(SECURITY_HEADERS.contains(&(
            "strict-transport-security",
            "max-age=15552000; includeSubDomains"
        )));
    }

    #[test]
    fn modes_parse() {
        assert_eq!("production".parse(), Ok(CspMode::Production));
        assert_eq!("permissive".parse(), Ok(CspMode::Permissive));
        assert!("loose".parse::<CspMode>().is_err());
    }
}
