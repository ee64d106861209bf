//! Consent of third-party applications (`/api/interaction/consent`).

use super::{Journeys, Outcome};
use crate::api::ConsentRequest;

impl Journeys {
    /// Grants the consent (for the chosen organization, if any) and leaves
    /// for the application. `Outcome::Fail` with `oidc.access_denied` means
    /// the person may not use the application.
    pub async fn consent(&self, organization_ids: Option<Vec<String>>) -> Outcome {
        match self
            .client
            .consent(&ConsentRequest { organization_ids })
            .await
        {
            Ok(answer) => self.leave(&answer.redirect_to),
            Err(error) => Outcome::fail(error),
        }
    }
}
