//! The host's own error answers: an HTML page for people, JSON in Logto's
//! error shape (`code`, `message`) for the page's API calls.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
    Json,
};

/// Why the host answers itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Timeout,
    Unreachable,
    TooLarge,
    MethodNotAllowed,
    /// A `Host` this server does not answer for (no `--public-url`).
    Misdirected,
    /// A path with `.` or `..` segments, which browsers never send.
    BadPath,
}

impl Failure {
    pub fn status(self) -> StatusCode {
        match self {
            Self::Timeout => StatusCode::GATEWAY_TIMEOUT,
            Self::Unreachable => StatusCode::BAD_GATEWAY,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Misdirected => StatusCode::MISDIRECTED_REQUEST,
            Self::BadPath => StatusCode::BAD_REQUEST,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Timeout => "host.upstream_timeout",
            Self::Unreachable => "host.upstream_unreachable",
            Self::TooLarge => "host.request_too_large",
            Self::MethodNotAllowed => "host.method_not_allowed",
            Self::Misdirected => "host.unknown_host",
            Self::BadPath => "host.bad_path",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Timeout => "Logto is taking too long",
            Self::Unreachable => "Logto cannot be reached",
            Self::TooLarge => "Request too large",
            Self::MethodNotAllowed => "Method not allowed",
            Self::Misdirected => "Unknown host name",
            Self::BadPath => "Bad path",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Self::Timeout => {
                "The sign-in service did not answer in time. Please try again in a moment."
            }
            Self::Unreachable => {
                "The sign-in service could not be reached. Please try again in a moment."
            }
            Self::TooLarge => "The request is larger than this server accepts.",
            Self::MethodNotAllowed => "The page only answers GET and HEAD requests.",
            Self::Misdirected => {
                "This server does not answer for that host name. Its operator names the \
                 public address with --public-url."
            }
            Self::BadPath => "The path has \".\" or \"..\" segments.",
        }
    }

    /// JSON for `/api` requests, a small page otherwise.
    pub fn respond(self, json: bool) -> Response {
        let mut response = if json {
            Json(serde_json::json!({"code": self.code(), "message": self.message()}))
                .into_response()
        } else {
            Html(format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
                 <title>{title}</title><style>body{{font-family:system-ui,sans-serif;\
                 max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}}</style>\
                 </head><body><h1>{title}</h1><p>{message}</p>\
                 <p><small>{status}</small></p></body></html>",
                title = self.title(),
                message = self.message(),
                status = self.status(),
            ))
            .into_response()
        };
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        // Nothing on this page needs more than its inline style.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self == Self::MethodNotAllowed {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        response
    }
}
