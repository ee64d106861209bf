//! The HTTP client: one async method per endpoint.
//!
//! Building a request ([`Client::prepare`]) and decoding an answer (the
//! functions in [`super::error`]) are pure, so both are tested natively;
//! sending goes through the client's [`Transport`]: by default the
//! browser's `fetch` ([`transport`], through `gloo-net`), which outside
//! WebAssembly answers [`ApiError::Network`].

use std::sync::Arc;

use serde::Serialize;

use super::error::{decode_empty, decode_json, decode_optional_json, ApiError};
use super::experience::*;
use super::json::FromJson;
use super::phrases::Phrases;
use super::settings::ExperienceSettings;
use super::transport::Transport;

const EXPERIENCE: &str = "/api/experience";
const WELL_KNOWN: &str = "/api/.well-known";

/// The time after which a call fails with [`ApiError::Timeout`], as in the
/// official client.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
        }
    }
}

/// A request ready for the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

/// What the transport got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    /// The `Content-Language` header (only the phrases endpoint sends it).
    pub content_language: Option<String>,
    /// The `Retry-After` header in seconds (a rate limit's answer; an
    /// HTTP date is not read).
    pub retry_after: Option<u32>,
    pub body: Vec<u8>,
}

/// How `POST /identification` succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identification {
    /// `204`: an existing user was identified.
    Identified,
    /// `201`: a `Register` interaction created the user.
    Registered,
}

/// A client of one Logto tenant, used from a page on the Logto origin.
///
/// The interaction cookie is `httpOnly`, so requests rely on the browser's
/// same-origin credentials; the client itself keeps no session state.
#[derive(Clone)]
pub struct Client {
    /// Prefix of every path; `""` means the page's own origin.
    pub base: String,
    /// The `app_id` the page was opened with, sent as `Logto-App-Id` so that
    /// the server picks this application's interaction.
    pub app_id: Option<String>,
    /// Sent as `Accept-Language` (localizes error messages); `None` leaves
    /// the browser's own header.
    pub language: Option<String>,
    pub timeout_ms: u32,
    /// How requests are sent: the browser's `fetch` unless
    /// [`Self::with_transport`] says otherwise.
    pub transport: Arc<dyn Transport>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("app_id", &self.app_id)
            .field("language", &self.language)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

/// Equal when they send the same requests the same way.
impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        self.base == other.base
            && self.app_id == other.app_id
            && self.language == other.language
            && self.timeout_ms == other.timeout_ms
            && std::ptr::addr_eq(Arc::as_ptr(&self.transport), Arc::as_ptr(&other.transport))
    }
}

impl Default for Client {
    fn default() -> Self {
        Self {
            base: String::new(),
            app_id: None,
            language: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            transport: super::transport::fetch(),
        }
    }
}

