//! Serves the built page the way Logto serves a custom sign-in UI: a path
//! whose last segment has a dot is a file (404 if absent), every other path
//! gets `index.html`, never cached, so that deep links like
//! `/sign-in/password` load the app.

use std::path::{Component, Path, PathBuf};

use axum::{
    body::Body,
    http::{header, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
};

/// Answers a GET for `uri` from the `dist` folder.
pub async fn serve(dist: &Path, uri: &Uri) -> Response {
    let path = uri.path();
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    if !last_segment.contains('.') {
        return index(dist).await;
    }
    let Some(file) = resolve(dist, path) else {
        return not_found();
    };
    match open(&file).await {
        Some((body, length)) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&file)),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(if file.ends_with("index.html") {
                    "no-cache, no-store, must-revalidate"
                } else {
                    "public, max-age=604800, immutable"
                }),
            );
            response
        }
        None => not_found(),
    }
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
        Some((body, length)) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache, no-store, must-revalidate"),
            ],
            [(header::CONTENT_LENGTH, length)],
            body,
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "No built page at {}: run `make dist` first.\n",
                dist.join("index.html").display()
            ),
        )
            .into_response(),
    }
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
