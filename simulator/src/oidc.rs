//! The OIDC side: `/oidc/auth` starts an interaction (cookie + redirect to
//! the sign-in page), `/oidc/auth/<uid>` resumes it after `submit` and sends
//! the browser to the application with a code. Also the demo application,
//! the mock identity provider and the simulator's own `/__sim` helpers.

use std::{sync::Arc, time::Instant};

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode, Uri},
    response::{Html, IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

use crate::{
    errors::ApiError,
    experience::cookie,
    one_tap,
    state::{AuthCode, AuthRequest, IdpCode, IdpProfile, Inner, Interaction, OneTimeToken},
    util::{self, html_escape, parse_query, query_value, url_encode},
    AppState,
};

/// The path part of the application's redirect URI, when it is a plain
/// path the router can serve besides `/demo-app/callback`.
pub fn callback_path(redirect_uri: &str) -> Option<String> {
    let rest = redirect_uri.split_once("://").map(|(_, rest)| rest)?;
    let path = rest.find('/').map(|start| &rest[start..])?;
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let plain = path
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '/' | '-' | '_' | '.'));
    let reserved = ["/api", "/oidc", "/__sim", "/demo-app", "/callback"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    (plain && path.len() > 1 && !path.ends_with('/') && !reserved).then(|| path.to_string())
}

fn redirect(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

/// The look of the simulator's own pages (the demo application, its
/// callback, the mock identity provider): a card like the sign-in page's,
/// light or dark with the system.
const PAGE_STYLE: &str = ":root{color-scheme:light dark;--bg:#f7f8f8;--card:#fff;--text:#191c1d;\
--muted:#5c5f60;--line:#c4c7c7;--brand:#6139f6}\
@media(prefers-color-scheme:dark){:root{--bg:#000;--card:#1a1c1d;--text:#f7f8f8;--muted:#a9acac;\
--line:#5c5f60}}\
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;padding:24px 16px;\
font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--text);background:var(--bg)}\
main{width:100%;max-width:420px;padding:32px 24px;border-radius:16px;background:var(--card);\
box-shadow:0 4px 24px rgb(0 0 0/.08)}.tag{margin:0 0 8px;font-size:.75rem;font-weight:600;\
letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}h1{font-size:1.5rem;line-height:1.3;\
margin:0 0 12px;overflow-wrap:anywhere}p{margin:0 0 16px;color:var(--muted)}code{overflow-wrap:anywhere}\
label{display:flex;flex-direction:column;gap:4px;margin:0 0 16px;font-size:.875rem;font-weight:500}\
input{font:inherit;color:inherit;background:var(--card);height:44px;padding:0 12px;\
border:1px solid var(--line);border-radius:8px}.actions{display:flex;gap:12px;margin-top:24px}\
.button,button{flex:1;display:grid;place-items:center;height:44px;padding:0 16px;font:inherit;\
font-weight:600;text-decoration:none;border-radius:8px;border:1px solid var(--line);color:var(--text);\
background:none;cursor:pointer}.primary{color:#fff;background:var(--brand);border-color:var(--brand)}\
:focus-visible{outline:3px solid rgb(97 57 246/.35);outline-offset:1px}\
.congrats{display:block;margin:0 auto 16px}";

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"icon\" href=\"/favicon.ico\" type=\"image/svg+xml\">\
         <style>{PAGE_STYLE}</style></head><body><main>{body}</main></body></html>",
        title = html_escape(title)
    );
    (status, Html(html)).into_response()
}

/// `/favicon.ico` when `dist/` has none: the simulator's mark, so that its
/// pages and the sign-in page do not log a 404.
pub const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
<rect width=\"32\" height=\"32\" rx=\"8\" fill=\"#6139f6\"/><path d=\"M10 9v14h12\" \
stroke=\"#fff\" stroke-width=\"3.5\" fill=\"none\" stroke-linecap=\"round\" \
stroke-linejoin=\"round\"/></svg>";

