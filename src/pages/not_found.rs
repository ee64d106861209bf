use leptos::prelude::*;

use crate::{context::use_experience, shell::PageHeading};

/// Shown for any path the experience does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let experience = use_experience();
    view! {
        <PageHeading text=experience.t("description.not_found") />
        <a href=experience.href("/sign-in")>{experience.t("description.back_to_sign_in")}</a>
    }
}
