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
    /// A reset link without `login_hint`: ask for the address first, then
    /// verify `token` for it (Logto's `ResetPasswordLanding`).
    AskEmail { token: String },
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

/// The reset link's start (`/reset-password?one_time_token=`): as
/// [`start`], except that a token without its address asks for the
/// address (the token is bound to it: the server checks they match).
pub fn start_reset(token: Option<String>, email: Option<String>, refused: Option<String>) -> Start {
    match start(token.clone(), email, refused) {
        Start::Invalid => match token.filter(|t| !t.is_empty()) {
            Some(token) => Start::AskEmail { token },
            None => Start::Invalid,
        },
        start => start,
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

/// The documents (phrase keys) a link's "agree" dialog names: those the
/// settings link to.
pub fn terms_documents(settings: &ExperienceSettings) -> Vec<&'static str> {
    [
        (&settings.terms_of_use_url, "description.terms_of_use"),
        (&settings.privacy_policy_url, "description.privacy_policy"),
    ]
    .into_iter()
    .filter(|(url, _)| url.as_deref().is_some_and(|url| !url.is_empty()))
    .map(|(_, key)| key)
    .collect()
}

/// A text of the error page: one of our phrases, or the server's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Phrase(String),
    Server(String),
}

/// What the link page keeps for the error page: `title` (a phrase key)
/// overrides "Invalid link"; `message` is the server's words, or a phrase
/// key when a title is given.
pub fn error_record(title: Option<&str>, message: Option<&str>) -> String {
    serde_json::json!({"title": title, "message": message}).to_string()
}

/// The error page's title and message from the [`error_record`] kept (or
/// none): Logto's "invalid link" texts unless it says otherwise.
pub fn error_texts(record: Option<&str>) -> (Text, Text) {
    let saved: serde_json::Value = record
        .and_then(|text| crate::api::json::parse(text.as_bytes()))
        .unwrap_or_default();
    let text = |key: &str| saved.get(key).and_then(serde_json::Value::as_str);
    let phrase = |key: &str| Text::Phrase(key.to_owned());
    let title = text("title").map_or_else(|| phrase("error.invalid_link"), phrase);
    let message = match (text("title"), text("message")) {
        // A phrase key of ours (terms), else the server's own words.
        (Some(_), Some(key)) => phrase(key),
        (None, Some(message)) => Text::Server(message.to_owned()),
        _ => phrase("error.invalid_link_description"),
    };
    (title, message)
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
    fn a_reset_link_without_its_address_asks_for_it() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            start_reset(some("t"), None, None),
            Start::AskEmail { token: "t".into() }
        );
        assert_eq!(
            start_reset(some("t"), some(""), None),
            Start::AskEmail { token: "t".into() }
        );
        assert_eq!(
            start_reset(some("t"), some("a@b.c"), None),
            Start::Verify {
                token: "t".into(),
                email: "a@b.c".into()
            }
        );
        assert_eq!(start_reset(None, some("a@b.c"), None), Start::Invalid);
        assert_eq!(start_reset(some(""), None, None), Start::Invalid);
        assert_eq!(
            start_reset(some("t"), None, some("Token expired")),
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

    #[test]
    fn the_error_page_reads_what_the_link_page_kept() {
        let phrase = |key: &str| Text::Phrase(key.to_owned());
        let invalid = (
            phrase("error.invalid_link"),
            phrase("error.invalid_link_description"),
        );
        assert_eq!(error_texts(None), invalid);
        assert_eq!(error_texts(Some("not json")), invalid);
        assert_eq!(error_texts(Some(&error_record(None, None))), invalid);
        assert_eq!(
            error_texts(Some(&error_record(None, Some("Token expired")))),
            (
                phrase("error.invalid_link"),
                Text::Server("Token expired".into())
            )
        );
        let terms = error_record(
            Some("error.terms_acceptance_required"),
            Some("error.terms_acceptance_required_description"),
        );
        assert_eq!(
            error_texts(Some(&terms)),
            (
                phrase("error.terms_acceptance_required"),
                phrase("error.terms_acceptance_required_description")
            )
        );
    }

    #[test]
    fn the_dialog_names_the_linked_documents() {
        let mut settings = fixtures::settings("terms-privacy");
        assert_eq!(
            terms_documents(&settings),
            ["description.terms_of_use", "description.privacy_policy"]
        );
        settings.terms_of_use_url = Some(String::new());
        assert_eq!(terms_documents(&settings), ["description.privacy_policy"]);
    }
}
