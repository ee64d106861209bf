//! The page's security headers are Logto 1.42's own (helmet 7.1 with the
//! experience's settings, packages/core/src/middleware/koa-security-headers.ts):
//! exactly these names, on the page, its files, its 404s and the session
//! guard's redirect.

mod common;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use serde_json::json;
use tower::ServiceExt;

/// Every security header helmet sends with Logto's experience settings.
const LOGTO: &[&str] = &[
    "content-security-policy",
    "cross-origin-resource-policy",
    "origin-agent-cluster",
    "referrer-policy",
    "strict-transport-security",
    "x-content-type-options",
    "x-download-options",
    "x-permitted-cross-domain-policies",
    "x-xss-protection",
];

/// Headers helmet can send that Logto's experience settings turn off (or
/// that helmet removes), which must therefore be absent.
const NOT_LOGTO: &[&str] = &[
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
    "x-dns-prefetch-control",
    "x-frame-options",
    "x-powered-by",
];

#[tokio::test]
async fn the_page_has_logtos_security_headers_and_no_others() {
    let dist = std::env::temp_dir().join(format!("logto-sim-headers-{}", std::process::id()));
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(dist.join("assets/app.js"), "1").unwrap();
    let mut config = common::config(json!({}));
    config.dist = dist;
    let app = logto_sim::router(config);

    for (path, status) in [
        ("/sign-in?preview=1", StatusCode::OK),
        ("/assets/app.js", StatusCode::OK),
        ("/assets/missing.js", StatusCode::NOT_FOUND),
        // No interaction: the session guard's redirect.
        ("/sign-in", StatusCode::FOUND),
    ] {
        let response = app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{path}");
        let headers = response.headers();
        for name in LOGTO {
            assert!(headers.contains_key(*name), "{path}: no {name}");
        }
        for name in NOT_LOGTO {
            assert!(!headers.contains_key(*name), "{path}: {name}");
        }
        for (name, value) in logto_sim::csp::SECURITY_HEADERS {
            assert_eq!(headers[*name], *value, "{path}: {name}");
        }
        assert_eq!(
            headers["strict-transport-security"],
            "max-age=15552000; includeSubDomains"
        );
        assert_eq!(
            headers["content-security-policy"],
            logto_sim::csp::header_value(logto_sim::CspMode::Production, common::ENDPOINT).as_str()
        );
    }
}
