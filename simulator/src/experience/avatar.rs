//! `POST /api/experience/user-assets/avatar`: a picture uploaded while
//! registering, for the `avatar` profile field (Logto's
//! `routes/experience/profile-routes.ts`, behind its dev-features switch in
//! 1.42; the upload itself is `utils/storage`). A multipart body with one
//! `file`; the answer is `{url}`, which the page then sends as the
//! profile's `avatar`. The simulator keeps the picture in memory and serves
//! it at `/__sim/user-assets/<id>`.

use axum::http::header;
use serde_json::json;

use super::{experience, Ctx, Reply};
use crate::{
    errors::{ApiError, ApiResult},
    state::{Event, UserAsset, MAX_USER_ASSETS},
    util,
};

/// Logto's `maxUploadFileSize`.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Image types an avatar may have (`allowUploadMimeTypes`, without the
/// icon and SVG types, which a picture of a person has no use for and a
/// server should not serve back from its origin).
const ALLOWED: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];

/// `body` is the raw request body, `None` when it exceeded the limit.
pub fn upload(ctx: &mut Ctx, body: Option<&[u8]>) -> ApiResult<Reply> {
    let content_type = ctx
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let body = body.ok_or_else(|| ApiError::new("guard.file_size_exceeded"))?;
    // koaGuard's `files` guard comes first: no `file` part is bad input.
    let (mime, bytes) = file_part(content_type, body).ok_or_else(ApiError::bad_body)?;
    let event = experience(ctx.interaction)?.event;
    if event == Event::ForgotPassword {
        return Err(ApiError::new("session.not_supported_for_forgot_password"));
    }
    if event != Event::Register {
        return Err(ApiError::new("session.invalid_interaction_type"));
    }
    if !ALLOWED.contains(&mime.as_str()) {
        return Err(ApiError::new("guard.mime_type_not_allowed"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ApiError::new("guard.file_size_exceeded"));
    }
    let id = util::id(21);
    let assets = &mut ctx.inner.user_assets;
    while assets.len() >= MAX_USER_ASSETS {
        assets.pop_front();
    }
    assets.push_back(UserAsset {
        id: id.clone(),
        content_type: mime,
        bytes: bytes.to_vec(),
    });
    let url = format!(
        "{}/__sim/user-assets/{id}",
        ctx.app.config.endpoint.trim_end_matches('/')
    );
    Ok(Reply::Json(json!({ "url": url })))
}

/// The `file` part of a `multipart/form-data` body: its `Content-Type`
/// (lower-cased) and its bytes.
fn file_part<'b>(content_type: &str, body: &'b [u8]) -> Option<(String, &'b [u8])> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params
        .split(';')
        .filter_map(|param| param.trim().split_once('='))
        .find(|(name, _)| name.eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| value.trim_matches('"'))?;
    let delimiter = format!("--{boundary}");
    let mut rest = body;
    loop {
        let start = find(rest, delimiter.as_bytes())? + delimiter.len();
        rest = rest.get(start..)?;
        if rest.starts_with(b"--") {
            return None;
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(rest.get(..head_end)?).ok()?;
        let data = rest.get(head_end + 4..)?;
        let end = find(data, format!("\r\n{delimiter}").as_bytes())?;
        let mut is_file = false;
        let mut mime = String::new();
        for line in head.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-disposition") {
                is_file = value
                    .split(';')
                    .any(|param| param.trim() == "name=\"file\"");
            } else if name.trim().eq_ignore_ascii_case("content-type") {
                mime = value.trim().to_ascii_lowercase();
            }
        }
        if is_file {
            return Some((mime, data.get(..end)?));
        }
        rest = data.get(end..)?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_part() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
Content-Type: image/PNG\r\n\r\n\x89PNG\r\n\x1a\n\r\n--XyZ--\r\n";
        let (mime, bytes) = file_part("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(mime, "image/png");
        assert_eq!(bytes, b"\x89PNG\r\n\x1a\n");
        assert_eq!(file_part("application/json", body), None);
        assert_eq!(
            file_part("multipart/form-data; boundary=XyZ", b"--XyZ--\r\n"),
            None
        );
    }
}
