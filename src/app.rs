//! The root component: the router with Logto's route paths.

use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::pages::{not_found::NotFound, sign_in::SignIn, unknown_session::UnknownSession};

/// The whole sign-in experience, routed on Logto's own paths so that it can
/// replace Logto's page without breaking links or callbacks.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <main class="logto_page-container">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/sign-in" /> } />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/unknown-session") view=UnknownSession />
                </Routes>
            </main>
        </Router>
    }
}
