//! An in-memory Logto: it serves the built sign-in page the way Logto does,
//! with Logto's Content-Security-Policy, and the endpoints the page calls:
//! the OIDC entry and resume URLs, the Experience API, a demo application
//! callback, a mock identity provider and an outbox for verification codes.

pub mod consent;
mod device;
pub mod errors;
mod experience;
pub mod i18n;
pub mod mfa;
mod oidc;
mod one_tap;
pub mod outbox;
pub mod password_policy;
pub mod phrases;
pub mod settings;
pub mod ssr;
pub mod state;
pub mod users;
pub mod util;
pub mod webauthn;

use std::{
    path::PathBuf,
    sync::{Arc, Mutex, MutexGuard},
};

use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Uri},
    response::Response,
    routing::{any, get, post},
    Json, Router,
};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};

// Logto's CSP and its way of serving dist/ are shared with logto-host.
pub use logto_pages::{csp, spa, CspMode};
pub use settings::merge_patch;
pub use users::SeedUser;

/// How a simulator instance is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The built page (`dist/`).
    pub dist: PathBuf,
    /// The policy the sign-in pages are served with.
    pub csp: CspMode,
    /// This server's origin, as the browser sees it (for `connect-src`).
    pub endpoint: String,
    /// The `/api/.well-known/experience` body (may also hold the private
    /// `forgotPasswordMethods` and `emailBlocklistPolicy`).
    pub settings: serde_json::Value,
    /// The users the simulator starts with.
    pub users: Vec<SeedUser>,
    /// The one OIDC application (`client_id`) the simulator knows.
    pub app_id: String,
    /// Where that application receives `?code=...&state=...`.
    pub redirect_uri: String,
    /// Further applications, e.g. to have one browser run several
    /// interactions (the `Logto-App-Id` header picks one).
    pub other_apps: Vec<App>,
    /// Which connectors are "installed".
    pub connectors: Connectors,
    /// PBKDF2 iterations for password hashes.
    pub hash_iterations: u32,
    /// The one captcha token the fake captcha provider accepts.
    pub captcha_token: String,
    /// An application page that embeds the experience under a path (such
    /// as `/auth`): `/oidc/auth` then sends the browser to
    /// `<path>/sign-in`, and every page path under it gets this
    /// directory's `index.html` (files from it by name).
    pub embed: Option<(String, PathBuf)>,
    /// Third-party applications, API resources, organizations and
    /// app-level access control (the consent page's data).
    pub consent: consent::ConsentConfig,
    /// Whether `index.html`'s SSR placeholder is filled, as core does
    /// (see [`ssr`]); off, the page loads its data as it does elsewhere.
    pub ssr: bool,
}

impl Config {
    /// A simulator with the demo application, demo users and all connectors.
    pub fn new(dist: PathBuf, csp: CspMode, endpoint: String, settings: serde_json::Value) -> Self {
        let redirect_uri = format!("{}/demo-app/callback", endpoint.trim_end_matches('/'));
        Self {
            dist,
            csp,
            endpoint: endpoint.clone(),
            settings,
            users: users::demo_users(),
            app_id: "demo-app".into(),
            redirect_uri,
            other_apps: Vec::new(),
            connectors: Connectors::default(),
            hash_iterations: 10_000,
            captcha_token: "sim-captcha-ok".into(),
            embed: None,
            consent: consent::ConsentConfig::demo(&endpoint),
            ssr: true,
        }
    }

    /// Where the experience's routes live: `""`, or the embedding path.
    pub fn experience_base(&self) -> &str {
        self.embed.as_ref().map_or("", |(base, _)| base.as_str())
    }
}

/// A registered OIDC application.
#[derive(Debug, Clone)]
pub struct App {
    pub id: String,
    pub redirect_uri: String,
}

impl Config {
    /// The registered redirect URI of `client_id`, if it is known.
    pub fn redirect_uri_of(&self, client_id: &str) -> Option<&str> {
        if client_id == self.app_id {
            return Some(&self.redirect_uri);
        }
        self.other_apps
            .iter()
            .find(|app| app.id == client_id)
            .map(|app| app.redirect_uri.as_str())
            .or_else(|| {
                self.consent
                    .third_party(client_id)
                    .map(|app| app.redirect_uri.as_str())
            })
    }
}