impl Client {
    /// A client of the Logto at `base` (`""`: this page's origin).
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            ..Self::default()
        }
    }

    pub fn with_app_id(mut self, app_id: Option<String>) -> Self {
        self.app_id = app_id.filter(|id| !id.is_empty());
        self
    }

    /// Sends through `transport` instead of the browser's `fetch`.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    pub fn with_language(mut self, language: Option<String>) -> Self {
        self.language = language.filter(|tag| !tag.is_empty());
        self
    }

    /// The request for `path` (which may carry a query) with the headers
    /// every call sends.
    pub fn prepare(&self, method: Method, path: &str, body: Option<String>) -> PreparedRequest {
        let mut headers = Vec::with_capacity(3);
        if let Some(language) = &self.language {
            headers.push(("Accept-Language", language.clone()));
        }
        if let Some(app_id) = &self.app_id {
            headers.push(("Logto-App-Id", app_id.clone()));
        }
        if body.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        PreparedRequest {
            method,
            url: format!("{}{}", self.base.trim_end_matches('/'), path),
            headers,
            body,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<RawResponse, ApiError> {
        let response = self
            .transport
            .send(self.prepare(method, path, body), self.timeout_ms)
            .await?;
        rate_limited(&response).map_or(Ok(response), Err)
    }

    async fn json<T: FromJson>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let response = self.send(method, path, body).await?;
        decode_json(response.status, &response.body)
    }

    async fn empty(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<(), ApiError> {
        let response = self.send(method, path, body).await?;
        decode_empty(response.status, &response.body)
    }

    // -- Well-known -------------------------------------------------------

    /// `GET /api/.well-known/experience?appId=&organizationId=`: settings
    /// merged with the application's and organization's branding.
    pub async fn experience_settings(
        &self,
        organization_id: Option<&str>,
    ) -> Result<ExperienceSettings, ApiError> {
        let path = with_query(
            &format!("{WELL_KNOWN}/experience"),
            &[
                ("appId", self.app_id.as_deref()),
                ("organizationId", organization_id),
            ],
        );
        self.json(Method::Get, &path, None).await
    }

    /// `GET /api/.well-known/sign-in-exp`: the older alias of
    /// [`Self::experience_settings`], same shape.
    pub async fn sign_in_exp(&self) -> Result<ExperienceSettings, ApiError> {
        self.json(Method::Get, &format!("{WELL_KNOWN}/sign-in-exp"), None)
            .await
    }

    /// `GET /api/.well-known/phrases?lng=`: `lng` is the space-separated
    /// `ui_locales`; the resolved language comes back in `Phrases::language`.
    pub async fn phrases(&self, lng: Option<&str>) -> Result<Phrases, ApiError> {
        let path = with_query(&format!("{WELL_KNOWN}/phrases"), &[("lng", lng)]);
        let response = self.send(Method::Get, &path, None).await?;
        Phrases::from_response(
            response.status,
            response.content_language.as_deref(),
            &response.body,
        )
    }

    // -- Interaction ------------------------------------------------------

    /// `PUT /api/experience`: start a fresh interaction, dropping all state.
    pub async fn start(&self, request: &InteractionEventRequest) -> Result<(), ApiError> {
        self.empty(Method::Put, EXPERIENCE, encode(request)?).await
    }

    /// `PUT /api/experience/interaction-event`: switch the event, keeping
    /// verification records.
    pub async fn set_interaction_event(
        &self,
        request: &InteractionEventRequest,
    ) -> Result<(), ApiError> {
        self.empty(
            Method::Put,
            &format!("{EXPERIENCE}/interaction-event"),
            encode(request)?,
        )
        .await
    }

    /// `POST /api/experience/identification`.
    pub async fn identify(
        &self,
        request: &IdentificationRequest,
    ) -> Result<Identification, ApiError> {
        let response = self
            .send(
                Method::Post,
                &format!("{EXPERIENCE}/identification"),
                encode(request)?,
            )
            .await?;
        decode_empty(response.status, &response.body)?;
        Ok(if response.status == 201 {
            Identification::Registered
        } else {
            Identification::Identified
        })
    }

    /// `POST /api/experience/submit`: `Some(redirectTo)` for `SignIn` and
    /// `Register`; `None` when a `ForgotPassword` interaction is done (the
    /// user is not signed in).
    pub async fn submit(&self) -> Result<Option<RedirectResponse>, ApiError> {
        let response = self
            .send(Method::Post, &format!("{EXPERIENCE}/submit"), None)
            .await?;
        decode_optional_json(response.status, &response.body)
    }

    /// `GET /api/experience/interaction`.
    pub async fn interaction(&self) -> Result<InteractionState, ApiError> {
        self.json(Method::Get, &format!("{EXPERIENCE}/interaction"), None)
            .await
    }

    /// `GET /api/experience/sso-connectors?email=`.
    pub async fn sso_connectors(&self, email: &str) -> Result<SsoConnectorsResponse, ApiError> {
        let path = with_query(
            &format!("{EXPERIENCE}/sso-connectors"),
            &[("email", Some(email))],
        );
        self.json(Method::Get, &path, None).await
    }

    /// `POST /api/experience/preflight/sign-in-passkey/authentication`.
    pub async fn passkey_preflight(&self) -> Result<PasskeyPreflightResponse, ApiError> {
        self.json(
            Method::Post,
            &format!("{EXPERIENCE}/preflight/sign-in-passkey/authentication"),
            None,
        )
        .await
    }

    // -- Verification -----------------------------------------------------

    async fn verification<T: FromJson>(
        &self,
        route: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        self.json(
            Method::Post,
            &format!("{EXPERIENCE}/verification/{route}"),
            body,
        )
        .await
    }

    /// `POST /verification/password`.
    pub async fn verify_password(
        &self,
        request: &PasswordRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("password", encode(request)?).await
    }

    /// `POST /verification/verification-code` (send or resend).
    pub async fn send_verification_code(
        &self,
        request: &SendVerificationCodeRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("verification-code", encode(request)?)
            .await
    }

    /// `POST /verification/verification-code/verify`.
    pub async fn verify_verification_code(
        &self,
        request: &VerifyVerificationCodeRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("verification-code/verify", encode(request)?)
            .await
    }

    /// `POST /verification/mfa-verification-code`.
    pub async fn send_mfa_verification_code(
        &self,
        request: &SendMfaVerificationCodeRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("mfa-verification-code", encode(request)?)
            .await
    }

    /// `POST /verification/mfa-verification-code/verify`.
    pub async fn verify_mfa_verification_code(
        &self,
        request: &VerifyMfaVerificationCodeRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("mfa-verification-code/verify", encode(request)?)
            .await
    }

    /// `POST /verification/social/:connectorId/authorization-uri`.
    pub async fn social_authorization_uri(
        &self,
        connector_id: &str,
        request: &AuthorizationUriRequest,
    ) -> Result<AuthorizationUriResponse, ApiError> {
        let route = format!(
            "social/{}/authorization-uri",
            encode_component(connector_id)
        );
        self.verification(&route, encode(request)?).await
    }

    /// `POST /verification/social/:connectorId/verify`.
    pub async fn social_verify(
        &self,
        connector_id: &str,
        request: &ConnectorVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        let route = format!("social/{}/verify", encode_component(connector_id));
        self.verification(&route, encode(request)?).await
    }

    /// `POST /verification/sso/:connectorId/authorization-uri`.
    pub async fn sso_authorization_uri(
        &self,
        connector_id: &str,
        request: &AuthorizationUriRequest,
    ) -> Result<AuthorizationUriResponse, ApiError> {
        let route = format!("sso/{}/authorization-uri", encode_component(connector_id));
        self.verification(&route, encode(request)?).await
    }

    /// `POST /verification/sso/:connectorId/verify`.
    pub async fn sso_verify(
        &self,
        connector_id: &str,
        request: &ConnectorVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        let route = format!("sso/{}/verify", encode_component(connector_id));
        self.verification(&route, encode(request)?).await
    }

    /// `POST /verification/totp/secret` (needs an identified user).
    pub async fn totp_secret(&self) -> Result<TotpSecretResponse, ApiError> {
        self.verification("totp/secret", None).await
    }

    /// `POST /verification/totp/verify`.
    pub async fn totp_verify(
        &self,
        request: &TotpVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("totp/verify", encode(request)?).await
    }

    /// `POST /verification/web-authn/registration`.
    pub async fn web_authn_registration(&self) -> Result<WebAuthnRegistrationResponse, ApiError> {
        self.verification("web-authn/registration", None).await
    }

    /// `POST /verification/web-authn/registration/verify`.
    pub async fn web_authn_registration_verify(
        &self,
        request: &WebAuthnVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("web-authn/registration/verify", encode(request)?)
            .await
    }

    /// `POST /verification/web-authn/authentication` (MFA).
    pub async fn web_authn_authentication(
        &self,
    ) -> Result<WebAuthnAuthenticationResponse, ApiError> {
        self.verification("web-authn/authentication", None).await
    }

    /// `POST /verification/web-authn/authentication/verify`.
    pub async fn web_authn_authentication_verify(
        &self,
        request: &WebAuthnVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("web-authn/authentication/verify", encode(request)?)
            .await
    }

    /// `POST /verification/sign-in-passkey/authentication` (identifier-first
    /// passkey; `session.mfa.webauthn_verification_not_found` means "no
    /// passkey, continue with password or code").
    pub async fn sign_in_passkey_authentication(
        &self,
        request: &SignInPasskeyRequest,
    ) -> Result<WebAuthnAuthenticationResponse, ApiError> {
        self.verification("sign-in-passkey/authentication", encode(request)?)
            .await
    }

    /// `POST /verification/sign-in-passkey/authentication/verify`.
    pub async fn sign_in_passkey_verify(
        &self,
        request: &WebAuthnVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("sign-in-passkey/authentication/verify", encode(request)?)
            .await
    }

    /// `POST /verification/backup-code/generate`.
    pub async fn backup_code_generate(&self) -> Result<BackupCodesResponse, ApiError> {
        self.verification("backup-code/generate", None).await
    }

    /// `POST /verification/backup-code/verify`.
    pub async fn backup_code_verify(
        &self,
        request: &BackupCodeVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("backup-code/verify", encode(request)?)
            .await
    }

    /// `POST /verification/new-password-identity` (username + password in
    /// one record, for `Register`).
    pub async fn new_password_identity(
        &self,
        request: &PasswordRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("new-password-identity", encode(request)?)
            .await
    }

    /// `POST /verification/one-time-token/verify` (magic link).
    pub async fn one_time_token_verify(
        &self,
        request: &OneTimeTokenVerifyRequest,
    ) -> Result<VerificationIdResponse, ApiError> {
        self.verification("one-time-token/verify", encode(request)?)
            .await
    }

    // -- Profile ----------------------------------------------------------

    /// `POST /api/experience/profile`.
    pub async fn add_profile(&self, request: &ProfileRequest) -> Result<(), ApiError> {
        self.empty(
            Method::Post,
            &format!("{EXPERIENCE}/profile"),
            encode(request)?,
        )
        .await
    }

    /// `PUT /api/experience/profile/password` (`ForgotPassword`).
    pub async fn update_password(&self, request: &UpdatePasswordRequest) -> Result<(), ApiError> {
        self.empty(
            Method::Put,
            &format!("{EXPERIENCE}/profile/password"),
            encode(request)?,
        )
        .await
    }

    /// `POST /api/experience/profile/mfa`.
    pub async fn bind_mfa(&self, request: &BindMfaRequest) -> Result<(), ApiError> {
        self.empty(
            Method::Post,
            &format!("{EXPERIENCE}/profile/mfa"),
            encode(request)?,
        )
        .await
    }

    async fn mfa_flag(&self, route: &str, body: Option<String>) -> Result<(), ApiError> {
        self.empty(
            Method::Post,
            &format!("{EXPERIENCE}/profile/mfa/{route}"),
            body,
        )
        .await
    }

    /// `POST /profile/mfa/mfa-enabled`: "turn on 2-step verification".
    pub async fn mfa_enabled(&self) -> Result<(), ApiError> {
        self.mfa_flag("mfa-enabled", None).await
    }

    /// `POST /profile/mfa/mfa-skipped`: skip optional MFA binding.
    pub async fn mfa_skipped(&self) -> Result<(), ApiError> {
        self.mfa_flag("mfa-skipped", None).await
    }

    /// `POST /profile/mfa/mfa-suggestion-skipped`.
    pub async fn mfa_suggestion_skipped(&self) -> Result<(), ApiError> {
        self.mfa_flag("mfa-suggestion-skipped", None).await
    }

    /// `POST /profile/mfa/passkey`: bind a sign-in passkey.
    pub async fn bind_passkey(&self, request: &VerificationIdRequest) -> Result<(), ApiError> {
        self.mfa_flag("passkey", encode(request)?).await
    }

    /// `POST /profile/mfa/passkey-skipped`.
    pub async fn passkey_skipped(&self) -> Result<(), ApiError> {
        self.mfa_flag("passkey-skipped", None).await
    }

    /// `POST /profile/mfa/trusted-device` (only with dev features on).
    pub async fn trust_device(&self) -> Result<(), ApiError> {
        self.mfa_flag("trusted-device", None).await
    }

    // -- Legacy consent ---------------------------------------------------

    /// `GET /api/interaction/consent`.
    pub async fn consent_info(&self) -> Result<ConsentInfo, ApiError> {
        self.json(Method::Get, "/api/interaction/consent", None)
            .await
    }

    /// `POST /api/interaction/consent`.
    pub async fn consent(&self, request: &ConsentRequest) -> Result<RedirectResponse, ApiError> {
        self.json(Method::Post, "/api/interaction/consent", encode(request)?)
            .await
    }

    /// `POST /api/experience/user-assets/avatar` (multipart, one `file`):
    /// the picture's public URL. A binary body, so it goes straight to
    /// `fetch` rather than through the (JSON) transport; the browser sets
    /// the multipart `Content-Type` with its boundary.
    #[cfg(feature = "full")]
    pub async fn upload_avatar(&self, body: web_sys::FormData) -> Result<String, ApiError> {
        let path = format!("{EXPERIENCE}/user-assets/avatar");
        let request = self.prepare(Method::Post, &path, None);
        #[cfg(target_arch = "wasm32")]
        let response = {
            let network = |error: gloo_net::Error| ApiError::Network {
                message: error.to_string(),
            };
            let mut builder = gloo_net::http::Request::post(&request.url);
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let built = builder.body(body).map_err(network)?;
            let exchange = async move { read(built.send().await.map_err(network)?).await };
            with_timeout(exchange, self.timeout_ms.max(30_000)).await?
        };
        #[cfg(not(target_arch = "wasm32"))]
        let response = {
            let _ = body;
            transport(request, self.timeout_ms).await?
        };
        let value = super::error::decode_value(response.status, &response.body)?;
        super::json::object(&value)
            .and_then(|uploaded| super::json::required(uploaded, "url"))
            .map_err(|mismatch| super::error::malformed(response.status, mismatch))
    }
}

/// A `429` that Logto did not give a code (a gateway's or proxy's rate
/// limit) as [`ApiError::TooManyRequests`]; Logto's own coded `429`s are
/// decoded as any other error.
fn rate_limited(response: &RawResponse) -> Option<ApiError> {
    let coded = || {
        ApiError::from_response(response.status, &response.body)
            .code()
            .is_some_and(|code| !code.as_str().is_empty())
    };
    (response.status == 429 && !coded()).then_some(ApiError::TooManyRequests {
        retry_after: response.retry_after,
    })
}

/// Serialises a request body.
pub fn encode<B: Serialize>(body: &B) -> Result<Option<String>, ApiError> {
    serde_json::to_string(body)
        .map(Some)
        .map_err(|error| ApiError::InvalidRequest {
            message: error.to_string(),
        })
}

/// `path?name=value&...` for the parameters that are set.
pub fn with_query(path: &str, params: &[(&str, Option<&str>)]) -> String {
    let mut url = path.to_owned();
    let mut separator = '?';
    for (name, value) in params {
        if let Some(value) = value {
            url.push(separator);
            url.push_str(name);
            url.push('=');
            url.push_str(&encode_component(value));
            separator = '&';
        }
    }
    url
}

/// Percent-encodes like JavaScript's `encodeURIComponent`.
pub fn encode_component(value: &str) -> String {
    let hex = |nibble: u8| {
        char::from_digit(u32::from(nibble), 16).map_or('0', |digit| digit.to_ascii_uppercase())
    };
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex(byte >> 4));
            out.push(hex(byte & 0xf));
        }
    }
    out
}

