//! The simulator in process behind the client's transport, with a cookie
//! jar, as a browser on Logto's origin would have it.

use std::sync::{Arc, Mutex};

use axum::{
    body::{to_bytes, Body},
    http::{header, Request},
    Router,
};
use logto_experience::{
    api::{
        client::{PreparedRequest, RawResponse},
        transport::Exchange,
        ApiError, Client, ExperienceSettings, Transport,
    },
    journeys::{Journeys, MemoryStorage, Session, SessionStore},
};
use logto_sim::{default_settings, router, users::SeedUser, Config, CspMode};
use serde_json::Value;
use tower::ServiceExt;

pub const ENDPOINT: &str = "http://localhost:8080";
/// The `Host` the browser sends, and the WebAuthn relying party.
pub const HOST: &str = "localhost:8080";

/// One browser tab on a fresh simulator.
pub struct Sim {
    app: Router,
    jar: Arc<Mutex<Option<String>>>,
    calls: Arc<Mutex<Vec<String>>>,
    fault: Arc<Mutex<Option<(usize, Fault)>>>,
    store: Arc<MemoryStorage>,
    /// The origin's local storage, shared by every tab.
    handoff: Arc<MemoryStorage>,
    settings: Arc<ExperienceSettings>,
}

/// The settings of `tests/fixtures/settings/<name>.json` over the default.
fn settings(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/settings/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let patch: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut settings = default_settings();
    for (key, value) in patch.as_object().unwrap() {
        settings[key] = value.clone();
    }
    settings
}

impl Sim {
    /// A simulator with configuration `name`, and an interaction started
    /// the way an application starts one (`/oidc/auth`).
    pub async fn new(name: &str) -> Self {
        Self::with_users(name, Vec::new(), true).await
    }

    /// As [`Self::new`], with `patch`'s top-level fields over the
    /// configuration's (as the e2e suite's `settingsFile` does).
    pub async fn patched(name: &str, patch: Value) -> Self {
        Self::patched_with_users(name, patch, Vec::new()).await
    }

    /// As [`Self::patched`], with `users` beside the demo users.
    pub async fn patched_with_users(name: &str, patch: Value, users: Vec<SeedUser>) -> Self {
        let mut value = settings(name);
        for (key, field) in patch.as_object().unwrap() {
            value[key] = field.clone();
        }
        let sim = Self::from_settings(value, users);
        sim.start_interaction().await;
        sim
    }

    /// A simulator with configuration `name` and an interaction for the
    /// application `client_id`, asking `query` (e.g. `&scope=...`).
    pub async fn for_app(name: &str, client_id: &str, query: &str) -> Self {
        let sim = Self::from_settings(settings(name), Vec::new());
        sim.get(&format!("/oidc/auth?client_id={client_id}{query}"))
            .await;
        assert!(sim.jar.lock().unwrap().is_some(), "an interaction cookie");
        sim
    }

    /// A cookie the page's scripts set (Google's CSRF token) or that the
    /// browser keeps from a page load, sent from now on.
    pub fn add_cookie(&self, pair: &str) {
        let mut jar = self.jar.lock().unwrap();
        let cookies = match jar.take() {
            Some(cookies) => format!("{cookies}; {pair}"),
            None => pair.to_owned(),
        };
        *jar = Some(cookies);
    }

