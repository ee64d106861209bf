//! Serves the built page the way Logto serves a custom sign-in UI: a path
//! whose last segment has a dot is a file (404 if absent), every other path
//! gets `index.html`, never cached, so that deep links like
//! `/sign-in/password` load the app. Like core's `koa-send`, a file's
//! precompressed variant (`<file>.br`, `<file>.gz`, written by
//! `tools/precompress.mjs`) is sent when the browser accepts its encoding;
//! whatever goes out unencoded is the compression layer's to compress.

use std::path::{Component, Path, PathBuf};

use axum::{
    body::Body,
    http::{header, HeaderMap, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
};

/// Precompressed variants in `koa-send`'s order of preference.
const VARIANTS: [(&str, &str); 2] = [("br", "br"), ("gzip", "gz")];

/// Whether `path` gets `index.html` (no dot in its last segment), as core
/// decides for its index paths.
pub fn is_page_path(path: &str) -> bool {
    !path.rsplit('/').next().unwrap_or_default().contains('.')
}

/// Answers a GET for `uri` from the `dist` folder; `request` are the
/// request's headers (`Accept-Encoding`).
pub async fn serve(dist: &Path, uri: &Uri, request: &HeaderMap) -> Response {
    let path = uri.path();
    if is_page_path(path) {
        return index(dist).await;
    }
    let Some(file) = resolve(dist, path) else {
        return not_found();
    };
    let accept_encoding = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    for (encoding, suffix) in VARIANTS {
        if !accepts(accept_encoding, encoding) {
            continue;
        }
        let mut variant = file.clone().into_os_string();
        variant.push(".");
        variant.push(suffix);
        if let Some(opened) = open(Path::new(&variant)).await {
            return file_response(&file, opened, Some(encoding));
        }
    }
    match open(&file).await {
        Some(opened) => file_response(&file, opened, None),
        None => not_found(),
    }
}

/// `file`'s headers on `body` (the file itself, or its variant in
/// `encoding`).
fn file_response(
    file: &Path,
    (body, length): (Body, u64),
    encoding: Option<&'static str>,
) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(file)),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if file.ends_with("index.html") {
            "no-cache, no-store, must-revalidate"
        } else {
            "public, max-age=604800, immutable"
        }),
    );
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    // Caches keep the encoded and the plain answer apart.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether an `Accept-Encoding` value allows `encoding` (by name or `*`,
/// with a quality above zero).
fn accepts(accept_encoding: &str, encoding: &str) -> bool {
    let mut named = None;
    let mut wildcard = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let quality = parts
            .filter_map(|part| part.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(encoding) {
            named = Some(quality > 0.0);
        } else if name == "*" {
            wildcard = Some(quality > 0.0);
        }
    }
    named.or(wildcard).unwrap_or(false)
}

/// A regular file as a streamed body and its length; folders and missing
/// files are `None`.
async fn open(file: &Path) -> Option<(Body, u64)> {
    let handle = tokio::fs::File::open(file).await.ok()?;
    let metadata = handle.metadata().await.ok()?;
    if !metadata.is_file() {
        return None;
    }
    let stream = tokio_util::io::ReaderStream::new(handle);
    Some((Body::from_stream(stream), metadata.len()))
}

async fn index(dist: &Path) -> Response {
    match open(&dist.join("index.html")).await {
        Some((body, length)) => {
            let mut response = index_response(body);
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            response
        }
        None => missing_index(dist),
    }
}

/// `index.html`'s answer with `body` (as it is on disk, or filled in).
pub fn index_response(body: impl Into<Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache, no-store, must-revalidate"),
        ],
        body.into(),
    )
        .into_response()
}

/// The answer when `dist` has no `index.html`.
fn missing_index(dist: &Path) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "No built page at {}: run `make dist` first.\n",
            dist.join("index.html").display()
        ),
    )
        .into_response()
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"code":"entity.not_found","message":"The requested resource does not exist."}"#,
    )
        .into_response()
}

/// Maps a URL path into `dist`, refusing anything that would leave it.
fn resolve(dist: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|part| !matches!(part, Component::Normal(_)))
    {
        return None;
    }
    Some(dist.join(relative))
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_by_name_wildcard_and_quality() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip, deflate, br, zstd", "gzip"));
        assert!(accepts("GZIP;q=0.5", "gzip"));
        assert!(accepts("*", "br"));
        assert!(!accepts("", "br"));
        assert!(!accepts("identity", "gzip"));
        assert!(!accepts("br;q=0, *", "br"));
        assert!(!accepts("*;q=0", "gzip"));
        assert!(accepts("gzip;q=0, *;q=0.1", "br"));
    }

    /// A dist with `app.js` and its variants, and `plain.css` without any.
    fn dist_with_variants() -> PathBuf {
        let dist = std::env::temp_dir().join(format!("logto-pages-spa-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        for (name, bytes) in [
            ("app.js", "plain"),
            ("app.js.br", "brotli"),
            ("app.js.gz", "gzip"),
            ("plain.css", "css"),
            ("index.html", "<html></html>"),
        ] {
            std::fs::write(dist.join(name), bytes).unwrap();
        }
        dist
    }

    async fn get(dist: &Path, path: &str, accept_encoding: &str) -> (Response, String) {
        let mut request = HeaderMap::new();
        request.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept_encoding).unwrap(),
        );
        let response = serve(dist, &path.parse().unwrap(), &request).await;
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
        (
            Response::from_parts(parts, Body::empty()),
            String::from_utf8(bytes.to_vec()).unwrap(),
        )
    }

    #[tokio::test]
    async fn serves_the_variant_the_browser_accepts() {
        let dist = dist_with_variants();
        let encoding = |response: &Response| {
            response
                .headers()
                .get(header::CONTENT_ENCODING)
                .map(|value| value.to_str().unwrap().to_owned())
        };
        let (response, body) = get(&dist, "/app.js", "gzip, deflate, br").await;
        assert_eq!(
            (encoding(&response).as_deref(), body.as_str()),
            (Some("br"), "brotli")
        );
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        assert_eq!(response.headers()[header::CONTENT_LENGTH], "6");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let (response, body) = get(&dist, "/app.js", "gzip").await;
        assert_eq!(
            (encoding(&response).as_deref(), body.as_str()),
            (Some("gzip"), "gzip")
        );
        let (response, body) = get(&dist, "/app.js", "identity").await;
        assert_eq!((encoding(&response), body.as_str()), (None, "plain"));
        let (response, body) = get(&dist, "/plain.css", "br").await;
        assert_eq!((encoding(&response), body.as_str()), (None, "css"));
        // index.html is never precompressed: core fills it in.
        let (response, body) = get(&dist, "/sign-in", "br").await;
        assert_eq!(
            (encoding(&response), body.as_str()),
            (None, "<html></html>")
        );
        let (response, _) = get(&dist, "/missing.js", "br").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        std::fs::remove_dir_all(dist).unwrap();
    }

    #[test]
    fn page_paths_have_no_dot_in_their_last_segment() {
        assert!(is_page_path("/sign-in"));
        assert!(is_page_path("/"));
        assert!(is_page_path("/v1.2/sign-in"));
        assert!(!is_page_path("/app.js"));
    }

    #[test]
    fn refuses_to_leave_dist() {
        let dist = Path::new("/srv/dist");
        assert_eq!(
            resolve(dist, "/app.js"),
            Some(PathBuf::from("/srv/dist/app.js"))
        );
        assert_eq!(resolve(dist, "/../etc/passwd"), None);
        assert_eq!(resolve(dist, "/a/../../x.js"), None);
    }
}