/// Sends a request with the browser's `fetch`.
#[cfg(target_arch = "wasm32")]
pub async fn transport(request: PreparedRequest, timeout_ms: u32) -> Result<RawResponse, ApiError> {
    use gloo_net::http::Request;

    fn network(error: gloo_net::Error) -> ApiError {
        ApiError::Network {
            message: error.to_string(),
        }
    }

    let mut builder = match request.method {
        Method::Get => Request::get(&request.url),
        Method::Post => Request::post(&request.url),
        Method::Put => Request::put(&request.url),
    };
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match request.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(network)?;

    let exchange = async move { read(built.send().await.map_err(network)?).await };
    with_timeout(exchange, timeout_ms).await
}

/// Reads a `fetch` answer the page itself already started: `promise` is
/// what `fetch(...)` returned (the loader in `index.html` sends the
/// well-known requests before the app is downloaded).
#[cfg(target_arch = "wasm32")]
pub async fn adopt(promise: js_sys::Promise, timeout_ms: u32) -> Result<RawResponse, ApiError> {
    use wasm_bindgen::JsCast;
    let exchange = async move {
        let response = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|error| ApiError::Network {
                message: error.as_string().unwrap_or_else(|| "fetch failed".into()),
            })?;
        read(response.unchecked_into::<web_sys::Response>().into()).await
    };
    with_timeout(exchange, timeout_ms).await
}

