//! `GET /api/.well-known/phrases?lng=`: the page's texts, negotiated as Logto
//! does (reference §2.2): each `lng` token, then `Accept-Language` by quality
//! when `languageInfo.autoDetect` is on, then `languageInfo.fallbackLanguage`;
//! exact tag first, then the same primary language; else English. The
//! resolved tag comes back in `Content-Language`.
//!
//! The texts are every language of Logto's published
//! `@logto/phrases-experience`, each over English (generated at build time by
//! `build.rs`).

use std::{collections::HashMap, sync::LazyLock};

use axum::{
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};
use serde_json::Value;

/// Each language's response body, by tag.
static BODIES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let all: HashMap<String, Value> =
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/experience.json")))
            .unwrap_or_default();
    all.into_iter()
        .map(|(tag, phrases)| (tag, phrases.to_string()))
        .collect()
});

/// The tags Logto ships, sorted.
static TAGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut tags: Vec<&'static str> = BODIES.keys().map(String::as_str).collect();
    tags.sort_unstable();
    tags
});

/// The language of the answer for these request parameters and settings.
pub fn negotiate(
    lng: Option<&str>,
    accept_language: Option<&str>,
    settings: &Value,
) -> &'static str {
    let info = settings.get("languageInfo");
    let auto_detect = info
        .and_then(|info| info.get("autoDetect"))
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let fallback = info
        .and_then(|info| info.get("fallbackLanguage"))
        .and_then(Value::as_str);
    let browser = if auto_detect {
        crate::i18n::by_quality(accept_language)
    } else {
        Vec::new()
    };
    let candidates = lng
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(browser)
        .chain(fallback);
    crate::i18n::best_match(candidates, &TAGS).unwrap_or("en")
}

/// The phrases (JSON) of `language`, English for one Logto does not ship.
pub fn body(language: &str) -> &'static str {
    BODIES
        .get(language)
        .or_else(|| BODIES.get("en"))
        .map_or("{}", String::as_str)
}

/// The phrases response for the negotiated language.
pub fn respond(lng: Option<&str>, headers: &HeaderMap, settings: &Value) -> Response {
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    let language = negotiate(lng, accept_language, settings);
    let body = body(language);
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            ),
            (header::CONTENT_LANGUAGE, HeaderValue::from_static(language)),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn negotiates_like_the_recorded_server() {
        let settings = json!({"languageInfo": {"autoDetect": true, "fallbackLanguage": "en"}});
        assert_eq!(negotiate(Some("fr"), None, &settings), "fr");
        assert_eq!(negotiate(Some("ar"), None, &settings), "ar");
        assert_eq!(negotiate(Some("xx-YY"), None, &settings), "en");
        assert_eq!(negotiate(None, Some("de-DE"), &settings), "de");
        assert_eq!(negotiate(None, Some("de-CH,de;q=0.9"), &settings), "de");
        assert_eq!(negotiate(Some("zh-cn en"), None, &settings), "zh-CN");
        assert_eq!(negotiate(Some("xx-YY es fr"), None, &settings), "es");
    }

    #[test]
    fn browser_languages_only_with_auto_detect() {
        let settings = json!({"languageInfo": {"autoDetect": false, "fallbackLanguage": "ja"}});
        assert_eq!(negotiate(None, Some("de"), &settings), "ja");
        assert_eq!(negotiate(Some("fr"), Some("de"), &settings), "fr");
    }

    #[test]
    fn every_language_logto_ships_is_a_phrases_resource() {
        assert!(TAGS.len() >= 20, "{:?}", *TAGS);
        for tag in ["en", "de", "fr", "ja", "zh-CN", "ar", "pt-BR", "uk-UA"] {
            assert!(TAGS.contains(&tag), "{tag}");
        }
        for (tag, body) in &*BODIES {
            let value: Value = serde_json::from_str(body).unwrap();
            assert!(
                value["translation"]["action"]["sign_in"].is_string(),
                "{tag}"
            );
        }
    }

    #[test]
    fn negotiates_every_shipped_language() {
        let settings = json!({"languageInfo": {"autoDetect": true, "fallbackLanguage": "en"}});
        assert_eq!(negotiate(Some("pt-br"), None, &settings), "pt-BR");
        assert_eq!(negotiate(Some("ko"), None, &settings), "ko");
        assert_eq!(negotiate(None, Some("uk"), &settings), "uk-UA");
    }
}
