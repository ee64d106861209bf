//! What a journey ends in, for a view to render.

use crate::{
    api::ApiError,
    flow::{
        next_step::{Field, NextStep},
        password_policy::Rule,
        route::Route,
    },
};

/// The end of a journey.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The interaction is done: leave for the application at this (checked
    /// http(s)) address. The session's interaction keys are cleared.
    Leave(String),
    /// Go to this page of the experience; what it needs is in the
    /// session.
    Go(Route),
    /// A password reset is done: the person signs in with the new one.
    PasswordReset,
    /// The page asks the person before going on ("create an account?",
    /// "sign in instead?", an expired password, a notice to confirm).
    Ask { step: NextStep, error: ApiError },
    /// Show `error` next to `field`; `clear` empties that input (a refused
    /// password or code is never kept).
    Fail {
        field: Field,
        error: ApiError,
        clear: bool,
    },
    /// The new password breaks these rules of the policy.
    Rejected { rules: Vec<Rule>, error: ApiError },
    /// The server's redirect is not a web address: refused, never followed.
    RedirectRefused(String),
    /// The captcha provider gave no token: nothing was sent.
    CaptchaFailed,
    /// The application refuses this person (`oidc.access_denied` on
    /// consent): the only way on is to sign out.
    AccessDenied(ApiError),
    /// A provider's callback whose `state` is not the one sent (forged,
    /// replayed, or from another browser): never verified.
    ForgedCallback,
    /// The tenant asks for the terms to be agreed to before anyone
    /// registers, and this person has not agreed
    /// ([`crate::journeys::Session::agree_to_terms`]): nothing was sent.
    TermsRequired,
}

impl Outcome {
    /// The flow goes on elsewhere (another page, or away): the page's
    /// interaction is no longer its own to retry on.
    pub fn leaves_page(&self) -> bool {
        matches!(self, Self::Leave(_) | Self::Go(_))
    }

    /// A failure shown at the form as a whole.
    pub fn fail(error: ApiError) -> Self {
        Self::Fail {
            field: Field::Form,
            error,
            clear: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_going_elsewhere_leaves_the_page() {
        assert!(Outcome::Leave("https://app.example/cb".into()).leaves_page());
        assert!(Outcome::Go(Route::RegisterPassword).leaves_page());
        assert!(!Outcome::CaptchaFailed.leaves_page());
        assert!(!Outcome::TermsRequired.leaves_page());
    }
}
