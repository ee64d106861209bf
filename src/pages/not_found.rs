use leptos::prelude::*;

/// Shown for any path the experience does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="logto_main-content">
            <h1>"Page not found"</h1>
            <p>"This page does not exist."</p>
            <a href="/sign-in">"Back to sign in"</a>
        </div>
    }
}
