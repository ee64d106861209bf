//! `logto-host`: the built sign-in page and Logto on one origin.
//!
//! Requests for Logto's own paths (see [`paths`]) are forwarded to the
//! upstream Logto with bodies streamed both ways; every other path is the
//! page, served from `dist` the way Logto serves its experience, with
//! Logto's production CSP plus `'wasm-unsafe-eval'`. Upstream URLs in
//! redirects, JSON answers and cookies are rewritten to the host's origin,
//! so the browser never leaves it and the interaction cookie stays
//! same-origin with the Experience API.

pub mod error_page;
pub mod options;
pub mod paths;
mod proxy;
pub mod rewrite;

use std::{
    future::Future,
    io::ErrorKind,
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, Uri},
    response::Response,
    Router,
};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::{
    client::legacy::{connect::HttpConnector, Client},
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use logto_pages::{csp, spa, CspMode};
use tower::ServiceExt;

use error_page::Failure;
pub use options::{Command, Options};
use rewrite::Public;

/// One host: its options and its pooled (keep-alive) upstream client.
pub struct Host {
    options: Options,
    /// `host[:port]` of the upstream, for the `Host` header.
    upstream_authority: String,
    client: Client<HttpsConnector<HttpConnector>, Body>,
}

impl Host {
    pub fn new(options: Options) -> Self {
        let upstream_authority = options
            .upstream
            .origin()
            .ascii_serialization()
            .split_once("://")
            .map(|(_, authority)| authority.to_string())
            .unwrap_or_default();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        // Idle upstream connections are dropped before Node's default
        // keep-alive timeout (5 s, Logto is a Node server) could close one
        // under a request about to be sent.
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(4))
            .build(connector);
        Self {
            options,
            upstream_authority,
            client,
        }
    }

    /// The origin this request's browser uses: `--public-url`, or else the
    /// request's `Host` if it names this machine (see
    /// [`Public::from_trusted_host_header`]); `None` for any other `Host`.
    fn public(&self, request: &Request) -> Option<Public> {
        if let Some(url) = &self.options.public_url {
            return Some(Public::from_url(url));
        }
        let listen = self.options.listen;
        match request
            .headers()
            .get(header::HOST)
            .map(|value| value.to_str().unwrap_or_default())
            .or_else(|| request.uri().authority().map(|a| a.as_str()))
        {
            Some(host) => Public::from_trusted_host_header(host, listen),
            // HTTP/1.0 without `Host`: the address the operator configured.
            None => Public::from_host_header(&listen.to_string()),
        }
    }

    /// The page: GET and HEAD from `dist`, with Logto's headers.
    async fn page(
        &self,
        method: &Method,
        uri: &Uri,
        request: &HeaderMap,
        public: &Public,
    ) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return Failure::MethodNotAllowed.respond(false);
        }
        let mut response = spa::serve(&self.options.dist, uri, request).await;
        let headers = response.headers_mut();
        // Logto's production policy with `'wasm-unsafe-eval'` and nothing
        // else loosened; the tenant endpoint in `connect-src` is this origin.
        let policy = csp::header_value(CspMode::Permissive, &public.origin);
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
        for (name, value) in csp::SECURITY_HEADERS {
            headers.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        response
    }
}

/// The whole host as a router (serve it with connect info, as [`serve`]
/// does, to forward the client's address).
pub fn router(options: Options) -> Router {
    Router::new()
        .fallback(handle)
        .with_state(Arc::new(Host::new(options)))
        // Compresses what is not already encoded: the page's files and the
        // JSON answers the host asked for unencoded to rewrite them.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(5)),
        )
}

/// Serves `options` on `listener` until `shutdown` resolves, then finishes
/// the requests under way (idle connections close at once).
///
/// Each connection must send a request's head within `header_timeout`,
/// also between requests on a kept-alive connection: a client trickling
/// its headers byte by byte (slowloris) or idling cannot hold a connection,
/// and with it a file descriptor, for longer than that.
pub async fn serve(
    listener: tokio::net::TcpListener,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let header_timeout = options.header_timeout;
    let app = router(options);
    let connections = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors or memory: wait for connections to
                // end rather than spin; a client's failed handshake is not
                // worth a pause.
                if !matches!(
                    error.kind(),
                    ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
                ) {
                    eprintln!("logto-host: cannot accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                continue;
            }
        };
        // Small answers (JSON, redirects) leave at once.
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request.map(Body::new))
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let connection = connections.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(connection);
    }
    drop(listener);
    connections.shutdown().await;
    Ok(())
}

async fn handle(State(host): State<Arc<Host>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // The path only: queries carry codes, states and tokens.
    let path = request.uri().path().to_string();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    let public = host.public(&request);
    let uri = request.uri().clone();
    // What the page's files need of the request: a precompressed variant.
    let mut accept = HeaderMap::new();
    if let Some(value) = request.headers().get(header::ACCEPT_ENCODING) {
        accept.insert(header::ACCEPT_ENCODING, value.clone());
    }
    let (response, via) = match public {
        _ if paths::has_dot_segment(&path) => {
            (Failure::BadPath.respond(paths::is_api(&path)), "refused")
        }
        None => (
            Failure::Misdirected.respond(paths::is_api(&path)),
            "refused",
        ),
        Some(public) if paths::is_logto(&method, &path, &host.options.forward) => {
            let response = proxy::forward(&host, request, &public, peer).await;
            if paths::ends_on_page(&path) && is_page(&response) {
                // Where Logto would show its experience, the host shows its own.
                (
                    host.page(&method, &uri, &accept, &public).await,
                    "upstream+dist",
                )
            } else {
                (response, "upstream")
            }
        }
        Some(public) => (host.page(&method, &uri, &accept, &public).await, "dist"),
    };
    // One line per request (cookies and queries are never logged).
    let shown: String = path.chars().take(200).collect();
    eprintln!(
        "{method} {shown} {} {}ms {via}",
        response.status().as_u16(),
        started.elapsed().as_millis(),
    );
    response
}

/// A successful HTML answer: Logto serving its own copy of the page.
fn is_page(response: &Response) -> bool {
    response.status() == axum::http::StatusCode::OK
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"))
}
