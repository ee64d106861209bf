use leptos::prelude::*;

use crate::{context::use_experience, shell::PageHeading};

/// Logto redirects full page loads without a live interaction here.
#[component]
pub fn UnknownSession() -> impl IntoView {
    let experience = use_experience();
    view! { <PageHeading text=experience.t("error.invalid_session") /> }
}