#[cfg(target_arch = "wasm32")]
async fn read(response: gloo_net::http::Response) -> Result<RawResponse, ApiError> {
    let content_language = response.headers().get("content-language");
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.trim().parse().ok());
    let body = response.binary().await.map_err(|error| ApiError::Network {
        message: error.to_string(),
    })?;
    Ok(RawResponse {
        status: response.status(),
        content_language,
        retry_after,
        body,
    })
}

/// Outside the browser there is no `fetch`; native builds only decode.
#[cfg(not(target_arch = "wasm32"))]
pub async fn transport(
    _request: PreparedRequest,
    _timeout_ms: u32,
) -> Result<RawResponse, ApiError> {
    Err(ApiError::Network {
        message: "no HTTP transport outside the browser".to_owned(),
    })
}

/// Races the exchange against a timer. Uses only `setTimeout`, so it needs
/// no extra `web-sys` features; the abandoned `fetch` finishes unobserved.
#[cfg(target_arch = "wasm32")]
async fn with_timeout(
    exchange: impl std::future::Future<Output = Result<RawResponse, ApiError>>,
    timeout_ms: u32,
) -> Result<RawResponse, ApiError> {
    use std::future::Future;
    use std::task::Poll;

    let delay = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
    let timer =
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
            if let Some(window) = web_sys::window() {
                // Without a timer the call simply has no time limit.
                let _ =
                    window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay);
            }
        }));
    let mut exchange = std::pin::pin!(exchange);
    let mut timer = std::pin::pin!(timer);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(result) = exchange.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(ApiError::Timeout));
        }
        Poll::Pending
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_429_without_logto_code_is_a_gateway_rate_limit() {
        let raw = |body: &str| RawResponse {
            status: 429,
            content_language: None,
            retry_after: Some(30),
            body: body.as_bytes().to_vec(),
        };
        assert_eq!(
            rate_limited(&raw("Too Many Requests")),
            Some(ApiError::TooManyRequests {
                retry_after: Some(30)
            })
        );
        // Logto's own limit keeps its code and message.
        let logto = raw(r#"{"code":"request.message_rate_limited","message":"m"}"#);
        assert_eq!(rate_limited(&logto), None);
        let ok = RawResponse {
            status: 200,
            ..raw("{}")
        };
        assert_eq!(rate_limited(&ok), None);
    }

    #[test]
    fn prepares_headers_and_url() {
        let client = Client::new("https://auth.example.com/")
            .with_app_id(Some("app1".into()))
            .with_language(Some("fr".into()));
        let request = client.prepare(Method::Post, "/api/experience/submit", None);
        assert_eq!(
            request.url,
            "https://auth.example.com/api/experience/submit"
        );
        assert_eq!(
            request.headers,
            vec![
                ("Accept-Language", "fr".to_owned()),
                ("Logto-App-Id", "app1".to_owned())
            ]
        );
        let request = Client::default().prepare(Method::Put, "/api/experience", Some("{}".into()));
        assert_eq!(request.url, "/api/experience");
        assert_eq!(
            request.headers,
            vec![("Content-Type", "application/json".to_owned())]
        );
    }

    #[test]
    fn builds_queries() {
        assert_eq!(
            with_query(
                "/api/experience/sso-connectors",
                &[("email", Some("someone@x.test"))]
            ),
            "/api/experience/sso-connectors?email=someone%40x.test"
        );
        assert_eq!(
            with_query("/p", &[("a", None), ("b", Some("x y/é")), ("c", Some("1"))]),
            "/p?b=x%20y%2F%C3%A9&c=1"
        );
    }

    #[test]
    fn native_transport_fails_cleanly() {
        let result = block_on(Client::default().submit());
        assert!(matches!(result, Err(ApiError::Network { .. })));
    }

    /// A minimal executor: the native transport is ready at once.
    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut future = std::pin::pin!(future);
        let mut context = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
                return output;
            }
        }
    }
}
