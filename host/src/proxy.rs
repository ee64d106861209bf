//! Forwarding one request to Logto: bodies stream both ways; only a JSON
//! or HTML answer that may carry an upstream URL is read whole (up to a
//! cap) to be rewritten.

use std::net::SocketAddr;

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{header, HeaderMap, HeaderName, HeaderValue, Uri, Version},
    response::Response,
};
use futures_util::{stream, StreamExt};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use logto_pages::csp;

use crate::{
    error_page::Failure,
    paths,
    rewrite::{Public, Rewriter},
    Host,
};

/// Answers larger than this pass unchanged (Logto's are a few KB).
const REWRITE_CAP: usize = 1024 * 1024;

/// Headers that describe one connection, not the message (RFC 9110 §7.6.1).
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Response headers that set policy for the whole origin they come from.
const ORIGIN_POLICIES: &[&str] = &[
    "alt-svc",
    "nel",
    "report-to",
    "reporting-endpoints",
    "strict-transport-security",
];

pub async fn forward(
    host: &Host,
    request: Request,
    public: &Public,
    peer: Option<SocketAddr>,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path().to_string();
    let json_errors = paths::is_api(&path);

    // Refuse a declared oversize body at once; an undeclared one is cut off
    // by `Limited` while it streams.
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > host.options.max_body as u64) {
        return Failure::TooLarge.respond(json_errors);
    }
    let body = Body::new(Limited::new(body, host.options.max_body));

    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |value| value.as_str());
    let Ok(uri) = format!(
        "{}{path_and_query}",
        host.options.upstream.as_str().trim_end_matches('/')
    )
    .parse::<Uri>() else {
        return Failure::Unreachable.respond(json_errors);
    };
    parts.uri = uri;
    parts.version = Version::HTTP_11;
    let headers = &mut parts.headers;
    strip_hop_by_hop(headers);
    // The host is the edge: what a client claims about the way it came
    // (`X-Forwarded-Host: evil.example`, a client address) is dropped, and
    // the host says it itself below.
    let claimed: Vec<HeaderName> = headers
        .keys()
        .filter(|name| {
            let name = name.as_str();
            name == "forwarded" || name == "x-real-ip" || name.starts_with("x-forwarded-")
        })
        .cloned()
        .collect();
    for name in claimed {
        headers.remove(name);
    }
    if let Ok(value) = HeaderValue::from_str(&host.upstream_authority) {
        headers.insert(header::HOST, value);
    }
    // The host is the edge: the upstream learns the browser's view of it.
    if let Ok(value) = HeaderValue::from_str(&public.host) {
        headers.insert("x-forwarded-host", value);
    }
    headers.insert(
        "x-forwarded-proto",
        HeaderValue::from_static(if public.https { "https" } else { "http" }),
    );
    if let Some(peer) = peer {
        if let Ok(value) = HeaderValue::from_str(&peer.ip().to_string()) {
            headers.insert("x-forwarded-for", value);
        }
    }
    let rewrite_body = paths::may_rewrite_body(&path);
    if rewrite_body {
        // An encoded answer could not be rewritten; the host compresses
        // what it sends to the browser itself.
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("identity"),
        );
    }

    let sent = tokio::time::timeout(
        host.options.timeout,
        host.client.request(Request::from_parts(parts, body)),
    )
    .await;
    let upstream = match sent {
        Err(_) => return Failure::Timeout.respond(json_errors),
        Ok(Err(error)) if is_length_limit(&error) => return Failure::TooLarge.respond(json_errors),
        Ok(Err(_)) => return Failure::Unreachable.respond(json_errors),
        Ok(Ok(response)) => response,
    };

    let (mut parts, body) = upstream.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    // Policies for a whole origin are the host's to set, not the upstream's:
    // its HTTP/3 endpoints, its reporting collectors, its HSTS scope.
    for name in ORIGIN_POLICIES {
        parts.headers.remove(*name);
    }
    let (name, value) = csp::STRICT_TRANSPORT_SECURITY;
    parts.headers.insert(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    );
    let rewriter = Rewriter {
        upstream: &host.options.upstream,
        public,
    };
    rewrite_headers(&rewriter, &mut parts.headers);
    let body = Body::new(body);
    let kind = rewrite_body.then(|| body_kind(&parts.headers)).flatten();
    let body = if let Some(kind) = kind {
        let read = rewrite_whole_body(&rewriter, kind, &mut parts.headers, body);
        match tokio::time::timeout(host.options.timeout, read).await {
            Ok(Some(body)) => body,
            Ok(None) => return Failure::Unreachable.respond(json_errors),
            Err(_) => return Failure::Timeout.respond(json_errors),
        }
    } else {
        body
    };
    Response::from_parts(parts, body)
}

fn strip_hop_by_hop(headers: &mut HeaderMap) {
    // Headers the `Connection` header names are hop-by-hop too.
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in HOP_BY_HOP {
        headers.remove(*name);
    }
}

fn rewrite_headers(rewriter: &Rewriter, headers: &mut HeaderMap) {
    let location = headers
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| rewriter.url(value))
        .and_then(|value| HeaderValue::from_str(&value).ok());
    if let Some(location) = location {
        headers.insert(header::LOCATION, location);
    }
    let cookies: Vec<HeaderValue> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| {
            value
                .to_str()
                .ok()
                .and_then(|text| rewriter.set_cookie(text))
                .and_then(|text| HeaderValue::from_str(&text).ok())
                .unwrap_or_else(|| value.clone())
        })
        .collect();
    if !cookies.is_empty() {
        headers.remove(header::SET_COOKIE);
        for cookie in cookies {
            headers.append(header::SET_COOKIE, cookie);
        }
    }
}

/// What an unencoded answer is, if it is something the host rewrites.
fn body_kind(headers: &HeaderMap) -> Option<BodyKind> {
    if headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|value| value.as_bytes() != b"identity")
    {
        return None;
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)?
        .to_str()
        .ok()?
        .to_ascii_lowercase();
    if content_type.contains("json") {
        Some(BodyKind::Json)
    } else if content_type.starts_with("text/html") {
        Some(BodyKind::Html)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum BodyKind {
    Json,
    Html,
}

/// Reads an answer of at most [`REWRITE_CAP`] bytes and rewrites it; a
/// larger one is passed on unchanged, still streaming. `None` if the
/// upstream fails mid-answer.
async fn rewrite_whole_body(
    rewriter: &Rewriter<'_>,
    kind: BodyKind,
    headers: &mut HeaderMap,
    mut body: Body,
) -> Option<Body> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > REWRITE_CAP) {
        return Some(body);
    }
    let mut collected = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.ok()?.into_data() else {
            continue; // trailers: JSON answers have none worth keeping
        };
        collected.extend_from_slice(&data);
        if collected.len() > REWRITE_CAP {
            let head = stream::once(async move { Ok::<_, axum::Error>(Bytes::from(collected)) });
            return Some(Body::from_stream(head.chain(body.into_data_stream())));
        }
    }
    let rewritten = match kind {
        BodyKind::Json => rewriter.json(&collected),
        BodyKind::Html => rewriter.html(&collected),
    };
    if let Some(rewritten) = rewritten {
        collected = rewritten;
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(collected.len()));
    Some(Body::from(collected))
}

/// Whether the request failed because its body passed `--max-body`.
fn is_length_limit(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.is::<LengthLimitError>() {
            return true;
        }
        current = error.source();
    }
    false
}