/// A social connector; the simulator's mock IdP page plays its provider.
#[derive(Debug, Clone)]
pub struct SocialConnector {
    pub id: String,
    pub target: String,
    pub name: String,
    /// `Web`, `Native` or `Universal` (the connector's metadata; Logto's
    /// page picks by it, core lists them all).
    pub platform: &'static str,
}

/// An enterprise SSO connector for the listed e-mail domains.
#[derive(Debug, Clone)]
pub struct SsoConnector {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
}

/// The "installed" connectors. Without an e-mail (SMS) connector, sending a
/// code answers `501 connector.not_found`.
#[derive(Debug, Clone)]
pub struct Connectors {
    pub email: bool,
    pub sms: bool,
    pub social: Vec<SocialConnector>,
    pub sso: Vec<SsoConnector>,
}

impl Default for Connectors {
    fn default() -> Self {
        Self {
            email: true,
            sms: true,
            // More providers than the page shows before "more"; each
            // appears only when its target is enabled in the settings.
            social: std::iter::once(("mock-social", "Mock Social"))
                .chain([
                    ("mock-github", "Mock GitHub"),
                    ("mock-google", "Mock Google"),
                    ("mock-apple", "Mock Apple"),
                    ("mock-azure", "Mock Azure"),
                    ("mock-discord", "Mock Discord"),
                ])
                .map(|(id, name)| SocialConnector {
                    id: id.into(),
                    target: id.into(),
                    name: name.into(),
                    platform: "Universal",
                })
                // One target with a connector per platform, as WeChat has:
                // a browser shows the Web one, a native app's webview the
                // Native one.
                .chain(
                    [("mock-wechat-web", "Web"), ("mock-wechat-native", "Native")].map(
                        |(id, platform)| SocialConnector {
                            id: id.into(),
                            target: "mock-wechat".into(),
                            name: "Mock WeChat".into(),
                            platform,
                        },
                    ),
                )
                .collect(),
            // `multi.example.com` has two, for the connector chooser.
            sso: vec![
                SsoConnector {
                    id: "mock-sso".into(),
                    name: "Mock SSO".into(),
                    domains: vec!["sso.example.com".into(), "multi.example.com".into()],
                },
                SsoConnector {
                    id: "mock-sso-2".into(),
                    name: "Mock SSO Two".into(),
                    domains: vec!["multi.example.com".into()],
                },
            ],
        }
    }
}

impl Connectors {
    pub fn social(&self, id: &str) -> Option<&SocialConnector> {
        self.social.iter().find(|connector| connector.id == id)
    }

    pub fn sso(&self, id: &str) -> Option<&SsoConnector> {
        self.sso.iter().find(|connector| connector.id == id)
    }

    /// SSO connectors whose domains include the e-mail's (case-insensitive).
    pub fn sso_for_email(&self, email: &str) -> Vec<&SsoConnector> {
        let domain = email.rsplit('@').next().unwrap_or_default().to_lowercase();
        self.sso
            .iter()
            .filter(|connector| {
                connector
                    .domains
                    .iter()
                    .any(|known| known.to_lowercase() == domain)
            })
            .collect()
    }
}

/// The settings a fresh simulator starts with: username and password, as on
/// a new Logto tenant.
pub fn default_settings() -> serde_json::Value {
    serde_json::from_str(include_str!("../data/settings.default.json"))
        .expect("the built-in settings are valid JSON")
}

pub(crate) struct AppState {
    config: Config,
    csp_header: HeaderValue,
    settings: settings::Settings,
    public_settings: serde_json::Value,
    inner: Mutex<state::Inner>,
}

impl AppState {
    /// The state lock; a panic elsewhere must not take the server down.
    fn lock(&self) -> MutexGuard<'_, state::Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn username_case_sensitive(&self) -> bool {
        self.config
            .settings
            .pointer("/usernamePolicy/caseSensitive")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(true)
    }

    /// Where a connector's "authorization" happens: the mock IdP page.
    fn mock_idp_uri(&self, connector_id: &str, state: &str, redirect_uri: &str) -> String {
        format!(
            "{}/__sim/mock-idp/{}?state={}&redirect_uri={}",
            self.config.endpoint.trim_end_matches('/'),
            util::url_encode(connector_id),
            util::url_encode(state),
            util::url_encode(redirect_uri)
        )
    }
}

