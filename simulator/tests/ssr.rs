//! The page as the simulator serves it, the way Logto core does: index.html
//! with its SSR placeholder filled (settings of the interaction's app,
//! phrases in the phrases endpoint's language, custom CSS in the head),
//! precompressed files as they are, the rest compressed on the fly (binary
//! types aside).

use std::path::PathBuf;

use axum::{
    body::{to_bytes, Body},
    http::{header, HeaderMap, Request},
    Router,
};
use logto_sim::{default_settings, merge_patch, router, Config, CspMode};
use serde_json::{json, Value};
use tower::ServiceExt;

const INDEX: &str = "<!doctype html><html><head><script>window.logtoSsr=\"__LOGTO_SSR__\"</script>\
    <script>var boot=1</script></head><body><div id=app></div></body></html>";

/// A dist with the placeholder page, a precompressed asset and a plain one.
fn dist(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("logto-sim-ssr-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    let script = "console.log('the page');".repeat(20);
    std::fs::write(dir.join("app.js"), &script).unwrap();
    std::fs::write(dir.join("app.js.br"), b"precompressed brotli").unwrap();
    std::fs::write(dir.join("plain.js"), &script).unwrap();
    // A packed build (tools/pack.py), binary: never compressed again.
    std::fs::write(dir.join("app.lzma"), &script).unwrap();
    dir
}

fn app(name: &str, ssr: bool) -> Router {
    let settings = merge_patch(
        &default_settings(),
        &json!({"customCss": ".logto_main-content{border-radius:0}</style><b>"}),
    );
    let mut config = Config::new(
        dist(name),
        CspMode::Production,
        "http://localhost:8080".into(),
        settings,
    );
    config.ssr = ssr;
    router(config)
}

async fn get(
    app: &Router,
    uri: &str,
    headers: &[(header::HeaderName, &str)],
) -> (HeaderMap, Vec<u8>) {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 1 << 24).await.unwrap();
    (headers, body.to_vec())
}

/// The `_logto` cookie `/oidc/auth` sets for `query`.
async fn logto_cookie(app: &Router, query: &str) -> String {
    let (headers, _) = get(
        app,
        &format!("/oidc/auth?client_id=demo-app&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fdemo-app%2Fcallback&response_type=code&scope=openid{query}"),
        &[],
    )
    .await;
    // `_logto` (app and organization) and `_interaction`: the session
    // guard sends page loads without an interaction elsewhere.
    let cookies: Vec<&str> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter(|value| value.starts_with("_logto=") || value.starts_with("_interaction="))
        .filter_map(|value| value.split(';').next())
        .collect();
    assert!(cookies.iter().any(|cookie| cookie.starts_with("_logto=")));
    cookies.join("; ")
}

/// The object the page's placeholder became.
fn injected(html: &str) -> Value {
    let start = html.find("window.logtoSsr=Object.freeze(").unwrap()
        + "window.logtoSsr=Object.freeze(".len();
    let end = start + html[start..].find(")</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[tokio::test]
async fn fills_the_placeholder_like_core() {
    let app = app("filled", true);
    let cookie = logto_cookie(&app, "&organization_id=org-1").await;
    let (headers, body) = get(
        &app,
        "/sign-in?app_id=demo-app",
        &[
            (header::COOKIE, &cookie),
            (header::ACCEPT_LANGUAGE, "de-CH,de;q=0.9"),
        ],
    )
    .await;
    let html = String::from_utf8(body).unwrap();
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(headers[header::CONTENT_LANGUAGE], "de");
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "no-cache, no-store, must-revalidate"
    );
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));

    let data = injected(&html);
    let (_, settings) = get(&app, "/api/.well-known/experience", &[]).await;
    let settings: Value = serde_json::from_slice(&settings).unwrap();
    assert_eq!(data["signInExperience"]["data"], settings);
    assert_eq!(data["signInExperience"]["appId"], "demo-app");
    assert_eq!(data["signInExperience"]["organizationId"], "org-1");
    // The same language and texts as the phrases endpoint answers.
    let (phrases_headers, phrases) = get(
        &app,
        "/api/.well-known/phrases",
        &[(header::ACCEPT_LANGUAGE, "de-CH,de;q=0.9")],
    )
    .await;
    assert_eq!(phrases_headers[header::CONTENT_LANGUAGE], "de");
    assert_eq!(data["phrases"]["lng"], "de");
    assert_eq!(
        data["phrases"]["data"],
        serde_json::from_slice::<Value>(&phrases).unwrap()
    );

    // The custom CSS before </head>, unable to close its element; the data
    // cannot close the script.
    assert!(html.contains(
        "<style data-custom-css>.logto_main-content{border-radius:0}<\\/style><b></style></head>"
    ));
    assert!(html.contains(r"border-radius:0}\u003c/style\u003e\u003cb\u003e"));
    assert_eq!(html.matches("</script>").count(), 2);
}

#[tokio::test]
async fn lng_picks_the_language_and_preview_skips_the_css() {
    let app = app("lng", true);
    let (headers, body) = get(&app, "/sign-in/password?lng=fr&preview=true", &[]).await;
    let html = String::from_utf8(body).unwrap();
    assert_eq!(headers[header::CONTENT_LANGUAGE], "fr");
    let data = injected(&html);
    assert_eq!(data["phrases"]["lng"], "fr");
    // No interaction yet: no cookie, so no appId.
    assert_eq!(data["signInExperience"].get("appId"), None);
    assert!(!html.contains("data-custom-css"));
}

#[tokio::test]
async fn ssr_off_serves_the_page_as_it_is() {
    let app = app("off", false);
    // A page without the session guard: no interaction needed.
    let (headers, body) = get(&app, "/unknown-session", &[]).await;
    assert_eq!(String::from_utf8(body).unwrap(), INDEX);
    assert!(!headers.contains_key(header::CONTENT_LANGUAGE));
}

#[tokio::test]
async fn precompressed_files_as_they_are_the_rest_compressed_on_the_fly() {
    let app = app("encodings", true);
    let accept = [(header::ACCEPT_ENCODING, "gzip, deflate, br")];
    let (headers, body) = get(&app, "/app.js", &accept).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(body, b"precompressed brotli");
    let (headers, body) = get(&app, "/plain.js", &accept).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert!(body.len() < 480, "compressed: {} bytes", body.len());
    // The filled page is compressed on the fly too.
    let (headers, _) = get(&app, "/unknown-session", &accept).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    let (headers, body) = get(&app, "/app.js", &[]).await;
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(body.len(), 480);
    // application/octet-stream, which koa-compress leaves alone.
    let (headers, body) = get(&app, "/app.lzma", &accept).await;
    assert_eq!(headers[header::CONTENT_TYPE], "application/octet-stream");
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(body.len(), 480);
}
