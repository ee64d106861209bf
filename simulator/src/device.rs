//! The OAuth 2.0 device authorization grant, the way Logto routes it to
//! its experience (`packages/core/src/oidc/device-flow.ts`,
//! `middleware/koa-device-flow-shortcut.ts`):
//!
//! 1. the device calls `POST /oidc/device/auth` and shows `user_code` and
//!    `verification_uri` (`/device`, Logto's shorthand of `/oidc/device`);
//! 2. `GET /device` without the xsrf cookie redirects to `/oidc/device`,
//!    which sets `_logto_device_flow_xsrf` (path `/device`) and redirects
//!    back to `/device` (with `?user_code=` when the link carried one), now
//!    served by the experience;
//! 3. the page posts `confirm=yes&user_code=&xsrf=` to `/oidc/device`: a
//!    wrong code redirects to `/device?error=<Name>&input_code=`, a good one
//!    starts an interaction and redirects to `/sign-in`;
//! 4. after sign-in, `/oidc/auth/<uid>` marks the code authorized, clears
//!    the cookie and redirects to `/device/success`; the device's
//!    `POST /oidc/token` then gets its tokens.

use std::{sync::Arc, time::Instant};

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

use crate::{
    experience::cookie,
    state::{AuthRequest, DeviceCode, Inner, Interaction},
    util::{self, parse_query, query_value, url_encode},
    AppState,
};

pub const XSRF_COOKIE: &str = "_logto_device_flow_xsrf";
/// oidc-provider's default user-code alphabet ("base-20", no vowels).
const CHARSET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
const TTL_SECONDS: u64 = 600;

