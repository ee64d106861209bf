//! Keeping the browser on the host: URLs that point at the upstream's
//! origin are rewritten to the host's, in `Location`, in JSON answers
//! (`redirectTo`, OIDC discovery's `*_endpoint`) and in `Set-Cookie`.

use std::net::{IpAddr, SocketAddr};

use url::{Host, Position, Url};

/// The origin browsers use to reach the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Public {
    /// `http://localhost:3000`, without a trailing slash.
    pub origin: String,
    /// `localhost:3000`, for `X-Forwarded-Host`.
    pub host: String,
    pub https: bool,
}

impl Public {
    pub fn from_url(url: &Url) -> Self {
        let origin = url.origin().ascii_serialization();
        let host = origin
            .split_once("://")
            .map(|(_, host)| host.to_string())
            .unwrap_or_default();
        Self {
            origin,
            host,
            https: url.scheme() == "https",
        }
    }

    /// From the request's `Host` header over plain HTTP; `None` unless it
    /// is a plain host name or address with an optional port, so that it
    /// cannot inject anything into the headers it is copied into.
    pub fn from_host_header(host: &str) -> Option<Self> {
        let plain = !host.is_empty()
            && host.len() <= 255
            && host.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
            });
        let url = Url::parse(&format!("http://{host}/")).ok()?;
        (plain && url.host_str().is_some()).then(|| Self::from_url(&url))
    }

    /// From the request's `Host` header when there is no `--public-url`,
    /// only if it names this machine: `localhost`, a loopback address, or
    /// the address the host listens on. Any other name could be forged by
    /// the client, and it would then steer `Location`, `redirectTo`, form
    /// actions, the CSP and `X-Forwarded-Host` (from which Logto may build
    /// links, e.g. in emails) to an origin of the client's choosing.
    pub fn from_trusted_host_header(host: &str, listen: SocketAddr) -> Option<Self> {
        let public = Self::from_host_header(host)?;
        let url = Url::parse(&public.origin).ok()?;
        // `0.0.0.0` is no address a browser can name.
        let listening = |ip: IpAddr| !ip.is_unspecified() && ip == listen.ip();
        let trusted = match url.host()? {
            Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
            Host::Ipv4(ip) => ip.is_loopback() || listening(IpAddr::V4(ip)),
            Host::Ipv6(ip) => ip.is_loopback() || listening(IpAddr::V6(ip)),
        };
        trusted.then_some(public)
    }
}

pub struct Rewriter<'a> {
    pub upstream: &'a Url,
    pub public: &'a Public,
}

