//! The magic link's decisions (`/one-time-token`, Logto's
//! `pages/OneTimeToken`): whether the link can be used at all, and whether
//! terms must be agreed to first.

use crate::api::settings::{AgreeToTermsPolicy, ExperienceSettings};

/// What the page does with its query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// Core refused the link before the page (`errorMessage`): the error
    /// page with that message.
    Refused(String),
    /// No token or no e-mail: the "invalid link" page.
    Invalid,
    /// Verify `token` for `email`.
    Verify { token: String, email: String },
}

/// The page's start from the values of `one_time_token`, `login_hint` and
/// `errorMessage`.
pub fn start(token: Option<String>, email: Option<String>, refused: Option<String>) -> Start {
    if let Some(message) = refused.filter(|message| !message.is_empty()) {
        return Start::Refused(message);
    }
    match (
        token.filter(|t| !t.is_empty()),
        email.filter(|e| !e.is_empty()),
    ) {
        (Some(token), Some(email)) => Start::Verify { token, email },
        _ => Start::Invalid,
    }
}

/// Whether the terms must be agreed to before `registering` (or, with
/// `Manual`, before signing in at all). Terms without any document never
/// need agreement.
pub fn terms_needed(settings: &ExperienceSettings, registering: bool) -> bool {
    crate::flow::landing::terms(settings, registering) == crate::flow::landing::Terms::Checkbox
        && (registering || settings.agree_to_terms_policy == AgreeToTermsPolicy::Manual)
}

/// Whether `search` (a `location.search`) is a magic link that `/sign-in`
/// or `/register` must forward to `/one-time-token` (Logto's core puts the
/// parameters on the first screen when no session exists).
pub fn forwards(search: &str) -> bool {
    crate::session::query_param(search, "one_time_token").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::fixtures;

    #[test]
    fn starts() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            start(some("t"), some("a@b.c"), None),
            Start::Verify {
                token: "t".into(),
                email: "a@b.c".into()
            }
        );
        assert_eq!(start(some("t"), None, None), Start::Invalid);
        assert_eq!(start(None, some("a@b.c"), None), Start::Invalid);
        assert_eq!(start(some(""), some("a@b.c"), None), Start::Invalid);
        assert_eq!(
            start(some("t"), some("a@b.c"), some("Token expired")),
            Start::Refused("Token expired".into())
        );
    }

    #[test]
    fn terms_follow_the_policy() {
        let mut settings = fixtures::settings("terms-privacy");
        settings.agree_to_terms_policy = AgreeToTermsPolicy::Manual;
        assert!(terms_needed(&settings, false));
        assert!(terms_needed(&settings, true));
        settings.agree_to_terms_policy = AgreeToTermsPolicy::ManualRegistrationOnly;
        assert!(!terms_needed(&settings, false));
        assert!(terms_needed(&settings, true));
        settings.agree_to_terms_policy = AgreeToTermsPolicy::Automatic;
        assert!(!terms_needed(&settings, true));
        settings.terms_of_use_url = None;
        settings.privacy_policy_url = None;
        settings.agree_to_terms_policy = AgreeToTermsPolicy::Manual;
        assert!(!terms_needed(&settings, false));
    }

    #[test]
    fn forwards_magic_links_only() {
        assert!(forwards("?app_id=a&one_time_token=t&login_hint=x"));
        assert!(!forwards("?app_id=a&login_hint=x"));
        assert!(!forwards("?one_time_token="));
    }
}
