//! Texts of the page: the server's phrases, formatted as i18next does, with a
//! small bundled English set for what is shown before (or without) them.

pub mod format;
pub mod plural;

use crate::api::Phrases;
pub use format::{Arg, Segment};

/// The bundled English phrases: enough for the first screen and for errors
/// when the phrases cannot be loaded.
const BUNDLED_ENGLISH: &str = include_str!("en.json");

/// The phrases in use and the language they are in.
#[derive(Debug, Clone)]
pub struct I18n {
    phrases: Phrases,
    fallback: Phrases,
    words: format::ListWords,
}

impl Default for I18n {
    fn default() -> Self {
        Self::new(None)
    }
}

impl I18n {
    /// Texts from the server's `phrases`, falling back key by key to the
    /// bundled English; `None` until (or unless) they arrive.
    pub fn new(phrases: Option<Phrases>) -> Self {
        let fallback = bundled_english();
        let phrases = phrases.unwrap_or_else(|| fallback.clone());
        let word = |key: &str, default: &str| {
            phrases
                .get(key)
                .or_else(|| fallback.get(key))
                .unwrap_or(default)
                .to_owned()
        };
        let words = format::ListWords {
            and: word("list.and", "and"),
            or: word("list.or", "or"),
            separator: word("list.separator", ","),
        };
        Self {
            phrases,
            fallback,
            words,
        }
    }

    /// The language tag of the texts (the server's `Content-Language`).
    pub fn language(&self) -> &str {
        self.phrases.language.as_deref().unwrap_or("en")
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        is_rtl(self.language())
    }

    /// The phrase at `key`, else the bundled English one, else the key
    /// itself, so that a missing phrase shows up instead of a blank.
    pub fn t(&self, key: &str) -> String {
        self.raw(key).unwrap_or(key).to_owned()
    }

    /// The phrase at `key`, if the phrases (or the bundled English) have it.
    pub fn get(&self, key: &str) -> Option<String> {
        self.raw(key).map(str::to_owned)
    }

    /// The phrase at `key` with its `{{placeholders}}` filled.
    pub fn t_with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        format::interpolate(self.raw(key).unwrap_or(key), args, &self.words)
    }

    /// The plural form of `key` for `count` (`key_one`, `key_other`, ...),
    /// with `{{count}}` and the other placeholders filled.
    pub fn t_count(&self, key: &str, count: u64, args: &[(&str, Arg)]) -> String {
        let category = plural::category(self.language(), count);
        let template = self
            .raw(&format!("{key}_{category}"))
            .or_else(|| self.raw(&format!("{key}_other")))
            .or_else(|| self.raw(key))
            .unwrap_or(key);
        let mut all = vec![("count", Arg::Number(count))];
        all.extend(args.iter().cloned());
        format::interpolate(template, &all, &self.words)
    }

    /// The phrase at `key` split into text and rich-text slots.
    pub fn segments(&self, key: &str, args: &[(&str, Arg)]) -> Vec<Segment> {
        format::segments(&self.t_with(key, args))
    }

    fn raw(&self, key: &str) -> Option<&str> {
        self.phrases.get(key).or_else(|| self.fallback.get(key))
    }
}

fn bundled_english() -> Phrases {
    let mut phrases: Phrases =
        serde_json::from_str(BUNDLED_ENGLISH).expect("bundled English phrases are valid JSON");
    phrases.language = Some("en".into());
    phrases
}

/// Whether a language tag is written right to left: Arabic and Persian among
/// Logto's built-in languages, and the other right-to-left scripts a tenant
/// may add as a custom language.
pub fn is_rtl(tag: &str) -> bool {
    let base = tag.split(['-', '_']).next().unwrap_or_default();
    matches!(
        base.to_ascii_lowercase().as_str(),
        "ar" | "fa" | "he" | "iw" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(language: &str, body: &str) -> I18n {
        I18n::new(Some(
            Phrases::from_response(200, Some(language), body.as_bytes()).unwrap(),
        ))
    }

    #[test]
    fn falls_back_to_bundled_english_then_to_the_key() {
        let i18n = server(
            "fr",
            r#"{"translation":{"action":{"sign_in":"Se connecter"}}}"#,
        );
        assert_eq!(i18n.t("action.sign_in"), "Se connecter");
        assert_eq!(i18n.t("action.continue"), "Continue");
        assert_eq!(i18n.t("action.nowhere"), "action.nowhere");
        assert_eq!(I18n::default().t("action.sign_in"), "Sign in");
    }

    #[test]
    fn picks_plural_forms_by_language() {
        let body = r#"{"translation":{"d":{"length_one":"{{count}} character","length_other":"{{count}} characters","length_two":"two: {{count}}"}}}"#;
        let en = server("en", body);
        assert_eq!(en.t_count("d.length", 1, &[]), "1 character");
        assert_eq!(en.t_count("d.length", 8, &[]), "8 characters");
        let ar = server("ar", body);
        assert_eq!(ar.t_count("d.length", 2, &[]), "two: 2");
        assert_eq!(ar.t_count("d.length", 5, &[]), "5 characters");
    }

    #[test]
    fn uses_the_phrases_list_words() {
        let i18n = server(
            "fr",
            r#"{"translation":{"list":{"or":"ou","and":"et","separator":","},"e":"{{t, list(type: disjunction;)}} requis"}}"#,
        );
        let types: Arg = vec!["e-mail".to_string(), "téléphone".into()].into();
        assert_eq!(
            i18n.t_with("e", &[("t", types)]),
            "e-mail ou téléphone requis"
        );
    }

    #[test]
    fn knows_right_to_left_languages() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("fa-IR"));
        assert!(is_rtl("he"));
        assert!(!is_rtl("en"));
        assert!(!is_rtl("zh-CN"));
        assert!(server("ar", r#"{"translation":{}}"#).is_rtl());
    }

    #[test]
    fn bundled_english_matches_the_servers_english() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/logto-contract/well-known/phrases.en.json"
        );
        let body = std::fs::read(path).expect("the recorded English phrases");
        let server = Phrases::from_response(200, Some("en"), &body).unwrap();
        fn leaves(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, value) in map {
                        let key = if prefix.is_empty() {
                            key.clone()
                        } else {
                            format!("{prefix}.{key}")
                        };
                        leaves(&key, value, out);
                    }
                }
                serde_json::Value::String(text) => out.push((prefix.to_owned(), text.clone())),
                _ => {}
            }
        }
        let mut bundled = Vec::new();
        leaves(
            "",
            &serde_json::json!(bundled_english().translation),
            &mut bundled,
        );
        assert!(bundled.len() > 10);
        for (key, text) in bundled {
            // Our own texts, for what Logto's phrases have no key for.
            if key.starts_with("logto_experience.") {
                continue;
            }
            assert_eq!(server.get(&key), Some(text.as_str()), "{key}");
        }
    }
}
