//! The sign-in logic, free of the browser: what to call next and where to
//! go after an answer. Pages hold the state; these modules decide.

#[cfg(feature = "full")]
pub mod captcha;
pub mod code;
#[cfg(feature = "full")]
pub mod consent;
#[cfg(feature = "full")]
pub mod device;
#[cfg(feature = "full")]
pub mod extra_profile;
pub mod landing;
// The lite build's own question (the full build serves every setting).
#[cfg(any(test, not(feature = "full")))]
pub mod lite;
pub mod magic_link;
pub mod mfa;
pub mod native;
pub mod next_step;
pub mod one_tap;
pub mod password_policy;
pub mod redirect;
pub mod route;
pub mod sign_in;
pub mod social;
#[cfg(feature = "full")]
pub mod username;

/// The sign-in experience configurations the flow tests decide on
/// (`tests/fixtures/settings/`, each a patch over the simulator's default
/// settings), and Logto's English phrases.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::api::ExperienceSettings;
    use serde_json::Value;

    fn read(path: &str) -> Value {
        let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        serde_json::from_slice(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    /// The configuration `tests/fixtures/settings/<name>.json`.
    pub fn settings(name: &str) -> ExperienceSettings {
        let settings = settings_json(name);
        ExperienceSettings::from_response(200, &serde_json::to_vec(&settings).unwrap()).unwrap()
    }

    /// The same, as the server's JSON.
    pub fn settings_json(name: &str) -> Value {
        let mut settings = read("simulator/data/settings.default.json");
        let patch = read(&format!("tests/fixtures/settings/{name}.json"));
        for (key, value) in patch.as_object().expect("a settings patch is an object") {
            settings[key] = value.clone();
        }
        settings
    }

    /// Whether Logto's English phrases (`@logto/phrases-experience`) have
    /// `key` (dotted).
    pub fn english_has(key: &str) -> bool {
        english(key).is_some()
    }

    /// Whether `key` names one text rather than a family of them.
    pub fn english_leaf(key: &str) -> bool {
        english(key).as_ref().is_some_and(Value::is_string)
    }

    fn english(key: &str) -> Option<Value> {
        let english: Value =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/en.all.json"))).unwrap();
        key.split('.')
            .try_fold(&english["translation"], |value, part| value.get(part))
            .cloned()
    }
}
