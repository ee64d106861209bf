//! `GET /api/.well-known/phrases?lng=`: the page's texts, negotiated as Logto
//! does (reference §2.2): each `lng` token, then `Accept-Language` by quality
//! when `languageInfo.autoDetect` is on, then `languageInfo.fallbackLanguage`;
//! exact tag first, then the same primary language; else English. The
//! resolved tag comes back in `Content-Language`.
//!
//! The texts are the real server's answers recorded in
//! `shared/logto-contract/well-known/phrases.*.json`, for the six languages
//! recorded there.

use axum::{
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};
use serde_json::Value;

const TAGS: &[&str] = &["en", "de", "fr", "ja", "zh-CN", "ar"];

const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../data/phrases/en.json")),
    ("de", include_str!("../data/phrases/de.json")),
    ("fr", include_str!("../data/phrases/fr.json")),
    ("ja", include_str!("../data/phrases/ja.json")),
    ("zh-CN", include_str!("../data/phrases/zh-CN.json")),
    ("ar", include_str!("../data/phrases/ar.json")),
];

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
    crate::i18n::best_match(candidates, TAGS).unwrap_or("en")
}

/// The phrases response for the negotiated language.
pub fn respond(lng: Option<&str>, headers: &HeaderMap, settings: &Value) -> Response {
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    let language = negotiate(lng, accept_language, settings);
    let body = LANGUAGES
        .iter()
        .find(|(tag, _)| *tag == language)
        .map_or(LANGUAGES[0].1, |(_, body)| body);
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
        assert_eq!(negotiate(Some("pt es fr"), None, &settings), "fr");
    }

    #[test]
    fn browser_languages_only_with_auto_detect() {
        let settings = json!({"languageInfo": {"autoDetect": false, "fallbackLanguage": "ja"}});
        assert_eq!(negotiate(None, Some("de"), &settings), "ja");
        assert_eq!(negotiate(Some("fr"), Some("de"), &settings), "fr");
    }

    #[test]
    fn every_bundled_file_is_a_phrases_resource() {
        let tags: Vec<_> = LANGUAGES.iter().map(|(tag, _)| *tag).collect();
        assert_eq!(tags, TAGS);
        for (tag, body) in LANGUAGES {
            let value: Value = serde_json::from_str(body).unwrap();
            assert!(
                value["translation"]["action"]["sign_in"].is_string(),
                "{tag}"
            );
        }
    }
}
