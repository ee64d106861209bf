//! The host in front of an upstream, both in-process on random ports: the
//! simulator for a whole sign-in, and a small fake upstream for what the
//! simulator cannot do (echo what arrived, be slow, stream, redirect away).

use std::{
    convert::Infallible,
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use futures_util::stream;
use http_body_util::BodyExt;
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use logto_host::{options::parse_origin, Options};
use serde_json::{json, Value};
use tokio::{net::TcpListener, sync::Notify};

// ---------------------------------------------------------------- helpers

/// A tiny dist: an index page, an asset and a large file.
fn dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("logto-host-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>x</title><div id=\"app\"></div>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/app-1.js"), "console.log('app');").unwrap();
    // Stands for tools/precompress.mjs's variant.
    std::fs::write(dir.join("assets/app-1.js.br"), "brotli of app-1.js").unwrap();
    dir
}

async fn listen() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    (listener, address)
}

/// The simulator as the upstream; returns its origin.
async fn simulator(dist: &Path) -> String {
    let (listener, address) = listen().await;
    let endpoint = format!("http://127.0.0.1:{}", address.port());
    let mut config = logto_sim::Config::new(
        dist.to_path_buf(),
        logto_sim::CspMode::Production,
        endpoint.clone(),
        logto_sim::default_settings(),
    );
    config.hash_iterations = 1_000;
    tokio::spawn(async move { axum::serve(listener, logto_sim::router(config)).await });
    endpoint
}

/// The host in front of `upstream`; returns its origin.
async fn host(upstream: &str, dist: &Path, tweak: impl FnOnce(&mut Options)) -> String {
    let (listener, address) = listen().await;
    let mut options = Options::new(parse_origin("upstream", upstream).unwrap());
    options.dist = dist.to_path_buf();
    options.listen = address;
    tweak(&mut options);
    tokio::spawn(logto_host::serve(listener, options, std::future::pending()));
    format!("http://127.0.0.1:{}", address.port())
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_default()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }
}

async fn send(request: Request) -> Answer {
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let response = client.request(request).await.unwrap();
    let (parts, body) = response.into_parts();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.unwrap().to_bytes(),
    }
}

fn request(method: &str, uri: &str) -> axum::http::request::Builder {
    Request::builder().method(method).uri(uri)
}

async fn fetch(uri: &str) -> Answer {
    send(request("GET", uri).body(Body::empty()).unwrap()).await
}

// ---------------------------------------------------------- fake upstream

#[derive(Clone)]
struct Fake {
    origin: String,
    release: Arc<Notify>,
    /// Client ports of the connections requests arrived on.
    connections: Arc<Mutex<Vec<u16>>>,
}

async fn fake_upstream() -> Fake {
    let (listener, address) = listen().await;
    let fake = Fake {
        origin: format!("http://127.0.0.1:{}", address.port()),
        release: Arc::new(Notify::new()),
        connections: Arc::default(),
    };
    let app = Router::new()
        .route("/oidc/redirect", get(redirect))
        .route("/oidc/away", get(away))
        .route("/api/redirect", get(json_redirect))
        .route("/consent/page", get(consent_page))
        .route("/oidc/session/end", get(sign_out_page))
        .route("/slow", get(slow))
        .route("/api/slow", get(slow))
        .route("/big", get(big))
        .route("/drip", get(drip))
        .route("/upload", axum::routing::post(first_chunk))
        .route("/oidc/cookies", get(cookies))
        .route("/oidc/policies", get(policies))
        .fallback(echo)
        .with_state(fake.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    fake
}

async fn echo(
    State(fake): State<Fake>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Json<Value> {
    fake.connections.lock().unwrap().push(peer.port());
    let (parts, body) = request.into_parts();
    let headers: serde_json::Map<String, Value> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            (
                name.to_string(),
                Value::String(value.to_str().unwrap_or_default().to_string()),
            )
        })
        .collect();
    let body = body.collect().await.unwrap().to_bytes();
    Json(json!({
        "method": parts.method.as_str(),
        "path": parts.uri.path(),
        "query": parts.uri.query(),
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    }))
}

async fn redirect(State(fake): State<Fake>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    let location = format!("{}/consent?app_id=x", fake.origin);
    headers.insert(header::LOCATION, location.parse().unwrap());
    for cookie in [
        "_interaction=abc; path=/; domain=127.0.0.1; secure; httponly",
        "_logto=1; path=/",
    ] {
        headers.append(header::SET_COOKIE, cookie.parse().unwrap());
    }
    response
}

