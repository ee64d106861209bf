//! Google One Tap, as Logto runs it with its Google connector:
//!
//! - the experience settings carry `googleOneTap` (the Google connector's
//!   One Tap configuration, core's `GET /api/.well-known/sign-in-exp`);
//! - Google's script (`accounts.google.com/gsi/client`) posts the
//!   credential and its CSRF token as a form to `/callback/<connectorId>`,
//!   which core answers with a 303 to the same path with the form as query
//!   (`packages/core/src/routes/callback.ts`);
//! - `POST /api/experience/verification/social/<id>/verify` with a One Tap
//!   credential needs no verification id and creates its record; the
//!   double-submit cookie `g_csrf_token` must match, or, for a credential
//!   an application passed as `google_one_tap_credential` (external One
//!   Tap), the `_logto_google_one_tap_credential` cookie must; the latter
//!   is cleared after a verification (`verification-routes/
//!   social-verification.ts`, `libraries/social.ts`'s
//!   `verifySocialIdentity`);
//! - `/oidc/auth` with `google_one_tap_credential` keeps it in that cookie
//!   (10 s) and sends the browser to `/direct/social/<target>`
//!   (`libraries/session.ts`, `buildLoginPromptUrl`).
//!
//! The credential is not a Google ID token: the mock script asks this
//! server for one (`/__sim/mock-gsi/credential`), issued like the mock
//! IdP's codes, good once.

use std::{sync::Arc, time::Instant};

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Form, Json,
};
use serde_json::{json, Map, Value};

use crate::{
    errors::{ApiError, ApiResult},
    experience::cookie,
    state::{IdpCode, IdpProfile},
    util, AppState,
};

/// Google's double-submit CSRF cookie (`GoogleConnector.oneTapParams`).
pub const CSRF_COOKIE: &str = "g_csrf_token";
/// Where core keeps an application's credential (`logtoGoogleOneTapCookieKey`).
pub const CREDENTIAL_COOKIE: &str = "_logto_google_one_tap_credential";
/// The authorization parameter of external One Tap (`ExtraParamsKey`).
pub const CREDENTIAL_PARAM: &str = "google_one_tap_credential";

/// The Google connector's id: the one the settings' `googleOneTap` names
/// (core checks the connector's factory, which the simulator does not
/// model otherwise).
pub fn google_connector(settings: &Value) -> Option<&str> {
    settings.get("googleOneTap")?.get("connectorId")?.as_str()
}

/// Whether `connector_data` is a One Tap answer (connector-kit's
/// `isGoogleOneTap`: a string `credential`).
pub fn is_one_tap(connector_data: &Map<String, Value>) -> bool {
    connector_data
        .get("credential")
        .is_some_and(Value::is_string)
}

/// The cookie check of `verifySocialIdentity`: an external credential must
/// be the one core kept from the authorization request; the page's own
/// One Tap must carry Google's double-submit token.
pub fn check_cookies(headers: &HeaderMap, connector_data: &Map<String, Value>) -> ApiResult<()> {
    let text = |key: &str| connector_data.get(key).and_then(Value::as_str);
    if text(CREDENTIAL_PARAM).is_some() {
        if text("credential") != cookie(headers, CREDENTIAL_COOKIE).as_deref() {
            return Err(ApiError::new("session.google_one_tap.cookie_mismatch"));
        }
        return Ok(());
    }
    match (text(CSRF_COOKIE), cookie(headers, CSRF_COOKIE)) {
        (Some(sent), Some(kept)) if sent == kept => Ok(()),
        _ => Err(ApiError::new("session.csrf_token_mismatch")),
    }
}

/// `Set-Cookie` that removes core's copy of an external credential.
pub fn clear_credential_cookie() -> String {
    format!("{CREDENTIAL_COOKIE}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT")
}

/// `Set-Cookie` keeping an application's credential for the experience
/// (not `httpOnly`: the page reads it on `/direct`), for 10 s as core.
pub fn keep_credential_cookie(credential: &str) -> String {
    format!(
        "{CREDENTIAL_COOKIE}={}; path=/; max-age=10; samesite=lax",
        util::url_encode(credential)
    )
}