    /// The names of the cookies this browser holds.
    pub fn cookie_names(&self) -> Vec<String> {
        let jar = self.jar.lock().unwrap().clone().unwrap_or_default();
        jar.split("; ")
            .filter_map(|pair| pair.split('=').next())
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Forgets the cookies whose name starts with `prefix` (as another
    /// browser of the same person would not have them).
    pub fn forget_cookies(&self, prefix: &str) {
        let mut jar = self.jar.lock().unwrap();
        let kept: Vec<String> = jar
            .clone()
            .unwrap_or_default()
            .split("; ")
            .filter(|pair| !pair.starts_with(prefix))
            .map(str::to_owned)
            .collect();
        *jar = Some(kept.join("; "));
    }

    /// A new interaction for the demo application, in the same browser.
    pub async fn start_interaction(&self) {
        let auth = format!(
            "/oidc/auth?client_id=demo-app&redirect_uri={ENDPOINT}/demo-app/callback&response_type=code&scope=openid"
        );
        self.get(&auth).await;
        assert!(self.jar.lock().unwrap().is_some(), "an interaction cookie");
    }

    /// A simulator with configuration `name` and no interaction.
    pub async fn without_interaction(name: &str) -> Self {
        Self::with_users(name, Vec::new(), false).await
    }

    /// As [`Self::new`], with `overrides` merged over configuration `name`.
    pub async fn with_settings(name: &str, overrides: Value) -> Self {
        Self::patched(name, overrides).await
    }

    /// As [`Self::new`], with `users` beside the demo users.
    pub async fn with_more_users(name: &str, users: Vec<SeedUser>) -> Self {
        Self::with_users(name, users, true).await
    }

    async fn with_users(name: &str, users: Vec<SeedUser>, interaction: bool) -> Self {
        let sim = Self::from_settings(settings(name), users);
        if interaction {
            sim.start_interaction().await;
        }
        sim
    }

    fn from_settings(value: Value, users: Vec<SeedUser>) -> Self {
        let parsed = ExperienceSettings::from_response(200, value.to_string().as_bytes()).unwrap();
        let mut config = Config::new(
            "/nonexistent".into(),
            CspMode::Production,
            ENDPOINT.into(),
            value,
        );
        config.hash_iterations = 1;
        config.users.extend(users);
        Self {
            app: router(config),
            jar: Arc::default(),
            calls: Arc::default(),
            fault: Arc::default(),
            store: Arc::default(),
            handoff: Arc::default(),
            settings: Arc::new(parsed),
        }
    }

    /// The journeys of the page, as the page builds them.
    pub fn journeys(&self) -> Journeys {
        self.journeys_with(self.store.clone())
    }

    /// The journeys of another view of the same browser (an in-app
    /// browser's new view): same cookies and local storage, an empty
    /// session storage.
    pub fn journeys_in_new_tab(&self) -> Journeys {
        self.journeys_with(Arc::new(MemoryStorage::default()))
    }

    /// What the origin's local storage holds.
    pub fn local_storage_keys(&self) -> Vec<String> {
        self.handoff.keys()
    }

    /// One item of the origin's local storage.
    pub fn local_storage_get(&self, key: &str) -> Option<String> {
        self.handoff.get(key)
    }

    /// Writes one item of the origin's local storage.
    pub fn local_storage_set(&self, key: &str, value: &str) {
        self.handoff.set(key, Some(value));
    }

    fn journeys_with(&self, store: Arc<MemoryStorage>) -> Journeys {
        let transport = InProcess {
            app: self.app.clone(),
            jar: self.jar.clone(),
            calls: self.calls.clone(),
            fault: self.fault.clone(),
        };
        let client = Client::default()
            .with_app_id(Some("demo-app".into()))
            .with_transport(Arc::new(transport));
        let store: Arc<dyn SessionStore> = store;
        let handoff: Arc<dyn SessionStore> = self.handoff.clone();
        Journeys::new(client, Session::new(store), self.settings.clone())
            .with_handoff(Session::new(handoff))
    }

    /// Answers the API call numbered `index` (from 0, counting every call
    /// made so far) with `fault` instead of the simulator's answer.
    pub fn fault_at(&self, index: usize, fault: Fault) {
        *self.fault.lock().unwrap() = Some((index, fault));
    }

    /// No more faults.
    pub fn lift_fault(&self) {
        *self.fault.lock().unwrap() = None;
    }

    /// The API calls made so far, as `METHOD /path`.
    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    /// Every value the session holds.
    pub fn stored_values(&self) -> Vec<String> {
        self.store
            .keys()
            .iter()
            .filter_map(|key| self.store.get(key))
            .collect()
    }

    /// The newest code the simulator "sent" to `recipient`.
    pub async fn code_for(&self, recipient: &str) -> String {
        let (_, body) = self.get("/__sim/outbox").await;
        let outbox: Value = serde_json::from_str(&body).unwrap();
        outbox
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|message| message["recipient"] == recipient)
            .and_then(|message| message["code"].as_str())
            .expect("a code in the outbox")
            .to_owned()
    }

    /// Follows the application's redirect to its callback page: its text.
    pub async fn follow(&self, url: &str) -> String {
        let mut path = url.strip_prefix(ENDPOINT).expect("this origin").to_owned();
        for _ in 0..5 {
            let (location, body) = self.get(&path).await;
            match location {
                Some(next) => path = next.strip_prefix(ENDPOINT).unwrap_or(&next).to_owned(),
                None => {
                    let start = body.find("Signed in as").expect("the callback page");
                    let end = body[start..]
                        .find('<')
                        .map_or(body.len(), |end| start + end);
                    return body[start..end].trim().to_owned();
                }
            }
        }
        panic!("too many redirects from {url}")
    }

    /// The mock provider's answer for `authorization_url` (its user given
    /// by `account`, e.g. `sub=mock-user-1`): the callback's query pairs.
    pub async fn provider_answers(
        &self,
        authorization_url: &str,
        account: &str,
    ) -> Vec<(String, String)> {
        let path = authorization_url
            .strip_prefix(ENDPOINT)
            .expect("the mock provider is on this origin");
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let authorize = format!("{path}/authorize?{query}&{account}");
        let (location, _) = self.get(&authorize).await;
        let location = location.expect("a redirect to the callback");
        let query = location.split_once('?').map_or("", |(_, query)| query);
        logto_sim::util::parse_query(Some(query))
    }

    /// Where the application's redirect `url` leads first (a path on this
    /// origin, e.g. the consent page).
    pub async fn redirect(&self, url: &str) -> String {
        let path = url.strip_prefix(ENDPOINT).expect("this origin");
        let (location, _) = self.get(path).await;
        let location = location.expect("a redirect");
        location
            .strip_prefix(ENDPOINT)
            .unwrap_or(&location)
            .to_owned()
    }

    /// A call of the simulator's own API (`/__sim/...`, the Management
    /// API's stand-ins): the answer's JSON.
    pub async fn admin(&self, method: &str, path: &str, body: Value) -> Value {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = to_bytes(response.into_body(), 1 << 22).await.unwrap();
        assert!(status.is_success(), "{path}: {status}");
        serde_json::from_slice(&body).unwrap_or(Value::Null)
    }

    /// A page load: the `Location` (if any) and the body.
    async fn get(&self, path: &str) -> (Option<String>, String) {
        let mut request = Request::get(path);
        if let Some(cookie) = self.jar.lock().unwrap().clone() {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        keep_cookie(&self.jar, &response);
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = to_bytes(response.into_body(), 1 << 22).await.unwrap();
        (location, String::from_utf8_lossy(&body).into_owned())
    }
}

/// The trusted-device cookies' prefix (outside production).
const TRUSTED_DEVICE: &str = "logto-trusted-device-";

/// Keeps the interaction cookie a response sets (a new one replaces what
/// the jar had, but the device's trust, which outlives interactions), and
/// the trusted-device cookies.
fn keep_cookie<B>(jar: &Mutex<Option<String>>, response: &axum::http::Response<B>) {
    let set_cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok());
    for cookie in set_cookies {
        let pair = cookie.split(';').next().unwrap_or_default();
        let mut jar = jar.lock().unwrap();
        let kept = jar.clone().unwrap_or_default();
        let trusted = kept
            .split("; ")
            .filter(|kept| kept.starts_with(TRUSTED_DEVICE))
            .filter(|kept| kept.split('=').next() != pair.split('=').next());
        let pairs: Vec<&str> = if pair.starts_with("_interaction=") {
            std::iter::once(pair).chain(trusted).collect()
        } else if pair.starts_with(TRUSTED_DEVICE) {
            let others = kept
                .split("; ")
                .filter(|kept| !kept.is_empty() && !kept.starts_with(TRUSTED_DEVICE));
            others.chain(trusted).chain(std::iter::once(pair)).collect()
        } else {
            continue;
        };
        *jar = Some(pairs.join("; "));
    }
}

/// What can go wrong between the page and Logto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Logto's answer to an unexpected failure (koa-error-handler.ts): 500
    /// and a bare English message.
    LogtoError,
    /// A proxy's HTML error page.
    HtmlError,
    /// No answer within the client's time limit.
    Timeout,
    /// Nothing listens (what `fetch` reports for a refused connection).
    Refused,
    /// Logto did the work, and the answer arrived cut short.
    Truncated,
    /// A gateway's rate limit in front of Logto, with `Retry-After`.
    RateLimited,
}

