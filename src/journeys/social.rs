//! Social and enterprise SSO sign-in: the round trip to the provider and
//! what the identity then needs (sign-in, registration, linking).

use serde::Serialize;

use super::{Journeys, Key, Outcome};
use crate::{
    api::{
        json::{from_json, Decoded, FromJson, Mismatch},
        ApiError, AuthorizationUriRequest, ConnectorVerifyRequest, IdentificationRequest,
        InteractionEvent, InteractionEventRequest, ProfileRequest,
    },
    flow::{
        next_step::Via,
        redirect,
        social::{
            check_state, connector_data, fallback_key, handoff_fresh, StateCheck, HANDOFF_TTL_MS,
        },
    },
};

/// Which API a connector belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Provider {
    Social,
    Sso,
}

impl FromJson for Provider {
    fn from_json(value: &serde_json::Value) -> Decoded<Self> {
        match value.as_str() {
            Some("Social") => Ok(Self::Social),
            Some("Sso") => Ok(Self::Sso),
            _ => Err(Mismatch::WRONG),
        }
    }
}

impl Provider {
    fn via(self) -> Via {
        match self {
            Self::Social => Via::Social,
            Self::Sso => Via::Sso,
        }
    }

    /// Logto's name of the flow in a fallback copy.
    fn flow(self) -> &'static str {
        match self {
            Self::Social => "social",
            Self::Sso => "sso",
        }
    }
}

/// An email whose domain has enterprise SSO, and its connectors.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoChoice {
    pub email: String,
    pub connector_ids: Vec<String>,
}

from_json!(SsoChoice {
    email: "email" required,
    connector_ids: "connectorIds" required,
});

/// The copy of a round trip kept for in-app browsers that come back in a
/// new view without the tab's session storage: Logto's `RedirectContext`
/// (`packages/experience/src/utils/social-redirect-fallback-context.ts`),
/// under [`fallback_key`] of its state, in the same shape, so that a Logto
/// page and ours can finish each other's round trips. Nothing secret: the
/// state and a verification id, both useless without this browser's
/// interaction cookie.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct RedirectContext {
    state: String,
    /// `social` or `sso`.
    flow: String,
    connector_id: String,
    verification_id: String,
    created_at: f64,
    expires_at: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ui_locales: Option<String>,
}

from_json!(RedirectContext {
    state: "state" required,
    flow: "flow" required,
    connector_id: "connectorId" required,
    verification_id: "verificationId" required,
    created_at: "createdAt" required,
    expires_at: "expiresAt" required,
    app_id: "appId" field,
    organization_id: "organizationId" field,
    ui_locales: "uiLocales" field,
});

impl RedirectContext {
    fn parse(json: &str, now: f64) -> Option<Self> {
        crate::api::json::from_text::<Self>(json)
            .filter(|copy| handoff_fresh(copy.created_at, copy.expires_at, now))
    }
}

/// The round trip in progress (kept in the session).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub connector_id: String,
    pub provider: Provider,
    pub verification_id: String,
    /// The provider's answer was accepted but what followed got no answer:
    /// a retry goes on without verifying it again.
    pub verified: bool,
    /// The identity was added to an account's profile
    /// ([`Journeys::link_social_instead`]) but the submit got no answer: a
    /// retry submits only.
    pub staged: bool,
}

from_json!(Pending {
    connector_id: "connectorId" required,
    provider: "provider" required,
    verification_id: "verificationId" required,
    verified: "verified" field,
    staged: "staged" field,
});

impl Journeys {
    /// The enterprise SSO connectors of `email`'s domain; `None` when it
    /// has none.
    pub async fn find_sso(&self, email: &str) -> Result<Option<SsoChoice>, ApiError> {
        let found = self.client.sso_connectors(email).await?;
        Ok((!found.connector_ids.is_empty()).then(|| SsoChoice {
            email: email.to_owned(),
            connector_ids: found.connector_ids,
        }))
    }

    /// What the person typed, looked up quietly as they type (Logto's
    /// `use-single-sign-on-watch.ts`): the SSO connectors of its domain
    /// when SSO is on and it reads as an email; `None` otherwise, and
    /// when the lookup fails (the submit looks again).
    pub async fn watch_sso(&self, typed: &str) -> Option<SsoChoice> {
        let email = typed.trim();
        if !self.settings.single_sign_on_enabled || !crate::flow::sign_in::looks_like_email(email) {
            return None;
        }
        self.find_sso(email).await.ok().flatten()
    }