/// `POST /callback/<connectorId>`: a provider's form post becomes a GET of
/// the same path with the form as its query.
pub async fn callback_post(
    Path(connector): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let query = form
        .iter()
        .map(|(key, value)| format!("{}={}", util::url_encode(key), util::url_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    let location = format!("/callback/{}?{query}", util::url_encode(&connector));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// `POST /__sim/mock-gsi/credential`: a credential for the settings' Google
/// connector, vouching for the profile in the body (`sub`, `email`,
/// `name`); what Google would sign.
pub async fn issue_credential(
    State(app): State<Arc<AppState>>,
    Json(body): Json<Value>,
) -> Response {
    let Some(connector) = google_connector(&app.public_settings) else {
        return ApiError::new("connector.not_found").into_response();
    };
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_string);
    let credential = format!("mock-gsi.{}", util::token(32));
    let mut inner = app.lock();
    inner.collect_garbage();
    inner.idp_codes.insert(
        credential.clone(),
        IdpCode {
            connector_id: connector.to_string(),
            profile: IdpProfile {
                subject: text("sub").unwrap_or_else(|| "google-user-1".into()),
                email: text("email"),
                phone: None,
                name: text("name"),
            },
            created: Instant::now(),
        },
    );
    Json(json!({ "credential": credential })).into_response()
}

/// `GET /__sim/mock-gsi/client`: what the tests serve in place of Google's
/// script. It reads `#g_id_onload` as Google's HTML API does, shows a
/// prompt, and on "Continue" sets the CSRF cookie and posts the credential
/// to `data-login_uri`.
pub async fn mock_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        MOCK_SCRIPT,
    )
        .into_response()
}

const MOCK_SCRIPT: &str = r#"(() => {
  const onload = document.getElementById("g_id_onload");
  if (!onload || !onload.dataset.client_id || !onload.dataset.login_uri) return;
  const prompt = document.createElement("div");
  prompt.id = "mock-gsi-prompt";
  prompt.setAttribute("role", "dialog");
  prompt.setAttribute("aria-label", "Sign in with Google");
  prompt.style.cssText = "position:fixed;top:16px;right:16px;padding:16px;background:#fff;color:#000;border:1px solid #ccc;z-index:9999";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Continue as Google User";
  button.addEventListener("click", async () => {
    const profile = { sub: "google-user-1", email: "google.user@gmail.example", name: "Google User" };
    const { credential } = await (await fetch("/__sim/mock-gsi/credential", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(profile),
    })).json();
    const token = crypto.randomUUID();
    document.cookie = `g_csrf_token=${token}; path=/`;
    const form = document.createElement("form");
    form.method = "POST";
    form.action = onload.dataset.login_uri;
    for (const [name, value] of [["credential", credential], ["g_csrf_token", token], ["select_by", "btn"]]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  });
  prompt.append(button);
  document.body.append(prompt);
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn data(pairs: &[(&str, &str)]) -> Map<String, Value> {
        pairs
            .iter()
            .map(|(key, value)| (key.to_string(), json!(value)))
            .collect()
    }

    fn cookies(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, value.parse().unwrap());
        headers
    }

    #[test]
    fn the_pages_own_one_tap_needs_the_double_submit_cookie() {
        let sent = data(&[("credential", "c"), ("g_csrf_token", "t")]);
        assert!(check_cookies(&cookies("g_csrf_token=t"), &sent).is_ok());
        for jar in ["g_csrf_token=other", "x=y"] {
            let error = check_cookies(&cookies(jar), &sent).unwrap_err();
            assert_eq!(error.code, "session.csrf_token_mismatch");
        }
        let without = data(&[("credential", "c")]);
        assert!(check_cookies(&cookies("g_csrf_token=t"), &without).is_err());
    }

    #[test]
    fn an_external_credential_must_be_the_one_core_kept() {
        let sent = data(&[("credential", "c"), (CREDENTIAL_PARAM, "c")]);
        assert!(check_cookies(&cookies("_logto_google_one_tap_credential=c"), &sent).is_ok());
        let error =
            check_cookies(&cookies("_logto_google_one_tap_credential=d"), &sent).unwrap_err();
        assert_eq!(error.code, "session.google_one_tap.cookie_mismatch");
    }

    #[test]
    fn one_tap_data_has_a_string_credential() {
        assert!(is_one_tap(&data(&[("credential", "c")])));
        assert!(!is_one_tap(&data(&[("code", "c")])));
    }
}
