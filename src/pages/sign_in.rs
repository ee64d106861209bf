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
    context::use_experience,
    flow::sign_in::{classify, outcome, Outcome},
    shell::PageHeading,
};

type Started = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

/// The sign-in landing page: identifier and password on one screen.
///
/// The interaction is started as soon as the page shows, so the click costs
/// three calls (verify password, identify, submit) instead of four. The
/// settings-driven composition of every method comes with the core flows.
#[component]
pub fn SignIn() -> impl IntoView {
    let experience = use_experience();
    let client = experience.client.clone();
    let started = StoredValue::new_local(start(client.clone()));
    // Drive the start now rather than at the click.
    leptos::task::spawn_local(started.get_value().map(|_| ()));

    let mut enabled = enabled_identifiers(&experience.settings);
    if enabled.is_empty() {
        enabled.push(SignInIdentifier::Username);
    }
    let labels: Vec<String> = enabled
        .iter()
        .map(|identifier| {
            experience.t(match identifier {
                SignInIdentifier::Email => "input.email",
                SignInIdentifier::Phone => "input.phone_number",
                _ => "input.username",
            })
        })
        .collect();
    let required = experience.i18n.t_with(
        "error.general_required",
        &[("types", labels.clone().into())],
    );

    let identifier = RwSignal::new(experience.query.login_hint.clone().unwrap_or_default());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A double click must not send twice.
        if busy.get_untracked() {
            return;
        }
        let Some(identifier) = classify(&identifier.get_untracked(), &enabled) else {
            error.set(Some(required.clone()));
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

    let mode = experience.settings.sign_in_mode.to_string();
    view! {
        <PageHeading
            text=experience.t("description.sign_in_to_your_account")
            title=experience.t("action.sign_in")
        />
        <p class="sign-in-mode" hidden data-sign-in-mode=mode></p>
        <form on:submit=on_submit novalidate>
            <TextField
                name="identifier"
                label=labels.join(" / ")
                autocomplete="username"
                value=identifier
            />
            <TextField
                name="password"
                label=experience.t("input.password")
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
                {experience.t("action.sign_in")}
            </button>
        </form>
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
