//! logto-host's rewriting of Logto's answers: `Location` and other URLs,
//! `Set-Cookie`, JSON `redirectTo` / `*_endpoint`, HTML form actions.
//! Whatever is rewritten points at the host's origin only, cookies keep
//! their attributes, and JSON stays JSON.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use logto_host::rewrite::{Public, Rewriter};
use url::Url;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    upstream: u8,
    public: u8,
    value: &'a str,
    body: &'a [u8],
}

const UPSTREAMS: &[&str] = &[
    "https://tenant.logto.app/",
    "http://127.0.0.1:3001/",
    "http://[::1]:8080/",
];
const PUBLICS: &[&str] = &["http://localhost:3000", "https://auth.example.com"];

fuzz_target!(|input: Input| {
    let upstream = Url::parse(UPSTREAMS[usize::from(input.upstream) % UPSTREAMS.len()]).unwrap();
    let public =
        Public::from_url(&Url::parse(PUBLICS[usize::from(input.public) % PUBLICS.len()]).unwrap());
    let rewriter = Rewriter {
        upstream: &upstream,
        public: &public,
    };

    if let Some(url) = rewriter.url(input.value) {
        // Only ever to the host's own origin.
        let parsed = Url::parse(&url).unwrap_or_else(|e| panic!("{url:?}: {e}"));
        assert_eq!(
            parsed.origin().ascii_serialization(),
            public.origin,
            "{url}"
        );
    }

    if let Some(cookie) = rewriter.set_cookie(input.value) {
        let name = |attribute: &str| {
            let attribute = attribute.trim().to_ascii_lowercase();
            attribute
                .split('=')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let attributes = |text: &str| -> Vec<String> {
            text.split(';')
                .skip(1)
                .filter(|a| !matches!(name(a).as_str(), "domain" | "secure"))
                .map(|a| a.trim().to_owned())
                .collect()
        };
        // HttpOnly, SameSite, Path... survive; only Domain and Secure move.
        assert_eq!(attributes(input.value), attributes(&cookie), "{cookie}");
        assert_eq!(cookie.split(';').next(), input.value.split(';').next());
        let secure = cookie.split(';').skip(1).any(|a| name(a) == "secure");
        assert_eq!(secure, public.https, "{cookie}");
    }

    if let Some(json) = rewriter.json(input.body) {
        assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
    }
    if let Some(html) = rewriter.html(input.body) {
        assert!(std::str::from_utf8(&html).is_ok());
    }
});