/// Cookies with every attribute the host must keep.
async fn cookies(State(fake): State<Fake>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    let location = format!("{}/sign-in", fake.origin);
    headers.insert(header::LOCATION, location.parse().unwrap());
    for cookie in [
        "_interaction=abc; path=/oidc; domain=127.0.0.1; httponly; samesite=lax; secure",
        "_session=def; path=/; httponly; samesite=none; secure",
        "_plain=1; path=/; samesite=strict",
    ] {
        headers.append(header::SET_COOKIE, cookie.parse().unwrap());
    }
    response
}

/// Headers that set policy for the upstream's whole origin.
async fn policies() -> Response {
    (
        [
            ("alt-svc", "h3=\":443\"; ma=86400"),
            ("nel", "{\"report_to\":\"cf-nel\",\"max_age\":604800}"),
            ("report-to", "{\"group\":\"cf-nel\"}"),
            (
                "reporting-endpoints",
                "default=\"https://collector.example/\"",
            ),
            (
                "strict-transport-security",
                "max-age=63072000; includeSubDomains; preload",
            ),
            ("connection", "x-upstream-hop"),
            ("x-upstream-hop", "1"),
            ("x-kept", "1"),
        ],
        "ok",
    )
        .into_response()
}

async fn away() -> Response {
    (
        StatusCode::FOUND,
        [(header::LOCATION, "https://app.example.com/callback?code=1")],
    )
        .into_response()
}

async fn json_redirect(State(fake): State<Fake>, headers: HeaderMap) -> Json<Value> {
    Json(json!({
        "redirectTo": format!("{}/oidc/auth/abc", fake.origin),
        "other": format!("{}/kept", fake.origin),
        "acceptEncoding": headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()),
    }))
}

async fn consent_page() -> axum::response::Html<&'static str> {
    axum::response::Html("<!doctype html><title>Logto's own consent page</title>")
}

/// The OIDC provider's sign-out page: a form posting to its own origin.
async fn sign_out_page(State(fake): State<Fake>) -> axum::response::Html<String> {
    axum::response::Html(format!(
        "<!doctype html><form id=\"op.logoutForm\" method=\"post\" \
         action=\"{}/oidc/session/end/confirm\"><input name=\"xsrf\" value=\"x\"></form>",
        fake.origin
    ))
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(10)).await;
    "too late"
}

const BIG: usize = 8 * 1024 * 1024;

fn big_chunk(index: usize) -> Bytes {
    Bytes::from(vec![(index % 251) as u8; 64 * 1024])
}

async fn big() -> Response {
    let chunks = (0..BIG / (64 * 1024)).map(|index| Ok::<_, Infallible>(big_chunk(index)));
    (
        [(header::CONTENT_TYPE, "application/octet-stream")],
        Body::from_stream(stream::iter(chunks)),
    )
        .into_response()
}

/// One chunk, then the rest only once the test says so: the first chunk
/// must reach the client while the upstream is still answering.
async fn drip(State(fake): State<Fake>) -> Response {
    let release = fake.release.clone();
    let chunks = stream::unfold(0, move |step| {
        let release = release.clone();
        async move {
            match step {
                0 => Some((Ok::<_, Infallible>(Bytes::from_static(b"first;")), 1)),
                1 => {
                    release.notified().await;
                    Some((Ok(Bytes::from_static(b"second")), 2))
                }
                _ => None,
            }
        }
    });
    (
        [(header::CONTENT_TYPE, "text/plain")],
        Body::from_stream(chunks),
    )
        .into_response()
}

/// Answers with the first chunk of the request body, without waiting for
/// the rest.
async fn first_chunk(request: Request) -> Bytes {
    let mut body = request.into_body();
    match body.frame().await {
        Some(Ok(frame)) => frame.into_data().unwrap_or_default(),
        _ => Bytes::new(),
    }
}

// ------------------------------------------------------------------ tests