    /// Starts a sign-in with `connector_id`'s provider: a new interaction,
    /// the authorization URI for `state` (fresh and random, made by the
    /// caller) and `redirect_uri` (this page's `/callback/<connectorId>`).
    /// Keeps the state and the verification; returns the provider's
    /// address to leave for, only if it is a web address.
    pub async fn start_with_provider(
        &self,
        connector_id: &str,
        provider: Provider,
        state: String,
        redirect_uri: String,
    ) -> Result<String, ApiError> {
        self.start(InteractionEvent::SignIn, None).await?;
        let request = AuthorizationUriRequest {
            state: state.clone(),
            redirect_uri,
        };
        let answer = match provider {
            Provider::Social => {
                self.client
                    .social_authorization_uri(connector_id, &request)
                    .await?
            }
            Provider::Sso => {
                self.client
                    .sso_authorization_uri(connector_id, &request)
                    .await?
            }
        };
        // Only a web address: never `javascript:` from a response.
        let target =
            redirect::checked(&answer.authorization_uri).map_err(|_| ApiError::Malformed {
                status: 200,
                message: "the provider's address is not an http(s) URL".to_owned(),
            })?;
        let pending = Pending {
            connector_id: connector_id.to_owned(),
            provider,
            verification_id: answer.verification_id,
            verified: false,
            staged: false,
        };
        self.session.remember_social_state(connector_id, &state);
        self.session.set_json(Key::Provider, Some(&pending));
        // Some in-app browsers (WeChat, Facebook, ...) open the provider's
        // answer in a new view without this tab's session storage: a
        // short-lived copy, as Logto keeps one.
        self.store_fallback(&state, &pending);
        Ok(target)
    }

    /// Starts a social sign-in inside a native app's webview (`sdk`): the
    /// same round trip as [`Self::start_with_provider`] (its state kept, the
    /// provider's answer expected on `page`'s `/callback/<id>`), but the
    /// app is asked to open the provider ([`NativeMessage`]) and brings the
    /// answer back to `/callback/social/<id>`. `page`: this page's origin
    /// and base path.
    pub async fn start_in_native_app(
        &self,
        connector: &crate::api::settings::SocialConnector,
        sdk: &crate::flow::native::NativeSdk,
        state: String,
        page: &str,
    ) -> Result<crate::flow::native::NativeMessage, ApiError> {
        let callback = format!(
            "{page}/callback/{}",
            crate::api::client::encode_component(&connector.id)
        );
        let target = self
            .start_with_provider(&connector.id, Provider::Social, state, callback)
            .await?;
        Ok(crate::flow::native::message(connector, sdk, &target, page))
    }

    /// Keeps the fallback copy of the round trip sent with `state`, after
    /// removing expired or unreadable copies left by abandoned round trips
    /// (Logto's `storeRedirectContext` sweeps the same way).
    fn store_fallback(&self, state: &str, pending: &Pending) {
        let now = super::now_ms();
        let prefix = fallback_key("");
        for key in self.handoff.keys() {
            if key.starts_with(&prefix)
                && self
                    .handoff
                    .raw_get(&key)
                    .and_then(|json| RedirectContext::parse(&json, now))
                    .is_none()
            {
                self.handoff.raw_set(&key, None);
            }
        }
        let copy = RedirectContext {
            state: state.to_owned(),
            flow: pending.provider.flow().to_owned(),
            connector_id: pending.connector_id.clone(),
            verification_id: pending.verification_id.clone(),
            created_at: now,
            expires_at: now + HANDOFF_TTL_MS,
            app_id: self.session.get(Key::AppId),
            organization_id: self.session.get(Key::OrganizationId),
            ui_locales: self.session.get(Key::UiLocales),
        };
        let json = serde_json::to_string(&copy).ok();
        self.handoff.raw_set(&fallback_key(state), json.as_deref());
    }

