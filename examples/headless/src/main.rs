//! A sign-in page with its own look, on the journeys layer: the team writes
//! the views, `logto_experience::journeys` does every Experience API call
//! and says where the person goes next, as Clerk Elements or Ory Elements
//! do for theirs. Served from Logto's origin (or a proxy in front of it),
//! like the default page, since the interaction cookie is same-origin.
//!
//! `trunk build --config examples/headless/Trunk.toml`; point Logto's
//! sign-in at the result (for example as custom UI assets).

use std::sync::Arc;

use leptos::prelude::*;
use logto_experience::{
    api::{Client, Identifier, SignInIdentifier},
    journeys::{Field, Journeys, Outcome, Query, Session},
};

fn main() {
    leptos::mount::mount_to_body(App);
}

/// Loads the settings the journeys decide with, then shows the form.
#[component]
fn App() -> impl IntoView {
    let client = Client::default().with_app_id(Query::current().app_id);
    let settings = LocalResource::new({
        let client = client.clone();
        move || {
            let client = client.clone();
            async move { client.experience_settings(None).await }
        }
    });
    move || match settings.get() {
        None => view! { <p>"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
        Some(Ok(settings)) => {
            let journeys = Journeys::new(client.clone(), Session::browser(), Arc::new(settings));
            view! { <PasswordForm journeys /> }.into_any()
        }
    }
}

/// Username and password, in this team's own words.
#[component]
fn PasswordForm(journeys: Journeys) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // The journey runs as a Leptos action: one attempt at a time, its
    // outcome a signal.
    let sign_in = Action::new_local(move |(name, secret): &(String, String)| {
        let journeys = journeys.clone();
        let identifier = Identifier::new(SignInIdentifier::Username, name);
        let secret = secret.clone();
        async move {
            journeys
                .sign_in_with_password(None, identifier, secret, None)
                .await
        }
    });
    let problem = move || {
        let outcome = sign_in.value().get()?;
        Some(match outcome {
            // Done: on to the application.
            Outcome::Leave(url) => {
                let _ = window().location().replace(&url);
                return None;
            }
            Outcome::Fail {
                field: Field::Password,
                ..
            } => {
                password.set(String::new());
                "That password did not work.".to_owned()
            }
            Outcome::Fail { error, .. } => error.to_string(),
            // MFA, a missing profile item...: this page only signs in with a
            // password; the default pages (or more of yours) take it from here.
            Outcome::Go(route) => format!("One more step: {}", route.path()),
            other => format!("{other:?}"),
        })
    };
    view! {
        <form on:submit=move |ev| {
            ev.prevent_default();
            sign_in.dispatch((username.get_untracked(), password.get_untracked()));
        }>
            <h1>"Sign in to Acme"</h1>
            <input
                name="identifier"
                autocomplete="username"
                aria-label="Username"
                bind:value=username
            />
            <input
                name="password"
                type="password"
                autocomplete="current-password"
                aria-label="Password"
                bind:value=password
            />
            <p role="alert">{problem}</p>
            <button type="submit" disabled=move || sign_in.pending().get()>
                "Sign in"
            </button>
        </form>
    }
}
