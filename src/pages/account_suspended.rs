use leptos::prelude::*;

use crate::{
    components::icon,
    context::use_experience,
    shell::{PageHeading, SupportInfo},
};

/// Where a sign-in of a suspended account ends (`user.suspended`).
#[component]
pub fn AccountSuspended() -> impl IntoView {
    let experience = use_experience();
    let to = experience.href("/sign-in");
    view! {
        <div class="logto_error-page">
            <span class="logto_error-mark">{icon::icon(icon::INFO)}</span>
            <PageHeading text=experience.t("error.account_suspended") />
            <p class="secondary">{experience.t("error.account_suspended_description")}</p>
            <SupportInfo />
            <button
                type="button"
                class="button primary"
                on:click=move |_| crate::router::navigate(&to, false)
            >
                {experience.t("description.back_to_sign_in")}
            </button>
        </div>
    }
}