fn redirect(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// A user code as oidc-provider compares them: upper case, only the
/// characters of its alphabet (dashes and spaces fall away).
pub fn normalize_user_code(input: &str) -> String {
    input
        .chars()
        .map(|ch| ch.to_ascii_uppercase())
        .filter(|ch| ch.is_ascii() && CHARSET.contains(&(*ch as u8)))
        .collect()
}

/// A fresh user code, `XXXX-XXXX`.
fn user_code() -> String {
    let mut bytes = [0u8; 8];
    util::random_bytes(&mut bytes);
    let chars: String = bytes
        .iter()
        .map(|byte| CHARSET[usize::from(*byte) % CHARSET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// The shared experience parameters `/device` keeps (app, organization, locale).
fn shared_params(query: &[(String, String)]) -> String {
    ["app_id", "organization_id", "ui_locales"]
        .iter()
        .filter_map(|name| {
            query_value(query, name)
                .filter(|value| !value.is_empty())
                .map(|value| format!("{name}={}", url_encode(value)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn device_page(shared: &str, extra: &[(&str, &str)]) -> String {
    let mut parts: Vec<String> = if shared.is_empty() {
        Vec::new()
    } else {
        vec![shared.to_string()]
    };
    parts.extend(
        extra
            .iter()
            .map(|(name, value)| format!("{name}={}", url_encode(value))),
    );
    if parts.is_empty() {
        "/device".into()
    } else {
        format!("/device?{}", parts.join("&"))
    }
}

/// `POST /oidc/device/auth` (form `client_id`, `scope`).
pub async fn authorize(State(app): State<Arc<AppState>>, body: Bytes) -> Response {
    let form = parse_query(std::str::from_utf8(&body).ok());
    let client_id = query_value(&form, "client_id").unwrap_or_default();
    if app.config.redirect_uri_of(client_id).is_none() {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client", "error_description": "client authentication failed"})),
        )
            .into_response();
    }
    let device_code = util::token(43);
    let code = user_code();
    let mut inner = app.lock();
    inner.collect_garbage();
    inner.device_codes.insert(
        device_code.clone(),
        DeviceCode {
            client_id: client_id.to_string(),
            user_code: normalize_user_code(&code),
            created: Instant::now(),
            used: false,
            user_id: None,
            consumed: false,
        },
    );
    let endpoint = app.config.endpoint.trim_end_matches('/');
    Json(json!({
        "device_code": device_code,
        "user_code": code,
        "verification_uri": format!("{endpoint}/device"),
        "verification_uri_complete": format!("{endpoint}/device?user_code={}", url_encode(&code)),
        "expires_in": TTL_SECONDS,
        "interval": 5,
    }))
    .into_response()
}

/// `GET /device`: to `/oidc/device` until the xsrf cookie is set, then the
/// experience's page.
pub async fn shortcut(State(app): State<Arc<AppState>>, headers: HeaderMap, uri: Uri) -> Response {
    if cookie(&headers, XSRF_COOKIE).is_none_or(|value| value.is_empty()) {
        let search = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return redirect(&format!("/oidc/device{search}"));
    }
    crate::page(State(app), uri, headers).await
}

/// `GET /oidc/device`: hands out the xsrf secret in a cookie and sends the
/// browser to the experience's `/device` (confirm mode with `user_code`).
pub async fn input(State(app): State<Arc<AppState>>, uri: Uri) -> Response {
    let query = parse_query(uri.query());
    let xsrf = util::token(32);
    let mut inner = app.lock();
    inner.collect_garbage();
    inner.device_xsrf.insert(xsrf.clone(), Instant::now());
    drop(inner);
    let shared = shared_params(&query);
    let location = match query_value(&query, "user_code").filter(|code| !code.is_empty()) {
        Some(code) => device_page(&shared, &[("user_code", code)]),
        None => device_page(&shared, &[]),
    };
    let mut response = redirect(&location);
    if let Ok(value) =
        format!("{XSRF_COOKIE}={xsrf}; path=/device; max-age={TTL_SECONDS}; samesite=lax").parse()
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `POST /oidc/device` (form `confirm`, `user_code`, `xsrf`).
pub async fn submit(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let query = parse_query(uri.query());
    let form = parse_query(std::str::from_utf8(&body).ok());
    let field = |name: &str| query_value(&form, name).unwrap_or_default().to_string();
    let shared = shared_params(&query);
    let mut inner = app.lock();
    inner.collect_garbage();
    if !inner.device_xsrf.contains_key(&field("xsrf")) {
        return oauth_error("invalid_request", "xsrf token invalid");
    }
    let typed = normalize_user_code(&field("user_code"));
    if typed.is_empty() {
        return redirect(&device_page(&shared, &[("error", "NoCodeError")]));
    }
    let found = inner
        .device_codes
        .iter()
        .find(|(_, code)| code.user_code == typed)
        .map(|(key, code)| (key.clone(), code.clone()));
    let Some((device_code, code)) = found else {
        return redirect(&device_page(
            &shared,
            &[
                ("error", "NotFoundError"),
                ("input_code", &field("user_code")),
            ],
        ));
    };
    if code.created.elapsed().as_secs() >= TTL_SECONDS {
        return redirect(&device_page(
            &shared,
            &[
                ("error", "ExpiredError"),
                ("input_code", &field("user_code")),
            ],
        ));
    }
    if code.used {
        return redirect(&device_page(
            &shared,
            &[
                ("error", "AlreadyUsedError"),
                ("input_code", &field("user_code")),
            ],
        ));
    }
    if field("confirm") != "yes" {
        return redirect(&device_page(&shared, &[("user_code", &code.user_code)]));
    }
    if let Some(entry) = inner.device_codes.get_mut(&device_code) {
        entry.used = true;
    }
    let key = begin(&mut inner, &headers, &code.client_id, &device_code);
    drop(inner);
    let mut location = format!("/sign-in?app_id={}", url_encode(&code.client_id));
    for name in ["organization_id", "ui_locales"] {
        if let Some(value) = query_value(&query, name).filter(|value| !value.is_empty()) {
            location.push_str(&format!("&{name}={}", url_encode(value)));
        }
    }
    let mut response = redirect(&location);
    if let Ok(value) = format!("_interaction={key}; path=/; samesite=lax; httponly").parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A new interaction that signs the device of `device_code` in; returns
/// the browser's cookie key.
fn begin(inner: &mut Inner, headers: &HeaderMap, client_id: &str, device_code: &str) -> String {
    let uid = util::token(43);
    let key = cookie(headers, "_interaction")
        .filter(|key| inner.browsers.contains_key(key) || inner.sessions.contains_key(key))
        .unwrap_or_else(|| util::token(32));
    inner.interactions.insert(
        uid.clone(),
        Interaction {
            uid: uid.clone(),
            app_id: client_id.to_string(),
            redirect_uri: String::new(),
            state: None,
            created: Instant::now(),
            experience: None,
            signed_in_user: None,
            passkey_preflight: None,
        },
    );
    inner.auth_requests.insert(
        uid.clone(),
        AuthRequest {
            scopes: vec!["openid".into()],
            resources: Vec::new(),
            device_code: Some(device_code.to_string()),
        },
    );
    inner.attach(&key, client_id, uid);
    key
}

/// The end of a device interaction in `/oidc/auth/<uid>`: the device code
/// is authorized for `user_id`; the browser goes to `/device/success`.
pub fn finish(inner: &mut Inner, device_code: &str, user_id: &str) -> Response {
    if let Some(code) = inner.device_codes.get_mut(device_code) {
        code.user_id = Some(user_id.to_string());
    }
    let mut response = redirect("/device/success");
    if let Ok(value) = format!("{XSRF_COOKIE}=; path=/device; max-age=0; samesite=lax").parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `POST /oidc/token` for `grant_type=urn:ietf:params:oauth:grant-type:device_code`
/// (the only grant the simulator serves there).
pub async fn token(State(app): State<Arc<AppState>>, body: Bytes) -> Response {
    let form = parse_query(std::str::from_utf8(&body).ok());
    if query_value(&form, "grant_type") != Some("urn:ietf:params:oauth:grant-type:device_code") {
        return oauth_error("unsupported_grant_type", "unsupported grant_type requested");
    }
    let device_code = query_value(&form, "device_code").unwrap_or_default();
    let mut inner = app.lock();
    let Some(code) = inner.device_codes.get_mut(device_code) else {
        return oauth_error("invalid_grant", "grant request is invalid");
    };
    if code.consumed {
        return oauth_error("invalid_grant", "grant request is invalid");
    }
    let Some(user_id) = code.user_id.clone() else {
        return oauth_error(
            "authorization_pending",
            "authorization request is still pending",
        );
    };
    code.consumed = true;
    let name = inner
        .user(&user_id)
        .map(|user| user.display_name())
        .unwrap_or_default();
    Json(json!({
        "access_token": util::token(43),
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": "openid",
        // Not OIDC: who signed the device in, for the tests and the demo.
        "sim_user": name,
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_normalize_like_oidc_provider() {
        assert_eq!(normalize_user_code("bcdf-ghjk"), "BCDFGHJK");
        assert_eq!(normalize_user_code(" BCDF GHJK "), "BCDFGHJK");
        assert_eq!(normalize_user_code("AEIO-0123"), "");
        let code = user_code();
        assert_eq!(code.len(), 9);
        assert_eq!(normalize_user_code(&code).len(), 8);
    }
}
