//! The device page's decisions (`/device`, Logto's `pages/Device`): the
//! code as typed, the provider's error names, and where the answer to the
//! code's submission leads.

/// The code as shown while typing: upper case (Logto's
/// `normalizeDisplayValue`); the server ignores dashes and spaces.
pub fn display_code(typed: &str) -> String {
    typed.to_uppercase()
}

/// Whether anything code-like was typed (Logto's `hasDeviceCodeValue`).
pub fn has_code(typed: &str) -> bool {
    typed.chars().any(|ch| ch.is_alphanumeric() || ch == '_')
}

/// The phrase for an `error` the provider redirected back with; `None` for
/// `InvalidRequest` (a stale session, shown apart) and no error.
pub fn error_key(error: Option<&str>) -> Option<&'static str> {
    Some(match error? {
        "NoCodeError" => "error.device_code_required",
        "NotFoundError" | "ExpiredError" | "AlreadyUsedError" => "error.invalid_device_code",
        "AbortedError" => "error.device_flow_aborted",
        "InvalidRequest" => return None,
        _ => "error.something_went_wrong",
    })
}

/// The form body of `POST /oidc/device`: `confirm=yes` skips the provider's
/// confirmation step, as Logto's page does.
pub fn request_body(code: &str, xsrf: &str) -> String {
    use crate::api::client::encode_component;
    format!(
        "confirm=yes&user_code={}&xsrf={}",
        encode_component(code),
        encode_component(xsrf)
    )
}

/// `/oidc/device` with the shared parameters (app, organization, locale)
/// that the provider's redirects must keep.
pub fn submit_path(shared: &[(&str, Option<String>)]) -> String {
    let query: Vec<String> = shared
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_deref()
                .filter(|value| !value.is_empty())
                .map(|value| format!("{name}={}", crate::api::client::encode_component(value)))
        })
        .collect();
    if query.is_empty() {
        "/oidc/device".into()
    } else {
        format!("/oidc/device?{}", query.join("&"))
    }
}

/// Where the submission's answer leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Back to a `/device...` page (an error, confirm mode or success):
    /// navigate in the app.
    Device(String),
    /// The sign-in that authorizes the device (`/sign-in?app_id=...`): a
    /// full page load, so that the application's settings load.
    Leave(String),
    /// `200` without a redirect: done.
    Success,
    /// The provider refused the request (`invalid_request`: the session
    /// expired) or failed.
    Failed { invalid_session: bool },
}

/// The answer to the `fetch` of `POST /oidc/device`: its final URL when a
/// redirect was followed, its status, its JSON `error`. Only same-origin
/// targets are followed.
pub fn answer(origin: &str, redirected_to: Option<&str>, ok: bool, error: Option<&str>) -> Answer {
    if let Some(url) = redirected_to {
        let path = url.strip_prefix(origin).unwrap_or_default();
        if !path.starts_with('/') || path.starts_with("//") {
            return Answer::Failed {
                invalid_session: false,
            };
        }
        let bare = path.split(['?', '#']).next().unwrap_or_default();
        return if bare == "/device" || bare.starts_with("/device/") {
            Answer::Device(path.to_owned())
        } else {
            Answer::Leave(path.to_owned())
        };
    }
    if ok {
        return Answer::Success;
    }
    Answer::Failed {
        invalid_session: error == Some("invalid_request"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::fixtures;

    #[test]
    fn codes_show_in_upper_case_and_need_a_character() {
        assert_eq!(display_code("bcdf-ghjk"), "BCDF-GHJK");
        assert!(has_code(" a-"));
        assert!(!has_code(" - "));
        assert!(!has_code(""));
    }

    #[test]
    fn provider_errors_have_phrases() {
        for error in [
            "NoCodeError",
            "NotFoundError",
            "ExpiredError",
            "AlreadyUsedError",
            "AbortedError",
            "Other",
        ] {
            let key = error_key(Some(error)).unwrap();
            assert!(fixtures::english_has(key), "{key}");
        }
        assert_eq!(error_key(Some("InvalidRequest")), None);
        assert_eq!(error_key(None), None);
    }

    #[test]
    fn builds_the_submission() {
        assert_eq!(
            request_body("BCDF GHJK", "x&y"),
            "confirm=yes&user_code=BCDF%20GHJK&xsrf=x%26y"
        );
        assert_eq!(submit_path(&[("app_id", None)]), "/oidc/device");
        assert_eq!(
            submit_path(&[
                ("app_id", Some("a b".into())),
                ("organization_id", Some(String::new())),
                ("ui_locales", Some("fr".into()))
            ]),
            "/oidc/device?app_id=a%20b&ui_locales=fr"
        );
    }

    #[test]
    fn answers_lead_in_the_app_or_out_to_sign_in() {
        let origin = "http://localhost:8080";
        assert_eq!(
            answer(
                origin,
                Some("http://localhost:8080/device?error=NotFoundError"),
                true,
                None
            ),
            Answer::Device("/device?error=NotFoundError".into())
        );
        assert_eq!(
            answer(
                origin,
                Some("http://localhost:8080/device/success"),
                true,
                None
            ),
            Answer::Device("/device/success".into())
        );
        assert_eq!(
            answer(
                origin,
                Some("http://localhost:8080/sign-in?app_id=x"),
                true,
                None
            ),
            Answer::Leave("/sign-in?app_id=x".into())
        );
        assert_eq!(
            answer(origin, Some("https://evil.example/"), true, None),
            Answer::Failed {
                invalid_session: false
            }
        );
        assert_eq!(
            answer(origin, Some("http://localhost:8080//evil"), true, None),
            Answer::Failed {
                invalid_session: false
            }
        );
        assert_eq!(answer(origin, None, true, None), Answer::Success);
        assert_eq!(
            answer(origin, None, false, Some("invalid_request")),
            Answer::Failed {
                invalid_session: true
            }
        );
    }
}
