//! Consent of third-party applications (`/api/interaction/consent`).

use super::{Journeys, Outcome};
use crate::api::{ApiError, ConsentInfo, ConsentRequest, ErrorCode};

/// What the consent page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Consent {
    /// Ask the person: the application, its scopes, their organizations.
    Ask(Box<ConsentInfo>),
    /// The application refuses this person (`oidc.access_denied`): the
    /// only way on is to sign out.
    Denied(ApiError),
    /// Anything else, to show.
    Failed(ApiError),
}

impl Journeys {
    /// What the application asks for, and of whom.
    pub async fn consent_info(&self) -> Consent {
        match self.client.consent_info().await {
            Ok(info) => Consent::Ask(Box::new(info)),
            Err(error) if error.is(&ErrorCode::OidcAccessDenied) => Consent::Denied(error),
            Err(error) => Consent::Failed(error),
        }
    }

    /// Grants the consent (for the chosen organization, if any) and leaves
    /// for the application. [`Outcome::AccessDenied`] when the person may
    /// not use the application.
    pub async fn consent(&self, organization_ids: Option<Vec<String>>) -> Outcome {
        match self
            .client
            .consent(&ConsentRequest { organization_ids })
            .await
        {
            Ok(answer) => self.leave(&answer.redirect_to),
            Err(error) if error.is(&ErrorCode::OidcAccessDenied) => Outcome::AccessDenied(error),
            Err(error) => Outcome::fail(error),
        }
    }
}
