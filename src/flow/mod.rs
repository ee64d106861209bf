//! The sign-in logic, free of the browser: what to call next and where to
//! go after an answer. Pages hold the state; these modules decide.

pub mod captcha;
pub mod code;
pub mod consent;
pub mod device;
pub mod extra_profile;
pub mod landing;
pub mod magic_link;
pub mod next_step;
pub mod password_policy;
pub mod redirect;
pub mod route;
pub mod sign_in;
pub mod social;
pub mod username;

/// The recorded real settings and phrases the flow tests check against.
#[cfg(test)]
pub(crate) mod recorded {
    use crate::api::ExperienceSettings;

    fn read(file: &str) -> Vec<u8> {
        let path = format!(
            "{}/../shared/logto-contract/well-known/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    /// `well-known/experience.<name>.json`.
    pub fn settings(name: &str) -> ExperienceSettings {
        ExperienceSettings::from_response(200, &read(&format!("experience.{name}.json"))).unwrap()
    }

    /// Whether the recorded English phrases have `key` (dotted).
    pub fn english_has(key: &str) -> bool {
        let phrases: serde_json::Value = serde_json::from_slice(&read("phrases.en.json")).unwrap();
        key.split('.')
            .try_fold(&phrases["translation"], |value, part| value.get(part))
            .is_some()
    }
}
