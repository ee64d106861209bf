use leptos::prelude::*;

use crate::{context::use_experience, shell::PageHeading};

/// Where a sign-in of a suspended account ends (`user.suspended`).
#[component]
pub fn AccountSuspended() -> impl IntoView {
    let experience = use_experience();
    let to = experience.href("/sign-in");
    view! {
        <PageHeading text=experience.t("error.account_suspended") />
        <p class="secondary">{experience.t("error.account_suspended_description")}</p>
        <button
            type="button"
            class="button primary"
            on:click=move |_| crate::router::navigate(&to, false)
        >
            {experience.t("description.back_to_sign_in")}
        </button>
    }
}
