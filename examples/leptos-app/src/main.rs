//! An application that embeds the sign-in experience at its `/auth/*`
//! route with `logto_experience::embed::LogtoExperience`; its other pages
//! are its own. It must be served from Logto's origin (or a proxy in front
//! of Logto), as the experience's API calls need Logto's same-origin cookie.

use leptos::prelude::*;
use logto_experience::embed::{LogtoExperience, Options, Theme};

/// Where the application mounts the experience.
const AUTH: &str = "/auth";

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    let under_auth = path == AUTH || path.starts_with(&format!("{AUTH}/"));
    if under_auth {
        let options = Options {
            base_path: AUTH.into(),
            app_id: Some("demo-app".into()),
            theme: Theme {
                primary_color: Some("#0b6e4f".into()),
                ..Theme::default()
            },
            ..Options::default()
        };
        view! {
            <header class="example-header">"Example app"</header>
            <div id="app">
                <LogtoExperience options />
            </div>
        }
        .into_any()
    } else {
        view! {
            <main class="example-home">
                <h1>"Example app"</h1>
                <p>
                    <a href="/oidc/auth?client_id=demo-app&response_type=code&scope=openid">
                        "Sign in"
                    </a>
                </p>
            </main>
        }
        .into_any()
    }
}
