//! Whether the first-load ("lite") build can serve a sign-in experience.
//! It has the common sign-in page only: identifier and password, codes,
//! social buttons, terms. Passkey sign-in, captcha, Google One Tap and
//! enterprise SSO on an email are in the full build alone, which the lite
//! app hands the page over to (`crate::handover::to_full`) for settings
//! that enable one of them.
//!
//! The loader (`Trunk.toml`'s `pattern_script`, `needsFull`) applies the
//! same rule to settings Logto injected into the page and starts the full
//! build directly: change both together (`tests/fixtures/lite.json` holds
//! the cases both are tested against).

use crate::api::{ExperienceSettings, SignInIdentifier};

/// Whether the lite build serves `settings`.
pub fn serves(settings: &ExperienceSettings) -> bool {
    let passkeys = settings.passkey_sign_in.enabled == Some(true);
    let captcha = settings.captcha_enabled();
    let one_tap = settings
        .google_one_tap
        .as_ref()
        .is_some_and(|one_tap| one_tap.is_enabled == Some(true));
    // The SSO of an email's domain is looked up as it is typed; the link to
    // `/single-sign-on` alone is a link.
    let sso_on_email = settings.single_sign_on_enabled
        && settings
            .sign_in
            .methods
            .iter()
            .any(|method| method.identifier == SignInIdentifier::Email);
    !(passkeys || captcha || one_tap || sso_on_email)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// The cases the loader's rule is tested against too
    /// (`tests/package/loader.test.mjs`): a settings fixture, patched.
    #[test]
    fn the_shared_cases() {
        let cases: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/lite.json")).unwrap();
        let cases = cases.as_array().unwrap();
        assert!(cases.len() >= 8);
        for case in cases {
            let mut settings =
                crate::flow::fixtures::settings_json(case["fixture"].as_str().unwrap());
            for (key, value) in case["patch"].as_object().unwrap() {
                settings[key] = value.clone();
            }
            let settings =
                ExperienceSettings::from_response(200, &serde_json::to_vec(&settings).unwrap())
                    .unwrap();
            assert_eq!(serves(&settings), case["lite"].as_bool().unwrap(), "{case}");
        }
    }

    #[test]
    fn sso_without_email_sign_in_keeps_the_link_in_lite() {
        let mut settings = crate::flow::fixtures::settings("username-password");
        settings.single_sign_on_enabled = true;
        assert!(serves(&settings));
        settings.sign_in.methods = crate::flow::fixtures::settings("sso-identifier-first")
            .sign_in
            .methods;
        assert!(!serves(&settings));
    }
}
