use leptos::prelude::*;

use crate::{
    components::icon,
    context::use_experience,
    shell::{PageHeading, SupportInfo},
};

/// Logto redirects full page loads without a live interaction here, and the
/// page comes here when the interaction is gone. Starting again: the
/// operator's `unknownSessionRedirectUrl` when set, else the sign-in page.
#[component]
pub fn UnknownSession() -> impl IntoView {
    let experience = use_experience();
    let (to, key) = match &experience.settings.unknown_session_redirect_url {
        Some(url) if !url.is_empty() => (url.clone(), "action.back"),
        _ => (experience.href("/sign-in"), "description.back_to_sign_in"),
    };
    view! {
        <div class="logto_error-page">
            <span class="logto_error-mark">{icon::icon(icon::INFO)}</span>
            <PageHeading text=experience.t("error.invalid_session") />
            <SupportInfo />
            <a class="button primary" href=to>
                {experience.t(key)}
            </a>
        </div>
    }
}