/// The picture of Logto's demo application once someone is signed in
/// (`img[alt="Congrats"]`, `packages/demo-app/src/App.tsx`), which Logto's
/// end-to-end tests wait for to know a flow (an MFA binding among them)
/// reached the application. Drawn here: a check mark among confetti.
const CONGRATS: &str = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 96 96'>\
<circle cx='48' cy='54' r='26' fill='#6139f6'/><path d='M36 54l8 8 16-17' fill='none' \
stroke='#fff' stroke-width='6' stroke-linecap='round' stroke-linejoin='round'/>\
<g fill='#ffb020'><rect x='12' y='20' width='8' height='8' rx='2' transform='rotate(25 16 24)'/>\
<circle cx='80' cy='22' r='4'/><circle cx='86' cy='64' r='3'/></g><g fill='#2fbf71'>\
<rect x='70' y='6' width='6' height='10' rx='2' transform='rotate(-30 73 11)'/>\
<circle cx='10' cy='62' r='4'/><circle cx='44' cy='10' r='3'/></g></svg>";

/// `GET /oidc/auth?client_id=...`: a new interaction, then the sign-in page.
pub async fn authorize(State(app): State<Arc<AppState>>, headers: HeaderMap, uri: Uri) -> Response {
    let query = parse_query(uri.query());
    let client_id = query_value(&query, "client_id").unwrap_or_default();
    let Some(registered) = app.config.redirect_uri_of(client_id) else {
        return ApiError::new("oidc.invalid_client")
            .with_message(format!("Unknown client_id {client_id:?}."))
            .into_response();
    };
    let redirect_uri = query_value(&query, "redirect_uri").unwrap_or(registered);
    if redirect_uri != registered {
        return ApiError::new("oidc.invalid_redirect_uri")
            .with_message("redirect_uri is not registered for this application.")
            .into_response();
    }
    let first_screen = match query_value(&query, "first_screen").unwrap_or_default() {
        "register" => "/register",
        "reset_password" => "/reset-password",
        "identifier:sign_in" => "/identifier-sign-in",
        "identifier:register" => "/identifier-register",
        "single_sign_on" => "/single-sign-on",
        _ => "/sign-in",
    };
    let base = app.config.experience_base();
    // An application's One Tap credential goes to the Google connector's
    // direct sign-in, the credential in a cookie (core's
    // `buildLoginPromptUrl`, `koa-experience-ssr`'s cookie).
    let one_tap = query_value(&query, one_tap::CREDENTIAL_PARAM)
        .filter(|credential| !credential.is_empty())
        .zip(one_tap::google_connector(&app.public_settings))
        .and_then(|(credential, id)| {
            let target = app.config.connectors.social(id)?.target.clone();
            Some((credential.to_string(), format!("social:{target}")))
        });
    let direct = query_value(&query, "direct_sign_in")
        .map(str::to_string)
        .or_else(|| one_tap.as_ref().map(|(_, direct)| direct.clone()));
    let mut location = match direct.as_deref().and_then(|value| value.split_once(':')) {
        Some((method, target)) => format!(
            "{base}/direct/{}/{}?fallback={}&",
            url_encode(method),
            url_encode(target),
            url_encode(first_screen.trim_start_matches('/'))
        ),
        None => format!("{base}{first_screen}?"),
    };
    location.push_str(&format!("app_id={}", url_encode(client_id)));
    for name in [
        "organization_id",
        "ui_locales",
        "login_hint",
        "identifier",
        "one_time_token",
    ] {
        if let Some(value) = query_value(&query, name) {
            location.push_str(&format!("&{name}={}", url_encode(value)));
        }
    }

    let uid = util::token(43);
    let mut inner = app.lock();
    inner.collect_garbage();
    let key = cookie(&headers, "_interaction")
        .filter(|key| inner.browsers.contains_key(key) || inner.sessions.contains_key(key))
        .unwrap_or_else(|| util::token(32));
    inner.auth_requests.insert(
        uid.clone(),
        AuthRequest {
            scopes: query_value(&query, "scope")
                .unwrap_or("openid")
                .split(' ')
                .filter(|scope| !scope.is_empty())
                .map(str::to_string)
                .collect(),
            resources: query
                .iter()
                .filter(|(name, _)| name == "resource")
                .map(|(_, value)| value.clone())
                .collect(),
            device_code: None,
        },
    );
    if let Some(to) = magic_link_with_session(&inner, &key, &query) {
        location = to;
    }
    inner.interactions.insert(
        uid.clone(),
        Interaction {
            uid: uid.clone(),
            app_id: client_id.to_string(),
            redirect_uri: redirect_uri.to_string(),
            state: query_value(&query, "state").map(str::to_string),
            created: Instant::now(),
            experience: None,
            signed_in_user: None,
            passkey_preflight: None,
        },
    );
    inner.attach(&key, client_id, uid);
    drop(inner);

    // What core's SSR reads back (appId, organizationId).
    let mut logto = json!({"appId": client_id});
    if let Some(organization_id) = query_value(&query, "organization_id") {
        logto["organizationId"] = organization_id.into();
    }
    let logto = url_encode(&logto.to_string());
    // `Secure` only when the browser talks HTTPS (through a proxy), as Logto.
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"));
    let secure = if secure { "; secure" } else { "" };
    let mut response = redirect(&location);
    let headers = response.headers_mut();
    let kept = one_tap.map(|(credential, _)| one_tap::keep_credential_cookie(&credential));
    for value in [
        format!("_interaction={key}; path=/; samesite=lax; httponly{secure}"),
        format!("_logto={logto}; path=/; samesite=lax{secure}"),
    ]
    .into_iter()
    .chain(kept)
    {
        if let Ok(value) = value.parse() {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `GET /oidc/auth/<uid>`: after a successful submit, back to the
/// application with a code; otherwise back to the sign-in page.
pub async fn resume(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Response {
    let mut inner = app.lock();
    let Some(interaction) = inner.interactions.get(&uid).cloned() else {
        return ApiError::session_not_found().into_response();
    };
    let Some(user_id) = interaction.signed_in_user else {
        return redirect(&format!(
            "{}/sign-in?app_id={}",
            app.config.experience_base(),
            url_encode(&interaction.app_id)
        ));
    };
    // The browser's session is this user now.
    if let Some(key) = cookie(&headers, "_interaction") {
        inner.sessions.insert(key, user_id.clone());
    }
    // Third-party applications (and applications that deny this user)
    // stop at the consent page first.
    if crate::consent::pending(&app, &inner, &uid, &interaction.app_id, &user_id) {
        return redirect(&crate::consent::consent_path(&interaction.app_id));
    }
    // The interaction is finished: it cannot be resumed twice.
    inner.interactions.remove(&uid);
    let device_code = inner
        .auth_requests
        .remove(&uid)
        .and_then(|request| request.device_code);
    if let Some(device_code) = device_code {
        return crate::device::finish(&mut inner, &device_code, &user_id);
    }
    let code = util::token(43);
    inner.auth_codes.insert(
        code.clone(),
        AuthCode {
            user_id,
            created: Instant::now(),
        },
    );
    let separator = if interaction.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut location = format!(
        "{}{separator}code={}",
        interaction.redirect_uri,
        url_encode(&code)
    );
    if let Some(state) = &interaction.state {
        location.push_str(&format!("&state={}", url_encode(state)));
    }
    redirect(&location)
}

/// Logto's consent guard (`middleware/koa-consent-guard.ts`) for a magic
/// link opened in a browser that is already signed in: someone else's link
/// goes to `/switch-account`, one's own to `/one-time-token` (or its error
/// page when the token cannot be used). `None` without a session or with
/// `prompt=login`.
fn magic_link_with_session(inner: &Inner, key: &str, query: &[(String, String)]) -> Option<String> {
    let token = query_value(query, "one_time_token").filter(|value| !value.is_empty())?;
    let hint = query_value(query, "login_hint").filter(|value| !value.is_empty())?;
    if query_value(query, "prompt").is_some_and(|prompt| prompt.split(' ').any(|p| p == "login")) {
        return None;
    }
    let user = inner.user(inner.sessions.get(key)?)?;
    let params = format!(
        "login_hint={}&one_time_token={}",
        url_encode(hint),
        url_encode(token)
    );
    if user.email.as_deref() != Some(hint) {
        return Some(format!("/switch-account?{params}"));
    }
    let error = match inner.one_time_tokens.get(token) {
        None => Some(ApiError::new("one_time_token.token_not_found").with_param("token", token)),
        Some(stored) if !stored.email.eq_ignore_ascii_case(hint) => {
            Some(ApiError::new("one_time_token.email_mismatch"))
        }
        Some(stored) if stored.expires_ms <= util::now_ms() => {
            Some(ApiError::new("one_time_token.token_expired"))
        }
        _ => None,
    };
    Some(match error {
        Some(error) => format!(
            "/one-time-token?errorMessage={}",
            url_encode(&error.message)
        ),
        None => format!("/one-time-token?{params}"),
    })
}

/// `GET /demo-app`: a start link for the demo application.
pub async fn demo_home(State(app): State<Arc<AppState>>) -> Response {
    let href = format!(
        "/oidc/auth?client_id={}&redirect_uri={}&response_type=code&scope=openid&state={}",
        url_encode(&app.config.app_id),
        url_encode(&app.config.redirect_uri),
        util::token(16)
    );
    page(
        StatusCode::OK,
        "Demo application",
        &format!(
            "<p class=\"tag\">Logto simulator</p><h1>Demo application</h1>\
             <p>An application that signs people in through the Logto simulator.</p>\
             <div class=\"actions\"><a class=\"button primary\" id=\"sign-in\" href=\"{}\">Sign in</a></div>",
            html_escape(&href)
        ),
    )
}

/// The demo application's redirect URI: shows who signed in.
pub async fn demo_callback(State(app): State<Arc<AppState>>, uri: Uri) -> Response {
    let query = parse_query(uri.query());
    if let Some(error) = query_value(&query, "error") {
        return page(
            StatusCode::BAD_REQUEST,
            "Sign-in failed",
            &format!(
                "<p class=\"tag\">Demo application</p><h1>Sign-in failed</h1><p>{}</p>\
                 <div class=\"actions\"><a class=\"button\" href=\"/demo-app\">Back</a></div>",
                html_escape(error)
            ),
        );
    }
    let code = query_value(&query, "code").unwrap_or_default();
    let mut inner = app.lock();
    let user = inner
        .auth_codes
        .remove(code)
        .and_then(|issued| inner.user(&issued.user_id).map(|user| user.display_name()));
    let Some(name) = user else {
        return page(
            StatusCode::BAD_REQUEST,
            "Sign-in failed",
            "<p class=\"tag\">Demo application</p><h1>Sign-in failed</h1>\
             <p>Unknown or already used authorization code.</p>\
             <div class=\"actions\"><a class=\"button\" href=\"/demo-app\">Back</a></div>",
        );
    };
    let state = query_value(&query, "state").unwrap_or_default();
    page(
        StatusCode::OK,
        "Signed in",
        &format!(
            "<img class=\"congrats\" src=\"data:image/svg+xml,{}\" alt=\"Congrats\" width=\"96\" height=\"96\">\
             <p class=\"tag\">Demo application</p><h1 id=\"signed-in\">Signed in as {}</h1>\
             <p>The application received an authorization code for this person. \
             state: <code id=\"state\">{}</code></p>\
             <div class=\"actions\"><a class=\"button\" href=\"/demo-app\">Sign in again</a></div>",
            url_encode(CONGRATS),
            html_escape(&name),
            html_escape(state)
        ),
    )
}

/// `GET /__sim/user-assets/<id>`: an avatar uploaded while registering.
/// Only the image types the upload accepts are stored; the answer may not
/// be sniffed as anything else nor run anything.
pub async fn user_asset(State(app): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let inner = app.lock();
    match inner.user_assets.iter().find(|asset| asset.id == id) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type.clone()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'".to_owned(),
                ),
            ],
            asset.bytes.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /__sim/outbox`: every verification code "sent", newest last.
pub async fn outbox(State(app): State<Arc<AppState>>) -> Json<Value> {
    let inner = app.lock();
    Json(json!(inner.outbox.iter().collect::<Vec<_>>()))
}

/// `POST /__sim/one-time-tokens {email, expiresIn?}`: what the Management
/// API's `POST /api/one-time-tokens` does, without authentication.
pub async fn create_one_time_token(State(app): State<Arc<AppState>>, body: Bytes) -> Response {
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return ApiError::bad_body().into_response();
    };
    let Some(email) = body
        .get("email")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return ApiError::invalid_type(&["email"], "string", "undefined").into_response();
    };
    let expires_in = body
        .get("expiresIn")
        .and_then(Value::as_u64)
        .unwrap_or(600)
        .min(30 * 86_400);
    let token = util::token(32);
    let id = util::id(21);
    let created = util::now_ms();
    let expires = created + u128::from(expires_in) * 1000;
    let mut inner = app.lock();
    inner.collect_garbage();
    inner.one_time_tokens.insert(
        token.clone(),
        OneTimeToken {
            id: id.clone(),
            email: email.clone(),
            expires_ms: expires,
            consumed: false,
            revoked: false,
        },
    );
    (
        StatusCode::CREATED,
        Json(
            json!({"tenantId": "default", "id": id, "email": email, "token": token, "context": {},
                    "status": "active", "createdAt": created as u64, "expiresAt": expires as u64}),
        ),
    )
        .into_response()
}

/// `PUT /__sim/one-time-tokens/<id>/status {status}`: like the Management
/// API's `PUT /api/one-time-tokens/:id/status` (routes/one-time-tokens.ts);
/// `revoked` makes the magic link answer `one_time_token.token_revoked`.
pub async fn set_one_time_token_status(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let status = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| body.get("status")?.as_str().map(str::to_string));
    const STATUSES: [&str; 4] = ["active", "consumed", "revoked", "expired"];
    let Some(status) = status.filter(|status| STATUSES.contains(&status.as_str())) else {
        return ApiError::invalid_enum(&["status"], &STATUSES, "").into_response();
    };
    let mut inner = app.lock();
    let Some(token) = inner
        .one_time_tokens
        .values_mut()
        .find(|token| token.id == id)
    else {
        return ApiError::new("entity.not_exists_with_id")
            .with_param("name", "one_time_tokens")
            .with_param("id", &id)
            .into_response();
    };
    token.consumed = status == "consumed";
    token.revoked = status == "revoked";
    if status == "expired" {
        token.expires_ms = util::now_ms();
    }
    Json(json!({"id": token.id, "email": token.email, "status": status})).into_response()
}

/// The mock IdP's login page for a social or SSO connector.
pub async fn mock_idp_page(
    State(app): State<Arc<AppState>>,
    Path(connector): Path<String>,
    uri: Uri,
) -> Response {
    let query = parse_query(uri.query());
    let name = app
        .config
        .connectors
        .social(&connector)
        .map(|found| found.name.clone())
        .or_else(|| {
            app.config
                .connectors
                .sso(&connector)
                .map(|found| found.name.clone())
        });
    let Some(name) = name else {
        return ApiError::new("entity.not_found").into_response();
    };
    let field = |key: &str| html_escape(query_value(&query, key).unwrap_or_default());
    let body = format!(
        "<p class=\"tag\">Mock identity provider</p><h1>{name}</h1>\
         <p>The simulator's stand-in for a social or enterprise provider: \
         choose who signs in.</p>\
         <form method=\"get\" action=\"/__sim/mock-idp/{connector}/authorize\">\
         <input type=\"hidden\" name=\"state\" value=\"{state}\">\
         <input type=\"hidden\" name=\"redirect_uri\" value=\"{redirect}\">\
         <label>User id at the provider <input name=\"sub\" value=\"mock-user-1\"></label>\
         <label>E-mail <input name=\"email\" type=\"email\" value=\"mock.user@example.com\"></label>\
         <label>Name <input name=\"name\" value=\"Mock User\"></label>\
         <div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>\
         <button class=\"primary\" type=\"submit\" name=\"decision\" value=\"allow\">Continue</button>\
         </div></form>",
        name = html_escape(&name),
        connector = html_escape(&url_encode(&connector)),
        state = field("state"),
        redirect = field("redirect_uri"),
    );
    page(StatusCode::OK, &name, &body)
}

/// The mock IdP's form target: issues a code and redirects to the
/// experience's `/callback/<connectorId>`.
pub async fn mock_idp_authorize(
    State(app): State<Arc<AppState>>,
    Path(connector): Path<String>,
    uri: Uri,
) -> Response {
    let query = parse_query(uri.query());
    let value = |key: &str| {
        query_value(&query, key)
            .filter(|value| !value.is_empty())
            .map(str::to_string)
    };
    let redirect_uri = value("redirect_uri").unwrap_or_default();
    // Only back into this server's callback route (no open redirect).
    let path = match redirect_uri.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map(|start| &rest[start..])
            .unwrap_or_default(),
        None => redirect_uri.as_str(),
    };
    let callback = format!("{}/callback/", app.config.experience_base());
    if !path.starts_with(&callback) {
        return ApiError::new("guard.invalid_input")
            .with_message("redirect_uri must be this server's /callback/<connectorId>.")
            .into_response();
    }
    let state = url_encode(&value("state").unwrap_or_default());
    if value("decision").as_deref() == Some("deny") {
        return redirect(&format!("{redirect_uri}?error=access_denied&state={state}"));
    }
    let code = util::token(32);
    let mut inner = app.lock();
    inner.collect_garbage();
    inner.idp_codes.insert(
        code.clone(),
        IdpCode {
            connector_id: connector,
            profile: IdpProfile {
                subject: value("sub").unwrap_or_else(|| "mock-user-1".into()),
                email: value("email"),
                phone: value("phone"),
                name: value("name"),
            },
            created: Instant::now(),
        },
    );
    redirect(&format!("{redirect_uri}?code={code}&state={state}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_paths() {
        assert_eq!(
            callback_path("http://localhost:8080/demo-app/callback"),
            None
        );
        assert_eq!(
            callback_path("http://localhost:3000/app/callback"),
            Some("/app/callback".into())
        );
        assert_eq!(callback_path("http://x/{bad}"), None);
        assert_eq!(callback_path("http://x/api/x"), None);
        assert_eq!(callback_path("not a url"), None);
        assert_eq!(callback_path("http://x/callback/abc"), None);
    }

    #[test]
    fn odd_redirect_uris_do_not_break_the_router() {
        for uri in [
            "http://x/a//b",
            "http://x/..",
            "http://x/a.b/c-d_e",
            "http://x",
            "x://",
        ] {
            let mut config = crate::Config::new(
                "/nonexistent".into(),
                crate::CspMode::Production,
                "http://x".into(),
                crate::default_settings(),
            );
            config.redirect_uri = uri.into();
            config.hash_iterations = 1;
            let _ = crate::router(config);
        }
    }
}