#[tokio::test]
async fn the_page_is_served_from_dist_with_a_csp_allowing_webassembly() {
    let dist = dist();
    let upstream = simulator(&dist).await;
    let host = host(&upstream, &dist, |_| {}).await;

    for path in [
        "/",
        "/sign-in",
        "/sign-in/password",
        "/register",
        "/callback/google",
    ] {
        let page = fetch(&format!("{host}{path}")).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.text().contains("<div id=\"app\">"), "{path}");
        assert_eq!(
            page.header("cache-control"),
            "no-cache, no-store, must-revalidate"
        );
        // Exactly Logto's production policy plus 'wasm-unsafe-eval'.
        let policy = page.header("content-security-policy");
        assert_eq!(
            policy,
            logto_sim::csp::header_value(logto_sim::CspMode::Permissive, &host)
        );
        assert_eq!(
            policy.replace(" 'wasm-unsafe-eval'", ""),
            logto_sim::csp::header_value(logto_sim::CspMode::Production, &host)
        );
        assert!(!policy.contains("'unsafe-eval'"));
        for (name, value) in logto_sim::csp::SECURITY_HEADERS {
            assert_eq!(page.header(name), *value, "{name}");
        }
        // Sent over plain HTTP too, as Logto does (browsers ignore it there).
        assert_eq!(
            page.header("strict-transport-security"),
            "max-age=15552000; includeSubDomains"
        );
        for name in [
            "cross-origin-opener-policy",
            "cross-origin-embedder-policy",
            "x-dns-prefetch-control",
            "x-frame-options",
            "x-powered-by",
        ] {
            assert_eq!(page.header(name), "", "{name} is not Logto's");
        }
    }

    let asset = fetch(&format!("{host}/assets/app-1.js")).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(asset.text(), "console.log('app');");
    assert!(asset.header("content-type").starts_with("text/javascript"));
    assert!(asset
        .header("content-security-policy")
        .contains("'wasm-unsafe-eval'"));
    // The precompressed variant, as it is, to a browser that accepts it.
    let encoded = send(
        request("GET", &format!("{host}/assets/app-1.js"))
            .header(header::ACCEPT_ENCODING, "gzip, br")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(encoded.header("content-encoding"), "br");
    assert_eq!(encoded.text(), "brotli of app-1.js");
    assert!(encoded
        .header("content-type")
        .starts_with("text/javascript"));
    assert_eq!(
        fetch(&format!("{host}/assets/missing.js")).await.status,
        StatusCode::NOT_FOUND
    );
    // Dot segments: refused (see paths_cannot_leave_dist).
    assert_eq!(
        fetch(&format!("{host}/../Cargo.toml")).await.status,
        StatusCode::BAD_REQUEST
    );

    let post = send(
        request("POST", &format!("{host}/sign-in"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.header("allow"), "GET, HEAD");
}

#[tokio::test]
async fn a_whole_sign_in_through_the_host_stays_on_its_origin() {
    let dist = dist();
    let upstream = simulator(&dist).await;
    let host = host(&upstream, &dist, |_| {}).await;
    let mut cookies: Vec<String> = Vec::new();
    let call = |method: &str, url: String, body: Option<Value>, cookies: &[String]| {
        let mut builder = request(method, &url).header(header::COOKIE, cookies.join("; "));
        let body = match body {
            Some(body) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(body.to_string())
            }
            None => Body::empty(),
        };
        send(builder.body(body).unwrap())
    };

    // The settings come from Logto, through the host.
    let settings = fetch(&format!("{host}/api/.well-known/experience")).await;
    assert_eq!(settings.status, StatusCode::OK);
    assert!(settings.json()["signIn"].is_object());

    let start = call(
        "GET",
        format!("{host}/oidc/auth?client_id=demo-app&response_type=code&scope=openid&state=s1"),
        None,
        &cookies,
    )
    .await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    assert_eq!(start.header("location"), "/sign-in?app_id=demo-app");
    for cookie in start.headers.get_all(header::SET_COOKIE) {
        let cookie = cookie.to_str().unwrap();
        cookies.push(cookie.split(';').next().unwrap().to_string());
    }
    assert!(cookies.iter().any(|c| c.starts_with("_interaction=")));

    let api = |path: &str| format!("{host}/api/experience{path}");
    let put = call(
        "PUT",
        api(""),
        Some(json!({"interactionEvent": "SignIn"})),
        &cookies,
    )
    .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT);
    let password = call(
        "POST",
        api("/verification/password"),
        Some(json!({"identifier": {"type": "username", "value": "demo"}, "password": "Demo-Passw0rd!"})),
        &cookies,
    )
    .await;
    let id = password.json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let identify = call(
        "POST",
        api("/identification"),
        Some(json!({"verificationId": id})),
        &cookies,
    )
    .await;
    assert_eq!(identify.status, StatusCode::NO_CONTENT);
    let submit = call("POST", api("/submit"), Some(json!({})), &cookies).await;
    // The simulator answers with its own endpoint; the host rewrites it.
    let redirect = submit.json()["redirectTo"].as_str().unwrap().to_string();
    assert!(
        redirect.starts_with(&format!("{host}/oidc/auth/")),
        "{redirect}"
    );

    let resume = call("GET", redirect, None, &cookies).await;
    let location = resume.header("location").to_string();
    assert!(
        location.starts_with(&format!("{host}/demo-app/callback?code=")),
        "{location}"
    );
    assert!(location.ends_with("&state=s1"));
    let app = call("GET", location, None, &cookies).await;
    assert_eq!(app.status, StatusCode::OK);
    assert!(app.text().contains("Signed in as demo"), "{}", app.text());
}