impl Rewriter<'_> {
    /// `value` with the host's origin, if it is an absolute URL on the
    /// upstream's origin. Everything on that origin is reachable through
    /// the host: Logto's paths are forwarded, the rest is the page.
    pub fn url(&self, value: &str) -> Option<String> {
        let url = Url::parse(value).ok()?;
        if url.origin() != self.upstream.origin() {
            return None;
        }
        Some(format!(
            "{}{}",
            self.public.origin,
            &url[Position::BeforePath..]
        ))
    }

    /// A `Set-Cookie` value without a `Domain` naming the upstream (the
    /// cookie then belongs to the host) and, when the host is served over
    /// plain HTTP, without `Secure` (which the browser would refuse there);
    /// over HTTPS, `Secure` is added if the upstream left it out (it saw
    /// the host's plain-HTTP connection). `HttpOnly`, `SameSite` and the
    /// rest are kept. `None` if nothing changes.
    pub fn set_cookie(&self, value: &str) -> Option<String> {
        let upstream_host = self.upstream.host_str()?.to_ascii_lowercase();
        let mut parts = value.split(';');
        let first = parts.next()?;
        let mut changed = false;
        let mut secure = false;
        let mut kept = vec![first.to_string()];
        for attribute in parts {
            let trimmed = attribute.trim();
            let (name, attribute_value) = trimmed.split_once('=').unwrap_or((trimmed, ""));
            secure |= name.eq_ignore_ascii_case("secure");
            let drop = if name.eq_ignore_ascii_case("domain") {
                let domain = attribute_value
                    .trim()
                    .trim_start_matches('.')
                    .to_ascii_lowercase();
                upstream_host == domain || upstream_host.ends_with(&format!(".{domain}"))
            } else {
                name.eq_ignore_ascii_case("secure") && !self.public.https
            };
            if drop {
                changed = true;
            } else {
                kept.push(format!(" {trimmed}"));
            }
        }
        if self.public.https && !secure {
            kept.push(" Secure".into());
            changed = true;
        }
        changed.then(|| kept.join(";"))
    }

    /// A JSON object's `redirectTo` and `*_endpoint` strings rewritten (as
    /// logto-tunnel does; `issuer` and `jwks_uri` stay: tokens name the
    /// upstream). `None` if the body is not JSON or nothing changes.
    pub fn json(&self, body: &[u8]) -> Option<Vec<u8>> {
        let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let mut changed = false;
        for (key, field) in value.as_object_mut()?.iter_mut() {
            if key != "redirectTo" && !key.ends_with("_endpoint") {
                continue;
            }
            if let Some(rewritten) = field.as_str().and_then(|url| self.url(url)) {
                *field = serde_json::Value::String(rewritten);
                changed = true;
            }
        }
        changed.then(|| serde_json::to_vec(&value).ok()).flatten()
    }

    /// Form actions on the upstream's origin in an HTML page, such as the
    /// OIDC provider's sign-out confirmation (`action="<issuer host>/oidc/
    /// session/end/confirm"`), which the browser would otherwise post to
    /// the upstream, without the host's cookies. `None` if nothing changes.
    pub fn html(&self, body: &[u8]) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(body).ok()?;
        let upstream = self.upstream.origin().ascii_serialization();
        let mut rewritten = text.to_string();
        for quote in ["\"", "'", ""] {
            rewritten = rewritten.replace(
                &format!("action={quote}{upstream}/"),
                &format!("action={quote}{}/", self.public.origin),
            );
        }
        (rewritten != text).then(|| rewritten.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(public: &str, check: impl FnOnce(&Rewriter) -> T) -> T {
        let upstream = Url::parse("https://tenant.logto.app/").unwrap();
        let public = Public::from_url(&Url::parse(public).unwrap());
        check(&Rewriter {
            upstream: &upstream,
            public: &public,
        })
    }

    #[test]
    fn urls_on_the_upstream_move_to_the_host() {
        with("http://localhost:3000", |r| {
            assert_eq!(
                r.url("https://tenant.logto.app/consent?app_id=x#f")
                    .as_deref(),
                Some("http://localhost:3000/consent?app_id=x#f")
            );
            assert_eq!(
                r.url("https://TENANT.logto.app:443/oidc/auth/abc")
                    .as_deref(),
                Some("http://localhost:3000/oidc/auth/abc")
            );
            assert_eq!(r.url("https://tenant.logto.app.evil.com/x"), None);
            assert_eq!(r.url("http://tenant.logto.app/x"), None);
            assert_eq!(r.url("https://app.example.com/callback?code=1"), None);
            assert_eq!(r.url("/sign-in?app_id=x"), None);
        });
    }

    #[test]
    fn cookies_lose_the_upstream_domain() {
        with("http://localhost:3000", |r| {
            assert_eq!(
                r.set_cookie("_interaction=a; path=/; domain=tenant.logto.app; secure; httponly")
                    .as_deref(),
                Some("_interaction=a; path=/; httponly")
            );
            assert_eq!(
                r.set_cookie("a=b; Domain=.logto.app; Path=/").as_deref(),
                Some("a=b; Path=/")
            );
            assert_eq!(r.set_cookie("a=b; path=/; httponly"), None);
            assert_eq!(r.set_cookie("a=b; domain=example.com"), None);
        });
        with("https://auth.example.com", |r| {
            assert_eq!(r.set_cookie("a=b; path=/; secure"), None);
            assert_eq!(
                r.set_cookie("a=b; path=/; httponly; samesite=lax")
                    .as_deref(),
                Some("a=b; path=/; httponly; samesite=lax; Secure")
            );
        });
    }

    #[test]
    fn json_redirects_and_endpoints() {
        with("http://localhost:3000", |r| {
            let body = br#"{"redirectTo":"https://tenant.logto.app/consent?app_id=x"}"#;
            assert_eq!(
                String::from_utf8(r.json(body).unwrap()).unwrap(),
                r#"{"redirectTo":"http://localhost:3000/consent?app_id=x"}"#
            );
            let discovery = br#"{"issuer":"https://tenant.logto.app/oidc","authorization_endpoint":"https://tenant.logto.app/oidc/auth","jwks_uri":"https://tenant.logto.app/oidc/jwks"}"#;
            let rewritten: serde_json::Value =
                serde_json::from_slice(&r.json(discovery).unwrap()).unwrap();
            assert_eq!(rewritten["issuer"], "https://tenant.logto.app/oidc");
            assert_eq!(rewritten["jwks_uri"], "https://tenant.logto.app/oidc/jwks");
            assert_eq!(
                rewritten["authorization_endpoint"],
                "http://localhost:3000/oidc/auth"
            );
            assert_eq!(
                r.json(br#"{"redirectTo":"https://app.example.com/"}"#),
                None
            );
            assert_eq!(r.json(b"[1,2]"), None);
            assert_eq!(r.json(b"not json"), None);
        });
    }

    #[test]
    fn html_form_actions() {
        with("http://localhost:3000", |r| {
            let page = br#"<form method="post" action="https://tenant.logto.app/oidc/session/end/confirm"><input name="xsrf"></form>"#;
            assert_eq!(
                String::from_utf8(r.html(page).unwrap()).unwrap(),
                r#"<form method="post" action="http://localhost:3000/oidc/session/end/confirm"><input name="xsrf"></form>"#
            );
            assert_eq!(
                r.html(br#"<form action="https://app.example.com/x">"#),
                None
            );
            assert_eq!(
                r.html(br#"<form action="https://tenant.logto.app.evil.com/x">"#),
                None
            );
            assert_eq!(r.html(b"<a href=\"https://tenant.logto.app/x\">"), None);
        });
    }

    #[test]
    fn host_headers_are_checked() {
        assert_eq!(
            Public::from_host_header("localhost:3000").map(|p| p.origin),
            Some("http://localhost:3000".to_string())
        );
        assert!(Public::from_host_header("[::1]:3000").is_some());
        assert_eq!(Public::from_host_header("a; script-src *"), None);
        assert_eq!(Public::from_host_header("a/b"), None);
        assert_eq!(Public::from_host_header(""), None);
    }

    #[test]
    fn only_local_host_headers_are_trusted() {
        let listen: SocketAddr = "127.0.0.1:3000".parse().unwrap();
        for host in [
            "localhost:3000",
            "LOCALHOST",
            "127.0.0.1:8080",
            "[::1]:3000",
        ] {
            assert!(
                Public::from_trusted_host_header(host, listen).is_some(),
                "{host}"
            );
        }
        for host in [
            "evil.example",
            "evil.example:3000",
            "localhost.evil.example",
            "10.0.0.1:3000",
            "0.0.0.0:3000",
        ] {
            assert_eq!(
                Public::from_trusted_host_header(host, listen),
                None,
                "{host}"
            );
        }
        let lan: SocketAddr = "192.168.1.5:3000".parse().unwrap();
        assert!(Public::from_trusted_host_header("192.168.1.5:3000", lan).is_some());
        assert!(Public::from_trusted_host_header("192.168.1.6:3000", lan).is_none());
        let any: SocketAddr = "0.0.0.0:3000".parse().unwrap();
        assert!(Public::from_trusted_host_header("0.0.0.0:3000", any).is_none());
    }
}