/// The whole server.
pub fn router(config: Config) -> Router {
    let csp_header = HeaderValue::from_str(&csp::header_value(config.csp, &config.endpoint))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let mut inner = state::Inner::default();
    for seed in config.users.iter().take(state::MAX_USERS) {
        inner
            .users
            .push(users::User::from_seed(seed.clone(), config.hash_iterations));
    }
    let callback_path = oidc::callback_path(&config.redirect_uri);
    let state = Arc::new(AppState {
        settings: settings::Settings::parse(&config.settings),
        public_settings: settings::public_settings(&config.settings, &config.connectors),
        config,
        csp_header,
        inner: Mutex::new(inner),
    });
    let mut router = Router::new()
        .route("/api/.well-known/experience", get(public_settings))
        .route("/api/.well-known/sign-in-exp", get(public_settings))
        .route("/api/.well-known/phrases", get(phrases))
        .route("/api/experience", any(experience::handle))
        .route("/api/experience/{*rest}", any(experience::handle))
        .route("/oidc/auth", get(oidc::authorize))
        .route("/oidc/auth/{uid}", get(oidc::resume))
        .route(
            "/api/interaction/consent",
            get(consent::info).post(consent::grant),
        )
        .route("/oidc/device/auth", post(device::authorize))
        .route("/oidc/device", get(device::input).post(device::submit))
        .route("/oidc/token", post(device::token))
        .route("/oidc/session/end", get(consent::sign_out))
        .route("/device", get(device::shortcut))
        .route("/__sim/assets/third-party-logo.svg", get(consent::logo))
        .route("/demo-app", get(oidc::demo_home))
        .route("/demo-app/callback", get(oidc::demo_callback))
        .route("/__sim/outbox", get(oidc::outbox))
        .route("/__sim/user-assets/{id}", get(oidc::user_asset))
        .route("/__sim/one-time-tokens", post(oidc::create_one_time_token))
        .route(
            "/__sim/one-time-tokens/{id}/status",
            axum::routing::put(oidc::set_one_time_token_status),
        )
        .route("/__sim/mock-gsi/client", get(one_tap::mock_script))
        .route(
            "/__sim/mock-gsi/credential",
            post(one_tap::issue_credential),
        )
        // A provider's form post; its GET is the page, as every other path.
        .route(
            "/callback/{connector}",
            get(page).post(one_tap::callback_post),
        )
        .route("/__sim/mock-idp/{connector}", get(oidc::mock_idp_page))
        .route(
            "/__sim/mock-idp/{connector}/authorize",
            get(oidc::mock_idp_authorize),
        );
    if let Some(path) = callback_path {
        router = router.route(&path, get(oidc::demo_callback));
    }
    // Compressed as core's koa-compress does what is not precompressed
    // (brotli quality 4), so that the demo and the benchmarks see Logto's
    // transfer sizes; precompressed files pass through untouched, and so do
    // binary types koa-compress leaves alone (its filter is the
    // `compressible` package: application/octet-stream is not), such as
    // the packed builds.
    router.fallback(get(page)).with_state(state).layer(
        tower_http::compression::CompressionLayer::new()
            .quality(tower_http::CompressionLevel::Precise(4))
            .compress_when(
                DefaultPredicate::new()
                    .and(NotForContentType::const_new("application/octet-stream")),
            ),
    )
}

async fn public_settings(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(state.public_settings.clone())
}

#[derive(serde::Deserialize)]
struct PhrasesQuery {
    lng: Option<String>,
}

async fn phrases(
    State(state): State<Arc<AppState>>,
    Query(query): Query<PhrasesQuery>,
    headers: HeaderMap,
) -> Response {
    phrases::respond(query.lng.as_deref(), &headers, &state.public_settings)
}

