//! `GET /api/.well-known/phrases?lng=<tags>`: the UI texts, as the server
//! resolved them (built-in language merged with the tenant's custom phrases).
//!
//! The resource stays a JSON tree: keys are only ever looked up, and the
//! formatting (interpolation, plurals, rich-text slots) belongs to the i18n
//! layer, not to the API client.

use serde_json::{Map, Value};

/// A phrases resource and the language the server actually returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrases {
    /// The `Content-Language` response header: the resolved tag, which may
    /// differ from the requested one (`pt` → `pt-PT`, unknown → `en`).
    pub language: Option<String>,
    /// The i18next namespace `translation`: `input`, `action`, `error`, ...
    pub translation: Map<String, Value>,
}

impl Phrases {
    /// Decodes a phrases response; `content_language` is the header value.
    pub fn from_response(
        status: u16,
        content_language: Option<&str>,
        body: &[u8],
    ) -> Result<Self, super::ApiError> {
        let value = super::error::decode_value(status, body)?;
        let mut phrases = Self::from_value(value)
            .ok_or_else(|| super::error::malformed(status, "missing `translation`"))?;
        phrases.language = content_language
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned);
        Ok(phrases)
    }

    /// A resource `{"translation": {...}}` (taken, not copied: it is large;
    /// out of the map taken apart, as removing a key rebalances the map:
    /// more code).
    pub fn from_value(value: Value) -> Option<Self> {
        let Value::Object(resource) = value else {
            return None;
        };
        let (_, translation) = resource.into_iter().find(|(key, _)| key == "translation")?;
        match translation {
            Value::Object(translation) => Some(Self {
                language: None,
                translation,
            }),
            _ => None,
        }
    }

    /// The phrase at a dotted key such as `action.sign_in`, if it is a
    /// string.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.get_value(key)?.as_str()
    }

    /// The value (string or nested group) at a dotted key.
    pub fn get_value(&self, key: &str) -> Option<&Value> {
        let mut parts = key.split('.');
        let mut value = self.translation.get(parts.next()?)?;
        for part in parts {
            value = value.as_object()?.get(part)?;
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_dotted_keys() {
        let body = br#"{"translation":{"action":{"sign_in":"Sign in"},"error":{"password_rejected":{"too_short":"Min {{min}}"}}}}"#;
        let phrases = Phrases::from_response(200, Some("en"), body).unwrap();
        assert_eq!(phrases.language.as_deref(), Some("en"));
        assert_eq!(phrases.get("action.sign_in"), Some("Sign in"));
        assert_eq!(
            phrases.get("error.password_rejected.too_short"),
            Some("Min {{min}}")
        );
        assert_eq!(phrases.get("error.password_rejected"), None);
        assert!(phrases.get_value("error.password_rejected").is_some());
        assert_eq!(phrases.get("action.missing"), None);
        assert_eq!(phrases.get("action.sign_in.deeper"), None);
        assert_eq!(phrases.get(""), None);
    }
}
