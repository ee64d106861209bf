//! Google One Tap: Google's credential arrives on the Google connector's
//! callback without a round trip of ours before it (no `state`, no
//! verification record), from the page's own One Tap or from an
//! application that passed its credential through the authorization
//! request (Logto's `use-social-sign-in-listener.ts`).

use super::{social::Provider, Journeys, Key, Outcome, Pending};
use crate::{
    api::{ConnectorVerifyRequest, InteractionEvent},
    flow::{
        next_step::Via,
        one_tap::{self, Callback},
    },
};

impl Journeys {
    /// A One Tap credential on `connector_id`'s callback (`params`: its
    /// query; `csrf_cookie`: Google's `g_csrf_token` cookie; `redirect_uri`
    /// as Google was told): a new sign-in interaction, the credential
    /// verified (Logto creates its record), then identified and submitted;
    /// a new identity goes on as a social one (registration, linking).
    /// `None` when the callback is not One Tap's.
    pub async fn finish_one_tap(
        &self,
        connector_id: &str,
        params: &[(String, String)],
        csrf_cookie: Option<&str>,
        redirect_uri: &str,
    ) -> Option<Outcome> {
        let mut connector_data = match one_tap::callback(params, csrf_cookie) {
            Callback::NotOneTap => return None,
            Callback::Forged => return Some(Outcome::ForgedCallback),
            Callback::Credential(data) => data,
        };
        connector_data.insert("redirectUri".into(), redirect_uri.into());
        let result = async {
            self.start(InteractionEvent::SignIn, None).await?;
            let request = ConnectorVerifyRequest {
                connector_data,
                verification_id: None,
            };
            let verified = self.client.social_verify(connector_id, &request).await?;
            // What registration or linking reads if the identity is new.
            self.session.set_json(
                Key::Provider,
                Some(&Pending {
                    connector_id: connector_id.to_owned(),
                    provider: Provider::Social,
                    verification_id: verified.verification_id.clone(),
                    verified: true,
                    staged: false,
                }),
            );
            self.session.remember_event(&InteractionEvent::SignIn);
            self.identify_and_submit(Some(verified.verification_id))
                .await
        }
        .await;
        Some(self.settle(&InteractionEvent::SignIn, &Via::Social, result))
    }
}
