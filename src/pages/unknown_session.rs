use leptos::prelude::*;

/// Logto redirects full page loads without a live interaction here.
#[component]
pub fn UnknownSession() -> impl IntoView {
    view! {
        <div class="logto_main-content">
            <h1>"Session not found"</h1>
            <p>
                "Your sign-in session has expired or was not found. Go back to the application and sign in again."
            </p>
        </div>
    }
}