#[tokio::test]
async fn logto_paths_are_forwarded_with_the_forwarding_headers() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;
    let upstream_authority = fake.origin.trim_start_matches("http://").to_string();
    let host_authority = host.trim_start_matches("http://").to_string();

    for (method, path) in [
        ("GET", "/consent?app_id=demo-app"),
        ("GET", "/consent"),
        ("GET", "/oidc/.well-known/openid-configuration"),
        ("GET", "/.well-known/openid-configuration"),
        ("GET", "/api/.well-known/phrases?lng=fr"),
        ("DELETE", "/api/experience/profile"),
        ("POST", "/callback/apple-universal"),
        ("POST", "/account/callback/social/apple"),
        ("GET", "/account/security"),
        ("GET", "/demo-app/callback?code=1"),
        ("GET", "/device"),
    ] {
        let answer = send(
            request(method, &format!("{host}{path}"))
                .header("x-forwarded-for", "6.6.6.6")
                .header("x-forwarded-host", "evil.example")
                .header("connection", "keep-alive, x-secret")
                .header("x-secret", "hop")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("code=abc&state=xyz"))
                .unwrap(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{method} {path}");
        let echoed = answer.json();
        let (bare, query) = path.split_once('?').unwrap_or((path, ""));
        assert_eq!(echoed["method"], method, "{path}");
        assert_eq!(echoed["path"], bare, "{path}");
        assert_eq!(
            echoed["query"].as_str().unwrap_or_default(),
            query,
            "{path}"
        );
        assert_eq!(echoed["body"], "code=abc&state=xyz", "{path}");
        let headers = &echoed["headers"];
        assert_eq!(headers["host"], upstream_authority.as_str());
        assert_eq!(headers["x-forwarded-host"], host_authority.as_str());
        assert_eq!(headers["x-forwarded-proto"], "http");
        assert_eq!(headers["x-forwarded-for"], "127.0.0.1");
        assert!(
            headers.get("x-secret").is_none(),
            "hop-by-hop header forwarded"
        );
        // Logto's own answers keep their own headers: no page CSP added.
        assert_eq!(answer.header("content-security-policy"), "");
    }
    // Where Logto answers with its own copy of the page, the host's is served.
    let consent = fetch(&format!("{host}/consent/page?app_id=third-party")).await;
    assert_eq!(consent.status, StatusCode::OK);
    assert!(
        consent.text().contains("<div id=\"app\">"),
        "{}",
        consent.text()
    );
    assert!(consent
        .header("content-security-policy")
        .contains("'wasm-unsafe-eval'"));

    // A GET of a callback path is the page's social callback route.
    let page = fetch(&format!("{host}/callback/google?code=1")).await;
    assert!(page.text().contains("<div id=\"app\">"));
}

