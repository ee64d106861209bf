//! The in-process browser the simulator's tests drive the router with: a
//! cookie jar, the `Logto-App-Id` and `Origin` headers, and helpers for
//! the usual steps.
#![allow(dead_code)]

use std::path::PathBuf;

use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
    Router,
};
use logto_sim::{default_settings, merge_patch, router, Config, CspMode};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const ENDPOINT: &str = "http://localhost:8080";

pub fn config(patch: Value) -> Config {
    let mut config = Config::new(
        PathBuf::from("/nonexistent"),
        CspMode::Production,
        ENDPOINT.into(),
        merge_patch(&default_settings(), &patch),
    );
    config.hash_iterations = 1;
    config
}

pub struct Response {
    pub status: StatusCode,
    pub location: String,
    pub cookies: Vec<String>,
    pub text: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }
}

/// That `response` is Logto's error `code` with `status`.
pub fn assert_error(response: &Response, status: StatusCode, code: &str) {
    assert_eq!(
        (response.status, response.code().as_str()),
        (status, code),
        "{}",
        response.text
    );
}

/// A cookie jar in front of the router.
pub struct Browser {
    pub app: Router,
    pub cookie: Option<String>,
    pub app_id: Option<String>,
    /// Sent as the `Origin` header, as browsers do on POSTs.
    pub origin: Option<String>,
    /// Sent as the `User-Agent` header.
    pub user_agent: Option<String>,
}

impl Browser {
    pub fn new(config: Config) -> Self {
        Self {
            app: router(config),
            cookie: None,
            app_id: Some("demo-app".into()),
            origin: None,
            user_agent: None,
        }
    }

    pub async fn raw(&mut self, method: &str, uri: &str, body: Body) -> Response {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        if let Some(app_id) = &self.app_id {
            request = request.header("Logto-App-Id", app_id);
        }
        if let Some(origin) = &self.origin {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(agent) = &self.user_agent {
            request = request.header(header::USER_AGENT, agent);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|value| value.to_str().unwrap().to_string())
            .unwrap_or_default();
        let cookies: Vec<String> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|value| value.to_str().unwrap().to_string())
            .collect();
        if let Some(interaction) = cookies
            .iter()
            .filter_map(|cookie| cookie.split(';').next())
            .find(|pair| pair.starts_with("_interaction="))
        {
            self.cookie = Some(interaction.to_string());
        }
        let bytes = to_bytes(response.into_body(), 1 << 22).await.unwrap();
        Response {
            status,
            location,
            cookies,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn call(&mut self, method: &str, uri: &str, body: Option<Value>) -> Response {
        let body = body.map_or_else(Body::empty, |body| Body::from(body.to_string()));
        self.raw(method, uri, body).await
    }

    pub async fn start(&mut self, query: &str) -> Response {
        self.call(
            "GET",
            &format!("/oidc/auth?client_id=demo-app{query}"),
            None,
        )
        .await
    }

    pub async fn api(&mut self, method: &str, path: &str, body: Value) -> Response {
        self.call(method, &format!("/api/experience{path}"), Some(body))
            .await
    }

    /// `POST /profile/mfa`: binds the verification `id` as a `kind` factor.
    pub async fn bind_mfa(&mut self, kind: &str, id: &str) -> Response {
        self.api(
            "POST",
            "/profile/mfa",
            json!({"type": kind, "verificationId": id}),
        )
        .await
    }

    /// The newest code sent to `recipient`.
    pub async fn outbox_code(&mut self, recipient: &str) -> String {
        let outbox = self.call("GET", "/__sim/outbox", None).await.json();
        outbox
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|message| message["recipient"] == recipient)
            .map(|message| message["code"].as_str().unwrap().to_string())
            .expect("a code in the outbox")
    }

    /// Switch to `Register`, create the user from the verified identity
    /// `id`, then finish; returns the callback page's text.
    pub async fn register_and_finish(&mut self, id: &str) -> String {
        self.api(
            "PUT",
            "/interaction-event",
            json!({"interactionEvent": "Register"}),
        )
        .await;
        let created = self
            .api("POST", "/identification", json!({"verificationId": id}))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
        self.finish().await
    }

    /// A new interaction of this browser for `event` (`SignIn`, `Register`,
    /// `ForgotPassword`).
    pub async fn begin(&mut self, event: &str) {
        self.start("").await;
        self.api("PUT", "", json!({"interactionEvent": event}))
            .await;
    }

    /// Identifies the interaction by a verification record (Logto answers
    /// 204).
    pub async fn identify(&mut self, verification_id: &str) {
        let identified = self
            .api(
                "POST",
                "/identification",
                json!({"verificationId": verification_id}),
            )
            .await;
        assert_eq!(
            identified.status,
            StatusCode::NO_CONTENT,
            "{}",
            identified.text
        );
    }

    /// A new interaction of this browser, identified as `username` by the
    /// demo password.
    pub async fn sign_in_with_password(&mut self, username: &str) {
        self.begin("SignIn").await;
        let verified = self
            .api(
                "POST",
                "/verification/password",
                json!({"identifier": {"type": "username", "value": username}, "password": "Demo-Passw0rd!"}),
            )
            .await;
        assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
        let id = verified.json()["verificationId"]
            .as_str()
            .unwrap()
            .to_owned();
        self.identify(&id).await;
    }

    /// Submit, follow `redirectTo` and the callback; returns the page text.
    pub async fn finish(&mut self) -> String {
        let submit = self.api("POST", "/submit", json!({})).await;
        assert_eq!(submit.status, StatusCode::OK, "{}", submit.text);
        let redirect = submit.json()["redirectTo"].as_str().unwrap().to_string();
        let path = redirect.strip_prefix(ENDPOINT).expect("same origin");
        assert!(path.starts_with("/oidc/auth/"));
        let resume = self.call("GET", path, None).await;
        assert_eq!(resume.status, StatusCode::SEE_OTHER);
        let callback = resume.location.strip_prefix(ENDPOINT).unwrap().to_string();
        self.call("GET", &callback, None).await.text
    }
}
