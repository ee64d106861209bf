//! Error messages in the caller's language (from the `locale` query
//! parameter or `Accept-Language`), as Logto's i18next answers them: the
//! messages of Logto's published `@logto/phrases` (generated at build time by
//! `build.rs`), in the negotiated language, else in English; and, for the few
//! codes only the simulator raises, English texts of our own
//! (`data/messages.own.json`).

use std::{collections::HashMap, sync::LazyLock};

type Table = HashMap<String, HashMap<String, String>>;

static LOGTO: LazyLock<Table> = LazyLock::new(|| {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/errors.json"))).unwrap_or_default()
});

static OWN: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../data/messages.own.json")).unwrap_or_default()
});

pub const FALLBACK: &str = "en";

/// The languages of Logto's error messages (sorted).
static LANGUAGES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut tags: Vec<&'static str> = LOGTO.keys().map(String::as_str).collect();
    tags.sort_unstable();
    tags
});

/// The message template of `code` in `language` (English if untranslated).
pub fn template(language: &str, code: &str) -> Option<&'static str> {
    let logto = &*LOGTO;
    logto
        .get(language)
        .and_then(|table| table.get(code))
        .or_else(|| logto.get(FALLBACK).and_then(|table| table.get(code)))
        .or_else(|| OWN.get(code))
        .map(String::as_str)
}

/// Fills `{{name}}` (or `{{ name }}`) placeholders; unknown ones stay, as
/// they do in Logto's answers.
pub fn interpolate(template: &str, params: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in params {
        out = out
            .replace(&format!("{{{{{name}}}}}"), value)
            .replace(&format!("{{{{ {name} }}}}"), value);
    }
    out
}

/// The supported language that best matches the request: the `locale`
/// query parameter, then `Accept-Language` by quality; exact tags first,
/// then the same primary language (`de-CH` → `de`).
pub fn negotiate(locale: Option<&str>, accept_language: Option<&str>) -> &'static str {
    let candidates = locale
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(by_quality(accept_language));
    best_match(candidates, &LANGUAGES).unwrap_or(FALLBACK)
}

/// The tags of an `Accept-Language` header, best first; equal qualities
/// keep the header's order.
pub fn by_quality(accept_language: Option<&str>) -> Vec<&str> {
    let mut ranked: Vec<(f32, &str)> = accept_language
        .unwrap_or_default()
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let quality = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            (!tag.is_empty() && tag != "*").then_some((quality, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().map(|(_, tag)| tag).collect()
}

/// The first candidate `supported` has, by exact tag or, failing that, by
/// primary language, as Logto negotiates.
pub fn best_match<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    supported: &[&'static str],
) -> Option<&'static str> {
    for candidate in candidates {
        if let Some(exact) = supported
            .iter()
            .find(|tag| tag.eq_ignore_ascii_case(candidate))
        {
            return Some(exact);
        }
        let primary = candidate.split(['-', '_']).next().unwrap_or_default();
        if let Some(base) = supported.iter().find(|tag| {
            tag.split('-')
                .next()
                .is_some_and(|own| own.eq_ignore_ascii_case(primary))
        }) {
            return Some(base);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_like_logto() {
        assert_eq!(negotiate(None, None), "en");
        assert_eq!(negotiate(None, Some("de-CH,de;q=0.9")), "de");
        assert_eq!(negotiate(None, Some("xx, fr;q=0.5, ja;q=0.8")), "ja");
        assert_eq!(negotiate(None, Some("zh-cn")), "zh-CN");
        assert_eq!(negotiate(Some("fr"), Some("de")), "fr");
        assert_eq!(negotiate(None, Some("*")), "en");
        assert_eq!(negotiate(None, Some("es, de;q=0.5")), "es");
        assert_eq!(negotiate(None, Some("pt-BR")), "pt-BR");
        assert!(LANGUAGES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn catalogs_fit_together() {
        let english = &LOGTO[FALLBACK];
        assert!(english.len() > 300, "Logto's English error messages");
        for (language, table) in &*LOGTO {
            for code in table.keys() {
                assert!(
                    english.contains_key(code),
                    "{code} ({language}) has no English text"
                );
            }
        }
        for code in OWN.keys() {
            assert!(
                !english.contains_key(code),
                "{code} has a text of Logto's now"
            );
        }
        // Logto's own text, also for the codes the recordings never showed.
        assert_eq!(
            template("en", "user.totp_already_in_use"),
            english.get("user.totp_already_in_use").map(String::as_str)
        );
        assert!(template("de", "user.totp_already_in_use").is_some());
    }

    #[test]
    fn translations_and_placeholders() {
        assert_eq!(
            template("de", "session.invalid_credentials"),
            Some("Ungültige Zugangsdaten. Überprüfe deine Eingaben.")
        );
        assert_ne!(
            template("ja", "session.invalid_credentials"),
            template("en", "session.invalid_credentials")
        );
        assert_eq!(
            interpolate(template("en", "guard.invalid_input").unwrap(), &[]),
            "The request {{type}} is invalid."
        );
        assert_eq!(
            interpolate(
                "User with {{ identifier }} does not exist.",
                &[("identifier", "a@b.c".into())]
            ),
            "User with a@b.c does not exist."
        );
    }
}
