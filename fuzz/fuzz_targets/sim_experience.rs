//! The simulator's Experience API guards, through its router in process:
//! a fresh simulator per input, an interaction started as the page starts
//! it, then up to four requests of the input, each `METHOD /path` on its
//! first line (under `/api/experience`) and its body after. Requests are
//! separated by a line holding only `---`. Nothing may panic, and no
//! answer may be a 500.
#![no_main]

use std::sync::OnceLock;

use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
    Router,
};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    })
}

fn simulator() -> Router {
    let mut config = logto_sim::Config::new(
        "/nonexistent".into(),
        logto_sim::CspMode::Production,
        "http://localhost:8080".into(),
        logto_sim::default_settings(),
    );
    // Seeded users' passwords are hashed on every input: keep it cheap.
    config.hash_iterations = 1;
    logto_sim::router(config)
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    cookie: &str,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let Ok(request) = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .header(header::ORIGIN, "http://localhost:8080")
        .body(Body::from(body))
    else {
        return (StatusCode::BAD_REQUEST, String::new());
    };
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok()?.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let _ = to_bytes(response.into_body(), usize::MAX).await;
    (status, cookie)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    runtime().block_on(async {
        let app = simulator();
        let (_, cookie) = call(&app, "GET", "/oidc/auth?client_id=demo-app", "", Vec::new()).await;
        call(
            &app,
            "PUT",
            "/api/experience",
            &cookie,
            br#"{"interactionEvent":"SignIn"}"#.to_vec(),
        )
        .await;
        for request in text.split("\n---\n").take(4) {
            let (head, body) = request.split_once('\n').unwrap_or((request, ""));
            let (method, path) = head.split_once(' ').unwrap_or(("POST", head));
            let uri = format!("/api/experience{}", path.trim());
            let (status, _) = call(&app, method, &uri, &cookie, body.as_bytes().to_vec()).await;
            assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{method} {uri}");
        }
    });
});