impl Fault {
    pub const ALL: [Fault; 6] = [
        Fault::LogtoError,
        Fault::HtmlError,
        Fault::Timeout,
        Fault::Refused,
        Fault::Truncated,
        Fault::RateLimited,
    ];

    /// The answer instead of the simulator's (`Truncated` is the
    /// simulator's, cut: see [`InProcess`]).
    fn answer(self) -> Result<RawResponse, ApiError> {
        let raw = |status, body: &str, retry_after| {
            Ok(RawResponse {
                status,
                content_language: None,
                retry_after,
                body: body.as_bytes().to_vec(),
            })
        };
        match self {
            Fault::LogtoError => raw(500, r#"{"message":"Internal server error."}"#, None),
            Fault::HtmlError => raw(
                502,
                "<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>",
                None,
            ),
            Fault::Timeout => Err(ApiError::Timeout),
            Fault::Refused => Err(ApiError::Network {
                message: "TypeError: Failed to fetch".into(),
            }),
            Fault::RateLimited => raw(429, "Too Many Requests", Some(30)),
            Fault::Truncated => unreachable!("the simulator's answer, cut"),
        }
    }
}

/// The client's transport: requests go to the router, with the jar's
/// cookie, as `fetch` sends them on the same origin.
struct InProcess {
    app: Router,
    jar: Arc<Mutex<Option<String>>>,
    calls: Arc<Mutex<Vec<String>>>,
    fault: Arc<Mutex<Option<(usize, Fault)>>>,
}

impl Transport for InProcess {
    fn send(&self, prepared: PreparedRequest, _timeout_ms: u32) -> Exchange {
        let app = self.app.clone();
        let jar = self.jar.clone();
        let path = prepared
            .url
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        let fault = {
            let mut calls = self.calls.lock().unwrap();
            calls.push(format!("{} {path}", prepared.method.as_str()));
            let planned = *self.fault.lock().unwrap();
            planned.and_then(|(index, fault)| (index + 1 == calls.len()).then_some(fault))
        };
        Box::pin(async move {
            // Only a cut answer reaches the simulator: the others never
            // got there.
            if let Some(fault) = fault.filter(|fault| *fault != Fault::Truncated) {
                return fault.answer();
            }
            let mut request = Request::builder()
                .method(prepared.method.as_str())
                .uri(&prepared.url);
            for (name, value) in &prepared.headers {
                request = request.header(*name, value);
            }
            if let Some(cookie) = jar.lock().unwrap().clone() {
                request = request.header(header::COOKIE, cookie);
            }
            request = request.header(header::HOST, HOST);
            let body = prepared.body.map_or_else(Body::empty, Body::from);
            let response = app
                .oneshot(request.body(body).expect("a valid request"))
                .await
                .map_err(|error| ApiError::Network {
                    message: error.to_string(),
                })?;
            keep_cookie(&jar, &response);
            let status = response.status().as_u16();
            let content_language = response
                .headers()
                .get(header::CONTENT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            let body = to_bytes(response.into_body(), 1 << 22)
                .await
                .map_err(|error| ApiError::Network {
                    message: error.to_string(),
                })?;
            let mut body = body.to_vec();
            // (An empty answer, a 204, has nothing to cut.)
            if fault == Some(Fault::Truncated) {
                body.truncate(body.len() / 2);
            }
            Ok(RawResponse {
                status,
                content_language,
                retry_after: None,
                body,
            })
        })
    }
}
