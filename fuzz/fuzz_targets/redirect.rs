//! The redirect check of `redirectTo`: whatever it lets through, resolved
//! the way the browser resolves it, is an http(s) URL, and a path stays on
//! the page's origin.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::fuzzing::redirect::checked;
use url::Url;

fuzz_target!(|target: &str| {
    let Ok(url) = checked(target) else {
        return;
    };
    assert!(!url.chars().any(char::is_control), "{url:?}");
    let page = Url::parse("https://auth.example.com/sign-in/password").unwrap();
    // The `url` crate follows the WHATWG URL standard, as browsers do.
    if let Ok(resolved) = page.join(&url) {
        assert!(
            matches!(resolved.scheme(), "http" | "https"),
            "{url:?} → {resolved}"
        );
        if url.starts_with('/') {
            assert_eq!(resolved.origin(), page.origin(), "{url:?} → {resolved}");
        }
    }
});
