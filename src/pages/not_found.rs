use leptos::prelude::*;

use crate::{
    components::icon,
    context::use_experience,
    shell::{PageHeading, SupportInfo},
};

/// Shown for any path the experience does not know (Logto's `ErrorPage`:
/// a picture, the title, where to get help).
#[component]
pub fn NotFound() -> impl IntoView {
    let experience = use_experience();
    view! {
        <div class="logto_error-page">
            <span class="logto_error-mark">{icon::icon(icon::SEARCH)}</span>
            <PageHeading text=experience.t("description.not_found") />
            <SupportInfo />
            <a class="button secondary" href=experience.href("/sign-in")>
                {experience.t("description.back_to_sign_in")}
            </a>
        </div>
    }
}