#[tokio::test]
async fn upstream_urls_in_redirects_json_and_cookies_point_at_the_host() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;

    let redirect = fetch(&format!("{host}/oidc/redirect")).await;
    assert_eq!(redirect.status, StatusCode::SEE_OTHER);
    assert_eq!(
        redirect.header("location"),
        format!("{host}/consent?app_id=x")
    );
    let cookies: Vec<&str> = redirect
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(
        cookies,
        ["_interaction=abc; path=/; httponly", "_logto=1; path=/"]
    );

    let away = fetch(&format!("{host}/oidc/away")).await;
    assert_eq!(
        away.header("location"),
        "https://app.example.com/callback?code=1"
    );

    let json = fetch(&format!("{host}/api/redirect")).await;
    let body = json.json();
    assert_eq!(body["redirectTo"], format!("{host}/oidc/auth/abc"));
    assert_eq!(body["other"], format!("{}/kept", fake.origin));
    // The sign-out confirmation posts to the host, which has the cookies.
    let sign_out = fetch(&format!("{host}/oidc/session/end")).await;
    assert!(
        sign_out
            .text()
            .contains(&format!("action=\"{host}/oidc/session/end/confirm\"")),
        "{}",
        sign_out.text()
    );
    assert_eq!(
        sign_out.header("content-length"),
        sign_out.body.len().to_string()
    );

    // Asked unencoded, so that it can be rewritten...
    assert_eq!(body["acceptEncoding"], "identity");
    assert_eq!(json.header("content-length"), json.body.len().to_string());
    // ...and compressed by the host for a browser that accepts it.
    let compressed = send(
        request("GET", &format!("{host}/api/redirect"))
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(compressed.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn oversize_request_bodies_are_refused() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |options| options.max_body = 1000).await;

    let fits = send(
        request("POST", &format!("{host}/api/experience"))
            .body(Body::from(vec![b'a'; 1000]))
            .unwrap(),
    )
    .await;
    assert_eq!(fits.status, StatusCode::OK);
    assert_eq!(fits.json()["body"].as_str().unwrap().len(), 1000);

    let declared = send(
        request("POST", &format!("{host}/api/experience"))
            .body(Body::from(vec![b'a'; 1001]))
            .unwrap(),
    )
    .await;
    assert_eq!(declared.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(declared.json()["code"], "host.request_too_large");

    // No Content-Length: cut off while streaming.
    let chunks = (0..20).map(|_| Ok::<_, Infallible>(Bytes::from(vec![b'a'; 100])));
    let streamed = send(
        request("POST", &format!("{host}/callback/apple"))
            .body(Body::from_stream(stream::iter(chunks)))
            .unwrap(),
    )
    .await;
    assert_eq!(streamed.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(streamed.text().contains("Request too large"));
}

#[tokio::test]
async fn a_slow_upstream_gets_a_clear_504() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |options| {
        options.timeout = Duration::from_millis(300)
    })
    .await;

    let started = std::time::Instant::now();
    let api = send(
        request("GET", &format!("{host}/api/slow"))
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(api.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(api.json()["code"], "host.upstream_timeout");

    let host = self::host(&fake.origin, &dist, |options| {
        options.timeout = Duration::from_millis(300);
        options.forward.push("/slow".into());
    })
    .await;
    let page = fetch(&format!("{host}/slow")).await;
    assert_eq!(page.status, StatusCode::GATEWAY_TIMEOUT);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(page.text().contains("Logto is taking too long"));
}

#[tokio::test]
async fn an_unreachable_upstream_gets_a_clear_502() {
    let dist = dist();
    // A port that was free a moment ago: nothing listens there.
    let (listener, address) = listen().await;
    drop(listener);
    let host = host(
        &format!("http://127.0.0.1:{}", address.port()),
        &dist,
        |_| {},
    )
    .await;

    let page = fetch(&format!("{host}/oidc/auth?client_id=x")).await;
    assert_eq!(page.status, StatusCode::BAD_GATEWAY);
    assert!(page.text().contains("Logto cannot be reached"));
    let api = fetch(&format!("{host}/api/.well-known/experience")).await;
    assert_eq!(api.status, StatusCode::BAD_GATEWAY);
    assert_eq!(api.json()["code"], "host.upstream_unreachable");
    // The page itself is still served.
    assert_eq!(
        fetch(&format!("{host}/sign-in")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn bodies_stream_through() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |options| {
        options
            .forward
            .extend(["/big", "/drip", "/upload"].map(String::from))
    })
    .await;

    // Large: intact, byte for byte.
    let big = fetch(&format!("{host}/big")).await;
    assert_eq!(big.status, StatusCode::OK);
    assert_eq!(big.body.len(), BIG);
    for (index, chunk) in big.body.chunks(64 * 1024).enumerate() {
        assert_eq!(chunk, &big_chunk(index)[..], "chunk {index}");
    }

    // The first chunk arrives while the upstream has not finished.
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let response = client
        .request(
            request("GET", &format!("{host}/drip"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let mut body = response.into_body();
    let first = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("the first chunk was held back")
        .unwrap()
        .unwrap()
        .into_data()
        .unwrap();
    assert_eq!(&first[..], b"first;");
    fake.release.notify_one();
    let rest = body.collect().await.unwrap().to_bytes();
    assert_eq!(&rest[..], b"second");

    // Uploads too: the upstream has the first chunk while the client is
    // still sending.
    let hold = Arc::new(Notify::new());
    let held = hold.clone();
    let upload = stream::unfold(0, move |step| {
        let held = held.clone();
        async move {
            match step {
                0 => Some((Ok::<_, Infallible>(Bytes::from_static(b"part one")), 1)),
                1 => {
                    held.notified().await;
                    Some((Ok(Bytes::from_static(b"part two")), 2))
                }
                _ => None,
            }
        }
    });
    let answer = tokio::time::timeout(
        Duration::from_secs(5),
        client.request(
            request("POST", &format!("{host}/upload"))
                .body(Body::from_stream(upload))
                .unwrap(),
        ),
    )
    .await
    .expect("the upload was held back")
    .unwrap();
    let first = answer.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&first[..], b"part one");
    hold.notify_one();
}

#[tokio::test]
async fn connections_are_kept_alive_on_both_sides() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;

    // Browser side: several requests on one connection.
    let stream = tokio::net::TcpStream::connect(host.trim_start_matches("http://"))
        .await
        .unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    for path in ["/sign-in", "/api/experience", "/assets/app-1.js", "/oidc/x"] {
        sender.ready().await.unwrap();
        let response = sender
            .send_request(
                request("GET", path)
                    .header(header::HOST, host.trim_start_matches("http://"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response.headers().get(header::CONNECTION).is_none());
        response.into_body().collect().await.unwrap();
    }

    // Upstream side: sequential forwards reuse one pooled connection.
    for _ in 0..3 {
        fetch(&format!("{host}/api/x")).await;
    }
    let ports = fake.connections.lock().unwrap().clone();
    assert_eq!(ports.len(), 5);
    assert!(ports.iter().all(|port| *port == ports[0]), "{ports:?}");
}

#[tokio::test]
async fn shutdown_finishes_the_request_under_way() {
    let dist = dist();
    let fake = fake_upstream().await;
    let (listener, address) = listen().await;
    let mut options = Options::new(parse_origin("upstream", &fake.origin).unwrap());
    options.dist = dist.clone();
    options.forward.push("/drip".into());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(logto_host::serve(listener, options, async {
        let _ = stopped.await;
    }));
    let host = format!("http://127.0.0.1:{}", address.port());

    // A streaming answer is under way when the shutdown starts...
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let response = client
        .request(
            request("GET", &format!("{host}/drip"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!server.is_finished());
    // ...and still completes; then the server ends.
    fake.release.notify_one();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"first;second");
    drop(client);
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server did not stop")
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn odd_requests_get_answers() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;
    let authority = host.trim_start_matches("http://").to_string();

    // A Host header that would inject CSP sources is not used as origin.
    let page = send(
        request("GET", &format!("{host}/sign-in"))
            .header(header::HOST, "x; script-src *")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(!page
        .header("content-security-policy")
        .contains("script-src *"));
    let page = fetch(&format!("{host}/sign-in")).await;
    assert!(page
        .header("content-security-policy")
        .contains(&format!("http://{authority}")));

    for path in [
        "/%ff%fe",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fCargo.toml",
        "/assets/%00.js",
        "//double//slash.js",
    ] {
        let answer = fetch(&format!("{host}{path}")).await;
        assert!(
            [
                StatusCode::OK,
                StatusCode::NOT_FOUND,
                StatusCode::BAD_REQUEST
            ]
            .contains(&answer.status),
            "{path}: {}",
            answer.status
        );
        assert!(!answer.text().contains("[package]"), "{path}");
    }
    let long = format!("{host}/sign-in/{}", "a".repeat(8_000));
    assert_eq!(fetch(&long).await.status, StatusCode::OK);

    let head = send(
        request("HEAD", &format!("{host}/sign-in"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
}

// ------------------------------------------- security and robustness

/// Sends `request` as raw bytes (so that nothing normalises its path) and
/// returns the status and the whole answer.
async fn raw(origin: &str, request: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(origin.trim_start_matches("http://"))
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .expect("no answer")
        .unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn forged_host_or_forwarding_headers_do_not_steer_the_origin() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;
    let port = host.rsplit(':').next().unwrap().to_string();

    // Without --public-url, a Host naming another machine gets 421, on the
    // page, on Logto's paths and in JSON for the API.
    for (path, json) in [
        ("/sign-in", false),
        ("/oidc/redirect", false),
        ("/api/redirect", true),
    ] {
        for forged in ["evil.example", &format!("evil.example:{port}"), "10.1.2.3"] {
            let answer = send(
                request("GET", &format!("{host}{path}"))
                    .header(header::HOST, forged)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST, "{forged}");
            assert!(!answer.text().contains("evil"), "{}", answer.text());
            assert_eq!(answer.header("location"), "");
            assert_eq!(answer.header("set-cookie"), "");
            if json {
                assert_eq!(answer.json()["code"], "host.unknown_host");
            }
        }
    }
    // localhost is this machine: its name is kept.
    let local = send(
        request("GET", &format!("{host}/oidc/redirect"))
            .header(header::HOST, format!("localhost:{port}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        local.header("location"),
        format!("http://localhost:{port}/consent?app_id=x")
    );

    // Whatever the client claims about the way it came is ignored.
    let claims = |builder: axum::http::request::Builder| {
        builder
            .header("x-forwarded-host", "evil.example")
            .header("x-forwarded-proto", "https")
            .header("x-forwarded-port", "443")
            .header("x-forwarded-prefix", "/evil")
            .header("x-real-ip", "6.6.6.6")
            .header("forwarded", "for=6.6.6.6;host=evil.example;proto=https")
            .body(Body::empty())
            .unwrap()
    };
    let redirect = send(claims(request("GET", &format!("{host}/oidc/redirect")))).await;
    assert_eq!(
        redirect.header("location"),
        format!("{host}/consent?app_id=x")
    );
    let json = send(claims(request("GET", &format!("{host}/api/redirect")))).await;
    assert_eq!(json.json()["redirectTo"], format!("{host}/oidc/auth/abc"));
    let page = send(claims(request("GET", &format!("{host}/sign-in")))).await;
    let policy = page.header("content-security-policy");
    assert!(!policy.contains("evil"), "{policy}");
    assert!(policy.contains(&format!(" {host} ")), "{policy}");
    let echoed = send(claims(request("GET", &format!("{host}/api/echo"))))
        .await
        .json();
    let headers = echoed["headers"].as_object().unwrap();
    assert_eq!(
        headers["x-forwarded-host"],
        host.trim_start_matches("http://")
    );
    assert_eq!(headers["x-forwarded-proto"], "http");
    assert_eq!(headers["x-forwarded-for"], "127.0.0.1");
    for name in [
        "x-forwarded-port",
        "x-forwarded-prefix",
        "x-real-ip",
        "forwarded",
    ] {
        assert!(headers.get(name).is_none(), "{name} forwarded");
    }

    // With --public-url, that origin and nothing else, whatever the Host.
    let public = self::host(&fake.origin, &dist, |options| {
        options.public_url = Some(parse_origin("--public-url", "https://auth.example.com").unwrap())
    })
    .await;
    let forged = |path: &str| {
        send(
            request("GET", &format!("{public}{path}"))
                .header(header::HOST, "evil.example")
                .header("x-forwarded-host", "evil.example")
                .body(Body::empty())
                .unwrap(),
        )
    };
    let redirect = forged("/oidc/redirect").await;
    assert_eq!(
        redirect.header("location"),
        "https://auth.example.com/consent?app_id=x"
    );
    let json = forged("/api/redirect").await;
    assert_eq!(
        json.json()["redirectTo"],
        "https://auth.example.com/oidc/auth/abc"
    );
    let page = forged("/sign-in").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("content-security-policy"),
        logto_sim::csp::header_value(logto_sim::CspMode::Permissive, "https://auth.example.com")
    );
    let echoed = forged("/api/echo").await.json();
    assert_eq!(echoed["headers"]["x-forwarded-host"], "auth.example.com");
    assert_eq!(echoed["headers"]["x-forwarded-proto"], "https");
}

#[tokio::test]
async fn cookies_keep_httponly_samesite_and_secure_where_it_applies() {
    let dist = dist();
    let fake = fake_upstream().await;
    let set_cookies = |answer: &Answer| -> Vec<String> {
        answer
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|value| value.to_str().unwrap().to_string())
            .collect()
    };

    // Plain HTTP (local development): Secure would make browsers drop them.
    let host = host(&fake.origin, &dist, |_| {}).await;
    let answer = fetch(&format!("{host}/oidc/cookies")).await;
    assert_eq!(
        set_cookies(&answer),
        [
            "_interaction=abc; path=/oidc; httponly; samesite=lax",
            "_session=def; path=/; httponly; samesite=none",
            "_plain=1; path=/; samesite=strict",
        ]
    );

    // HTTPS: Secure kept, and added where the upstream left it out.
    let host = self::host(&fake.origin, &dist, |options| {
        options.public_url = Some(parse_origin("--public-url", "https://auth.example.com").unwrap())
    })
    .await;
    let answer = fetch(&format!("{host}/oidc/cookies")).await;
    assert_eq!(
        set_cookies(&answer),
        [
            "_interaction=abc; path=/oidc; httponly; samesite=lax; secure",
            "_session=def; path=/; httponly; samesite=none; secure",
            "_plain=1; path=/; samesite=strict; Secure",
        ]
    );
    assert_eq!(
        answer.header("location"),
        "https://auth.example.com/sign-in"
    );
}

#[tokio::test]
async fn upstream_policies_for_its_own_origin_do_not_leak() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;
    let answer = fetch(&format!("{host}/oidc/policies")).await;
    assert_eq!(answer.status, StatusCode::OK);
    for name in [
        "alt-svc",
        "nel",
        "report-to",
        "reporting-endpoints",
        "x-upstream-hop",
        "connection",
    ] {
        assert_eq!(answer.header(name), "", "{name} leaked");
    }
    // The origin's HSTS is the host's (Logto's value), not the upstream's.
    assert_eq!(
        answer.header("strict-transport-security"),
        "max-age=15552000; includeSubDomains"
    );
    assert_eq!(answer.header("x-kept"), "1");
}

#[tokio::test]
async fn paths_cannot_leave_dist() {
    // dist/ with a secret beside it, where `..` would lead.
    let root = std::env::temp_dir().join(format!("logto-host-traversal-{}", std::process::id()));
    let dist = root.join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><div id=\"app\"></div>",
    )
    .unwrap();
    std::fs::write(dist.join("assets/app.js"), "app").unwrap();
    std::fs::write(root.join("secret.txt"), "TOP-SECRET").unwrap();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |_| {}).await;
    let authority = host.trim_start_matches("http://").to_string();

    for path in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..\\secret.txt",
        "/assets\\..\\..\\secret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/./secret.txt",
        "/assets/./../../secret.txt",
        "//secret.txt",
        "/api/../secret.txt",
        "/api/%2e%2e/console",
    ] {
        let (status, answer) = raw(
            &host,
            &format!("GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"),
        )
        .await;
        assert!(!answer.contains("TOP-SECRET"), "{path}: {answer}");
        assert!([400, 404].contains(&status), "{path}: {status} {answer}");
    }
    // Dot segments are refused before anything is forwarded.
    let (status, answer) = raw(
        &host,
        &format!("GET /api/../x HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains("host.bad_path"), "{answer}");
    assert!(fake.connections.lock().unwrap().is_empty());
    // The files themselves are still there.
    let (status, answer) = raw(
        &host,
        &format!("GET /assets/app.js HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(answer.ends_with("app"));
}

// Several threads, as the host runs in production: on one, the test's own
// 250 trickling tasks compete with the server for it on a loaded machine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_starve_the_others() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |options| {
        options.header_timeout = Duration::from_millis(1500)
    })
    .await;
    let authority = host.trim_start_matches("http://").to_string();

    // 200 connections sending their headers a byte at a time (slowloris),
    // and 50 that connect and say nothing.
    let mut slow = Vec::new();
    for index in 0..250 {
        let mut stream = tokio::net::TcpStream::connect(&authority).await.unwrap();
        slow.push(tokio::spawn(async move {
            let head = format!(
                "GET /sign-in HTTP/1.1\r\nHost: localhost\r\nX-Slow: {}",
                "a".repeat(100)
            );
            if index < 200 {
                for byte in head.bytes().take(40) {
                    if stream.write_all(&[byte]).await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            // The server must have closed it by now (40 × 100 ms > 1.5 s).
            let mut rest = Vec::new();
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest))
                .await
                .is_ok()
        }));
    }
    // Meanwhile, others are served at once.
    tokio::time::sleep(Duration::from_millis(100)).await;
    for _ in 0..20 {
        let started = std::time::Instant::now();
        let page = fetch(&format!("{host}/sign-in")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(started.elapsed() < Duration::from_millis(1000));
    }
    let mut closed = 0;
    for task in slow {
        closed += usize::from(task.await.unwrap());
    }
    assert_eq!(closed, 250, "slow connections were left open");
}

#[tokio::test]
async fn idle_kept_alive_connections_are_closed_after_the_header_timeout() {
    let dist = dist();
    let fake = fake_upstream().await;
    let host = host(&fake.origin, &dist, |options| {
        options.header_timeout = Duration::from_millis(300)
    })
    .await;
    let authority = host.trim_start_matches("http://").to_string();
    let (status, answer) = tokio::time::timeout(
        Duration::from_secs(3),
        raw(
            &host,
            &format!("GET /sign-in HTTP/1.1\r\nHost: {authority}\r\n\r\n"),
        ),
    )
    .await
    .expect("the kept-alive connection stayed open");
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn shutdown_refuses_new_connections_and_closes_idle_ones() {
    let dist = dist();
    let fake = fake_upstream().await;
    let (listener, address) = listen().await;
    let mut options = Options::new(parse_origin("upstream", &fake.origin).unwrap());
    options.dist = dist.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(logto_host::serve(listener, options, async {
        let _ = stopped.await;
    }));
    // An idle kept-alive connection does not hold the shutdown up.
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    let connection = tokio::spawn(connection);
    let response = sender
        .send_request(
            request("GET", "/sign-in")
                .header(header::HOST, address.to_string())
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    response.into_body().collect().await.unwrap();
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server did not stop")
        .unwrap()
        .unwrap();
    // The idle connection was closed by the server.
    tokio::time::timeout(Duration::from_secs(5), connection)
        .await
        .expect("the idle connection was left open")
        .unwrap()
        .unwrap();
}
