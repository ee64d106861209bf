use leptos::prelude::*;

use crate::{api, components::field::TextField};

/// The sign-in landing page.
///
/// A first cut: it loads the settings to show the pipeline works end to end;
/// the flows that compose it from `signIn.methods` come with the core flows.
#[component]
pub fn SignIn() -> impl IntoView {
    let settings = LocalResource::new(api::fetch_experience_settings);
    let identifier = RwSignal::new(String::new());
    let submitted = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(Some(identifier.get_untracked()));
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
                                view! {
                                    <p class="sign-in-mode" data-sign-in-mode=mode.clone()>
                                        {settings.sign_in_mode.to_string()}
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                view! {
                                    <p role="alert" class="error">
                                        {error.to_string()}
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
                <button type="submit" class="button primary">
                    "Sign in"
                </button>
            </form>
            <Show when=move || submitted.get().is_some()>
                <p role="status">
                    {move || format!("Hello, {}", submitted.get().unwrap_or_default())}
                </p>
            </Show>
        </div>
    }
}
