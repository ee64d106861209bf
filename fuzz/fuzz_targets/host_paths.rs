//! logto-host's path classification (which requests are Logto's, which
//! the page's, which are refused) and its reading of the `Host` header.
#![no_main]

use std::net::SocketAddr;

use axum::http::Method;
use libfuzzer_sys::fuzz_target;
use logto_host::{paths, rewrite::Public};

fuzz_target!(|data: (&str, &str, bool)| {
    let (path, host, post) = data;
    let method = if post { Method::POST } else { Method::GET };
    let forward = ["/__sim".to_owned()];
    let logto = paths::is_logto(&method, path, &forward);
    // What is answered in JSON, rewritten, or ends on the page, is Logto's.
    if paths::is_api(path) || paths::may_rewrite_body(path) || paths::ends_on_page(path) {
        assert!(logto, "{path}");
    }
    if !path.contains('.') && !path.to_ascii_lowercase().contains("%2e") {
        assert!(!paths::has_dot_segment(path), "{path}");
    }

    let listen: SocketAddr = "127.0.0.1:3000".parse().unwrap();
    let trusted = Public::from_trusted_host_header(host, listen);
    let public = Public::from_host_header(host);
    if let Some(trusted) = &trusted {
        assert_eq!(Some(trusted), public.as_ref());
    }
    if let Some(public) = public {
        // It goes into the CSP and `X-Forwarded-Host`: nothing but an origin.
        assert!(public.origin.starts_with("http://"), "{}", public.origin);
        for text in [&public.origin, &public.host] {
            assert!(axum::http::HeaderValue::from_str(text).is_ok(), "{text:?}");
            assert!(!text.contains([';', ',', ' ', '\'', '"', '*']), "{text:?}");
        }
        assert!(!public.host.contains('/'), "{}", public.host);
    }
});