/// Pages that need an interaction (`guardedPath` in Logto's
/// `middleware/koa-spa-session-guard.ts`, matched as prefixes, plus `/`).
const GUARDED_PATHS: [&str; 6] = [
    "/sign-in",
    "/consent",
    "/register",
    "/single-sign-on",
    "/social/register",
    "/forgot-password",
];

/// Where a full page load of a guarded experience route goes without a
/// live interaction: the settings' `unknownSessionRedirectUrl`, else
/// `<endpoint>/unknown-session` (`?preview` is exempt), as Logto's
/// `koaSpaSessionGuard` does.
fn session_guard(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Option<String> {
    let path = uri.path();
    let guarded = path == "/" || GUARDED_PATHS.iter().any(|prefix| path.starts_with(prefix));
    let preview = util::parse_query(uri.query())
        .iter()
        .any(|(name, value)| name == "preview" && !value.is_empty());
    if !guarded || preview {
        return None;
    }
    let inner = state.lock();
    let live = experience::current_interaction(&inner, headers)
        .and_then(|uid| inner.interactions.get(&uid))
        .is_some_and(|interaction| interaction.created.elapsed() < state::INTERACTION_TTL);
    if live {
        return None;
    }
    let configured = state
        .config
        .settings
        .get("unknownSessionRedirectUrl")
        .and_then(serde_json::Value::as_str)
        .filter(|url| !url.is_empty());
    Some(configured.map_or_else(
        || {
            format!(
                "{}/unknown-session",
                state.config.endpoint.trim_end_matches('/')
            )
        },
        str::to_string,
    ))
}

pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    request: HeaderMap,
) -> Response {
    let embedded = state.config.embed.as_ref().and_then(|(base, dir)| {
        let rest = uri.path().strip_prefix(base.as_str())?;
        let rest = if rest.is_empty() { "/" } else { rest };
        rest.starts_with('/')
            .then(|| (dir, rest.parse::<Uri>().ok()))
    });
    let mut response = match embedded {
        Some((dir, Some(inner))) => spa::serve(dir, &inner, &request).await,
        _ => {
            match session_guard(&state, &uri, &request) {
                // Koa's `ctx.redirect`: 302, with the security headers
                // Logto's helmet middleware put on every answer before.
                Some(to) => axum::response::IntoResponse::into_response((
                    axum::http::StatusCode::FOUND,
                    [(header::LOCATION, to)],
                )),
                None => match filled_index(&state, &uri, &request).await {
                    Some(filled) => filled,
                    None => spa::serve(&state.config.dist, &uri, &request).await,
                },
            }
        }
    };
    // Browsers ask for /favicon.ico by themselves: the simulator's mark
    // when the page's build has no icon of its own.
    if uri.path() == "/favicon.ico" && response.status() == axum::http::StatusCode::NOT_FOUND {
        response = axum::response::IntoResponse::into_response((
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (header::CACHE_CONTROL, "max-age=3600"),
            ],
            oidc::FAVICON,
        ));
    }
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, state.csp_header.clone());
    for (name, value) in csp::SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// `index.html` with its SSR placeholder filled, as core serves it; `None`
/// for files, with SSR off, or for a page without the placeholder.
async fn filled_index(state: &AppState, uri: &Uri, request: &HeaderMap) -> Option<Response> {
    if !state.config.ssr || !spa::is_page_path(uri.path()) {
        return None;
    }
    let html = tokio::fs::read_to_string(state.config.dist.join("index.html"))
        .await
        .ok()?;
    let query = util::parse_query(uri.query());
    // The same language as the phrases endpoint answers with.
    let language = phrases::negotiate(
        util::query_value(&query, "lng"),
        request
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok()),
        &state.public_settings,
    );
    let cookie = experience::cookie(request, "_logto");
    let (app_id, organization_id) = ssr::logto_cookie(cookie.as_deref());
    let data = ssr::SsrData {
        app_id: app_id.as_deref(),
        organization_id: organization_id.as_deref(),
        settings: &state.public_settings,
        language,
        phrases: phrases::body(language),
    };
    let preview = util::query_value(&query, "preview") == Some("true");
    let filled = ssr::fill(&html, &data, preview)?;
    let mut response = spa::index_response(filled);
    response
        .headers_mut()
        .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(language));
    Some(response)
}
