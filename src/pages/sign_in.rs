use futures::{
    future::{LocalBoxFuture, Shared},
    FutureExt,
};
use leptos::prelude::*;

use crate::{
    api::{
        ApiError, Client, ExperienceSettings, IdentificationRequest, InteractionEvent,
        InteractionEventRequest, PasswordRequest, SignInIdentifier,
    },
    components::field::TextField,
    flow::sign_in::{classify, outcome, Outcome},
    session,
};

type Started = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

/// The sign-in landing page: identifier and password on one screen.
///
/// The interaction is started as soon as the page shows, so the click costs
/// three calls (verify password, identify, submit) instead of four. The
/// settings-driven composition of every method comes with the core flows.
#[component]
pub fn SignIn() -> impl IntoView {
    let client = session::client();
    let settings = LocalResource::new({
        let client = client.clone();
        move || {
            let client = client.clone();
            async move { client.experience_settings(None).await }
        }
    });
    let started = StoredValue::new_local(start(client.clone()));
    // Drive the start now rather than at the click.
    leptos::task::spawn_local(started.get_value().map(|_| ()));

    let identifier = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A double click must not send twice.
        if busy.get_untracked() {
            return;
        }
        let enabled = settings
            .get_untracked()
            .and_then(|result| result.ok())
            .map(|settings| enabled_identifiers(&settings))
            .unwrap_or_else(|| vec![SignInIdentifier::Username]);
        let Some(identifier) = classify(&identifier.get_untracked(), &enabled) else {
            error.set(Some("Enter your username.".into()));
            return;
        };
        error.set(None);
        busy.set(true);
        let client = client.clone();
        let pending_start = started.get_value();
        let password_value = password.get_untracked();
        leptos::task::spawn_local(async move {
            let result = sign_in(&client, pending_start, identifier, password_value).await;
            match outcome(result) {
                Outcome::Redirect(url) => {
                    let _ = window().location().replace(&url);
                }
                Outcome::SessionExpired => {
                    let _ = window().location().assign("/unknown-session");
                }
                Outcome::Retry(failure) => {
                    // The next try needs a fresh interaction.
                    started.set_value(start(client.clone()));
                    password.set(String::new());
                    error.set(Some(failure.to_string()));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <div class="logto_main-content">
            <h1>"Sign in to your account"</h1>
            <Suspense fallback=|| {
                view! { <p aria-busy="true">"Loading…"</p> }
            }>
                {move || {
                    settings
                        .get()
                        .map(|result| match result {
                            Ok(settings) => {
                                let mode = settings.sign_in_mode.to_string();
                                view! { <p class="sign-in-mode" hidden data-sign-in-mode=mode></p> }
                                    .into_any()
                            }
                            Err(failure) => {
                                view! {
                                    <p role="alert" class="error">
                                        {failure.to_string()}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
            <form on:submit=on_submit novalidate>
                <TextField
                    name="identifier"
                    label="Username"
                    autocomplete="username"
                    value=identifier
                />
                <TextField
                    name="password"
                    label="Password"
                    autocomplete="current-password"
                    input_type="password"
                    value=password
                />
                <Show when=move || error.get().is_some()>
                    <p role="alert" class="error">
                        {move || error.get().unwrap_or_default()}
                    </p>
                </Show>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    "Sign in"
                </button>
            </form>
        </div>
    }
}

fn enabled_identifiers(settings: &ExperienceSettings) -> Vec<SignInIdentifier> {
    settings
        .sign_in
        .methods
        .iter()
        .filter(|method| method.password)
        .map(|method| method.identifier.clone())
        .collect()
}

/// `PUT /api/experience {SignIn}`, shared so that the click can await the
/// call already in flight.
fn start(client: Client) -> Started {
    async move {
        client
            .start(&InteractionEventRequest {
                interaction_event: InteractionEvent::SignIn,
                captcha_token: None,
            })
            .await
    }
    .boxed_local()
    .shared()
}

async fn sign_in(
    client: &Client,
    started: Started,
    identifier: crate::api::Identifier,
    password: String,
) -> Result<String, ApiError> {
    if started.await.is_err() {
        // The early start failed (offline for a moment?): try once more now.
        start(client.clone()).await?;
    }
    let verification = client
        .verify_password(&PasswordRequest {
            identifier,
            password,
        })
        .await?;
    client
        .identify(&IdentificationRequest {
            verification_id: Some(verification.verification_id),
            link_social_identity: None,
        })
        .await?;
    match client.submit().await? {
        Some(redirect) => Ok(redirect.redirect_to),
        None => Err(ApiError::Malformed {
            status: 204,
            message: "sign-in finished without a redirect".to_owned(),
        }),
    }
}