    /// The fallback copy of the round trip sent with `state`, if it is
    /// fresh and `connector_id`'s; removed whatever it holds (good once).
    /// Restores the sign-in's `app_id`, `organization_id` and `ui_locales`
    /// in this view, as Logto's callback does
    /// (`packages/experience/src/hooks/use-redirect-callback-validation.ts`).
    fn take_fallback(&self, state: &str, connector_id: &str) -> Option<Pending> {
        let key = fallback_key(state);
        let copy = self.handoff.raw_get(&key);
        self.handoff.raw_set(&key, None);
        let copy = RedirectContext::parse(&copy?, super::now_ms())
            .filter(|copy| copy.state == state && copy.connector_id == connector_id)?;
        let provider = [Provider::Social, Provider::Sso]
            .into_iter()
            .find(|provider| provider.flow() == copy.flow)?;
        for (name, value) in [
            (Key::AppId, &copy.app_id),
            (Key::OrganizationId, &copy.organization_id),
            (Key::UiLocales, &copy.ui_locales),
        ] {
            if value.is_some() {
                self.session.set(name, value.as_deref());
            }
        }
        let pending = Pending {
            connector_id: copy.connector_id,
            provider,
            verification_id: copy.verification_id,
            verified: false,
            staged: false,
        };
        // This view's round trip from now on (a retry, registering or
        // linking the identity read it here).
        self.session.set_json(Key::Provider, Some(&pending));
        Some(pending)
    }

    /// The provider's answer on `/callback/<connectorId>` in the system
    /// browser of a native app's round trip (`/springboard`,
    /// `/social/landing/:id` kept the app's deep link): the deep link with
    /// `search` (the answer's parameters) for the app to finish in its own
    /// view, as Logto's callback hands it on
    /// (`pages/SocialSignInWebCallback/use-social-callback-handler.ts`);
    /// the link is good once. `None`: a web round trip, finished here.
    pub fn native_handoff(&self, connector_id: &str, search: &str) -> Option<String> {
        let link = self.session.take_native_callback(connector_id)?;
        Some(crate::flow::native::handoff_url(&link, search))
    }

    /// `/springboard?state=&connectorId=&callback=&redirectTo=` (Logto's
    /// `pages/Springboard`): keeps the app's `state` and deep link for the
    /// connector's callback; returns where to go (only a web address).
    pub fn springboard(
        &self,
        state: Option<String>,
        connector_id: Option<String>,
        callback: Option<String>,
        redirect_to: Option<String>,
    ) -> Option<String> {
        let board = crate::flow::native::springboard(state, connector_id, callback, redirect_to);
        if let Some((connector_id, state)) = &board.state {
            self.session.remember_social_state(connector_id, state);
        }
        if let Some((connector_id, link)) = &board.callback_link {
            self.session.remember_native_callback(connector_id, link);
        }
        board.go
    }

    /// The round trip in progress, if it is `connector_id`'s.
    pub fn pending_provider(&self, connector_id: &str) -> Option<Pending> {
        self.session
            .get_json::<Pending>(Key::Provider)
            .filter(|pending| pending.connector_id == connector_id)
    }

    /// The provider's answer on `/callback/<connectorId>` (`params`: its
    /// query, `redirect_uri` as sent): checks the `state` against the kept
    /// one (good for one callback), verifies, identifies and submits. A
    /// forged, replayed or foreign callback is never verified.
    pub async fn finish_with_provider(
        &self,
        connector_id: &str,
        params: &[(String, String)],
        redirect_uri: &str,
    ) -> Outcome {
        let returned = params
            .iter()
            .find(|(key, _)| key == "state")
            .map(|(_, value)| value.as_str());
        // As Logto (`hooks/use-redirect-callback-validation.ts`): this
        // tab's state decides when it has one (a mismatch is refused, the
        // fallback never consulted); only when it is missing (a new view
        // of an in-app browser) is the fallback copy kept under the
        // returned state used, once.
        let kept = self.session.take_social_state(connector_id);
        let pending = match (check_state(kept.as_deref(), returned), returned) {
            (StateCheck::Match, Some(state)) => {
                self.handoff.raw_set(&fallback_key(state), None);
                self.pending_provider(connector_id)
            }
            (StateCheck::Missing, Some(state)) => self.take_fallback(state, connector_id),
            (StateCheck::Mismatch, _) => {
                // The kept state is spent by this callback, its copy too.
                if let Some(kept) = &kept {
                    self.handoff.raw_set(&fallback_key(kept), None);
                }
                None
            }
            (_, None) => None,
        };
        let Some(pending) = pending else {
            return Outcome::ForgedCallback;
        };
        let request = ConnectorVerifyRequest {
            connector_data: connector_data(params, redirect_uri),
            verification_id: Some(pending.verification_id.clone()),
        };
        let result = async {
            let verification_id = if pending.verified {
                pending.verification_id.clone()
            } else {
                let verified = match pending.provider {
                    Provider::Social => self.client.social_verify(connector_id, &request).await?,
                    Provider::Sso => self.client.sso_verify(connector_id, &request).await?,
                };
                self.session.set_json(
                    Key::Provider,
                    Some(&Pending {
                        verification_id: verified.verification_id.clone(),
                        verified: true,
                        ..pending.clone()
                    }),
                );
                verified.verification_id
            };
            self.session.remember_event(&InteractionEvent::SignIn);
            self.identify_and_submit(Some(verification_id)).await
        }
        .await;
        // Logto never answered: the same callback may be tried again (the
        // state stays good for it, and only for it).
        if let (Err(error), Some(state)) = (&result, returned) {
            if error.is_transient() {
                self.session.remember_social_state(connector_id, state);
            }
        }
        self.settle(&InteractionEvent::SignIn, &pending.provider.via(), result)
    }

