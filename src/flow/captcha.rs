//! Captcha decisions (Logto's `CaptchaContextProvider`): which script to
//! load and whether the provider shows a widget. The script's host is one
//! of the provider's own, never a string from an answer.

use crate::api::settings::{CaptchaConfig, CaptchaType, ExperienceSettings, RecaptchaMode};

/// The hosts reCAPTCHA Enterprise is served from (`captchaConfig.domain`);
/// Logto's CSP allows exactly these.
const RECAPTCHA_HOSTS: [&str; 2] = ["www.google.com", "recaptcha.net"];

/// The captcha of these settings, when enabled and configured.
pub fn config(settings: &ExperienceSettings) -> Option<&CaptchaConfig> {
    if settings.captcha_enabled() {
        settings.captcha_config.as_ref()
    } else {
        None
    }
}

/// The provider's script: Turnstile's, or reCAPTCHA Enterprise's from the
/// configured host (`www.google.com` unless `recaptcha.net`), explicit
/// rendering for the checkbox, the site key for the invisible mode.
pub fn script_url(config: &CaptchaConfig) -> String {
    match config.captcha_type {
        CaptchaType::RecaptchaEnterprise => {
            let host = config
                .domain
                .as_deref()
                .and_then(|domain| RECAPTCHA_HOSTS.iter().find(|host| **host == domain))
                .unwrap_or(&RECAPTCHA_HOSTS[0]);
            let render = if has_widget(config) {
                "explicit".to_owned()
            } else {
                crate::api::client::encode_component(&config.site_key)
            };
            format!("https://{host}/recaptcha/enterprise.js?render={render}")
        }
        _ => "https://challenges.cloudflare.com/turnstile/v0/api.js".to_owned(),
    }
}

/// Whether the provider renders a widget in the form (Turnstile, the
/// reCAPTCHA checkbox) rather than running invisibly.
pub fn has_widget(config: &CaptchaConfig) -> bool {
    config.captcha_type != CaptchaType::RecaptchaEnterprise
        || config.mode == Some(RecaptchaMode::Checkbox)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::fixtures;

    fn recaptcha(domain: Option<&str>, mode: Option<RecaptchaMode>) -> CaptchaConfig {
        CaptchaConfig {
            captcha_type: CaptchaType::RecaptchaEnterprise,
            site_key: "key&x".into(),
            domain: domain.map(str::to_owned),
            mode,
        }
    }

    #[test]
    fn the_recorded_turnstile_settings_load_turnstile() {
        let settings = fixtures::settings("captcha");
        let config = config(&settings).expect("captcha is on");
        assert_eq!(
            script_url(config),
            "https://challenges.cloudflare.com/turnstile/v0/api.js"
        );
        assert!(has_widget(config));
        assert!(super::config(&fixtures::settings("username-password")).is_none());
    }

    #[test]
    fn recaptcha_loads_from_its_own_hosts_only() {
        assert_eq!(
            script_url(&recaptcha(None, None)),
            "https://www.google.com/recaptcha/enterprise.js?render=key%26x"
        );
        assert_eq!(
            script_url(&recaptcha(
                Some("recaptcha.net"),
                Some(RecaptchaMode::Invisible)
            )),
            "https://recaptcha.net/recaptcha/enterprise.js?render=key%26x"
        );
        assert_eq!(
            script_url(&recaptcha(
                Some("evil.example/x?"),
                Some(RecaptchaMode::Checkbox)
            )),
            "https://www.google.com/recaptcha/enterprise.js?render=explicit"
        );
        assert!(!has_widget(&recaptcha(None, None)));
        assert!(has_widget(&recaptcha(None, Some(RecaptchaMode::Checkbox))));
    }
}
