//! The root component: loads the experience, provides it, then routes on
//! Logto's own route paths.

use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::{
    context::{self, LoadError},
    pages::{
        account_suspended::AccountSuspended,
        not_found::NotFound,
        sign_in::{SignIn, SignInPassword},
        unknown_session::UnknownSession,
    },
    session::Query,
    shell::{self, Shell},
};

/// The whole sign-in experience, routed on Logto's own paths so that it can
/// replace Logto's page without breaking links or callbacks.
#[component]
pub fn App() -> impl IntoView {
    let query = Query::current();
    let experience = LocalResource::new(move || context::load(query.clone()));
    let retrying = RwSignal::new(false);
    move || {
        let state = experience.get();
        if state.is_some() {
            // A new answer ends a retry.
            retrying.set(false);
        }
        match state {
            None => view! { <div class="logto_loading" aria-busy="true"></div> }.into_any(),
            Some(Err(LoadError { error, i18n })) => {
                shell::apply_language(&i18n);
                let retry = move |_| {
                    retrying.set(true);
                    experience.refetch();
                };
                view! {
                    <div class="logto_page-container">
                        <main class="logto_main-content logto_load-failed">
                            <h1 tabindex="-1">{i18n.t("error.something_went_wrong")}</h1>
                            <p class="secondary">{error.to_string()}</p>
                            <button
                                type="button"
                                class="button primary"
                                disabled=move || retrying.get()
                                on:click=retry
                            >
                                // Logto's phrases have no experience key for this.
                                {i18n.t("account_center.security.trusted_devices.retry")}
                            </button>
                        </main>
                    </div>
                }
                .into_any()
            }
            Some(Ok(experience)) => {
                shell::apply_head(&experience);
                provide_context(experience);
                view! {
                    <Router>
                        <Shell>
                            <Routes fallback=NotFound>
                                <Route
                                    path=path!("/")
                                    view=|| {
                                        let to = context::use_experience().href("/sign-in");
                                        view! { <Redirect path=to /> }
                                    }
                                />
                                <Route path=path!("/sign-in") view=SignIn />
                                <Route path=path!("/sign-in/password") view=SignInPassword />
                                <Route path=path!("/account-suspended") view=AccountSuspended />
                                <Route path=path!("/unknown-session") view=UnknownSession />
                            </Routes>
                        </Shell>
                    </Router>
                }
                .into_any()
            }
        }
    }
}