    /// The verified identity becomes a new account (Logto's
    /// `registerWithVerifiedIdentifier`); profile pages may follow.
    pub async fn register_identity(&self) -> Outcome {
        let Some(pending) = self.session.get_json::<Pending>(Key::Provider) else {
            return Outcome::ForgedCallback;
        };
        // Logto's callbacks validate the terms before registering
        // (`use-social-sign-in-listener.ts`, `use-single-sign-on-listener.ts`).
        if self.terms_missing() {
            return Outcome::TermsRequired;
        }
        // The profile pages that may follow offer to link the identity to
        // an address's account instead (Logto's social registration passes
        // `linkSocial` to its missing-profile handler,
        // `use-social-register.ts`).
        if pending.provider == Provider::Social {
            self.session
                .set(Key::LinkSocial, Some(pending.connector_id.as_str()));
        }
        let result = self
            .switch_event_and_submit(InteractionEvent::Register, Some(pending.verification_id))
            .await;
        self.settle(&InteractionEvent::Register, &pending.provider.via(), result)
    }

    /// The social identity a registration started with, while its profile
    /// pages run: an address there that has an account may take it
    /// ([`Self::link_social_instead`]).
    pub fn linking_social(&self) -> Option<Pending> {
        let connector_id = self.session.get(Key::LinkSocial)?;
        self.pending_provider(&connector_id)
            .filter(|pending| pending.provider == Provider::Social && pending.verified)
    }

    /// The address just proven on a profile page belongs to an account:
    /// sign in to that account with it and link the waiting social
    /// identity there, instead of registering anyone (Logto's
    /// `signInAndLinkWithSocial`, `apis/experience/social.ts`: the event
    /// becomes `SignIn`, the address identifies, the identity is added to
    /// the profile, submit).
    pub async fn link_social_instead(&self) -> Outcome {
        let Some(pending) = self.linking_social() else {
            return Outcome::ForgedCallback;
        };
        let Some(code) = self.session.pending_code().filter(|code| code.verified) else {
            return Outcome::fail(ApiError::InvalidRequest {
                message: "no verified address to link with".to_owned(),
            });
        };
        let result = async {
            if pending.staged {
                return self.submit().await;
            }
            self.client
                .set_interaction_event(&InteractionEventRequest {
                    interaction_event: InteractionEvent::SignIn,
                    captcha_token: None,
                })
                .await?;
            self.session.remember_event(&InteractionEvent::SignIn);
            self.client
                .identify(&IdentificationRequest {
                    verification_id: Some(code.verification_id.clone()),
                    link_social_identity: None,
                })
                .await?;
            self.client
                .add_profile(&ProfileRequest::Social {
                    verification_id: pending.verification_id.clone(),
                })
                .await?;
            let staged = Pending {
                staged: true,
                ..pending.clone()
            };
            self.session.set_json(Key::Provider, Some(&staged));
            self.submit().await
        }
        .await;
        self.settle(&InteractionEvent::SignIn, &Via::Social, result)
    }

    /// The verified identity is linked to the account with the same email
    /// or phone.
    pub async fn link_identity(&self) -> Outcome {
        let Some(pending) = self.session.get_json::<Pending>(Key::Provider) else {
            return Outcome::ForgedCallback;
        };
        let result = async {
            self.client
                .identify(&IdentificationRequest {
                    verification_id: Some(pending.verification_id.clone()),
                    link_social_identity: Some(true),
                })
                .await?;
            self.submit().await
        }
        .await;
        let event = self.session.event();
        self.settle(&event, &pending.provider.via(), result)
    }
}
