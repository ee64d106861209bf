//! `/switch-account`: the browser is signed in as someone else than the
//! magic link's address.

use leptos::prelude::*;

use super::search;
use crate::{
    context::use_experience, flow::consent::redirect_origin, journey, journeys::Consent,
    pages::consent::UserCard, session::query_param, shell::PageHeading,
};

/// `/switch-account?login_hint=&one_time_token=`: signed in as someone else.
#[component]
pub fn SwitchAccount() -> impl IntoView {
    let experience = use_experience();
    let query = search();
    let Some(hint) = query_param(&query, "login_hint") else {
        return view! { <PageHeading text=experience.t("error.unknown") /> }.into_any();
    };
    let info = RwSignal::new(None::<Result<crate::api::ConsentInfo, String>>);
    {
        let experience = experience.clone();
        leptos::task::spawn_local(async move {
            let answer = match experience.journeys().consent_info().await {
                Consent::Ask(info) => Ok(*info),
                Consent::Denied(error) | Consent::Failed(error) => {
                    Err(journey::message(&experience, &error))
                }
            };
            info.set(Some(answer));
        });
    }
    (move || {
        let experience = use_experience();
        match info.get() {
            None => {
                view! { <div class="logto_loading logto_loading-inline" aria-busy="true"></div> }
                    .into_any()
            }
            Some(Err(message)) => view! {
                <PageHeading text=experience.t("error.something_went_wrong") />
                <p role="alert" class="error">
                    {message}
                </p>
            }
            .into_any(),
            Some(Ok(info)) => {
                let account = info.user.primary_email.clone().unwrap_or_default();
                let title = experience.i18n.t_with(
                    "description.switch_account_title",
                    &[("account", account.into())],
                );
                let to = experience.href(&format!("/one-time-token{query}"));
                let back = info.redirect_uri.as_deref().map(redirect_origin);
                let back = back
                    .filter(|origin| origin.starts_with("http"))
                    .map(|origin| {
                        view! {
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| {
                                    let _ = window().location().assign(&origin);
                                }
                            >
                                {use_experience().t("action.back_to_current_account")}
                            </button>
                        }
                    });
                let label = experience
                    .i18n
                    .t_with("action.continue_as", &[("name", hint.clone().into())]);
                view! {
                    <PageHeading text=title title=experience.t("description.switch_account") />
                    <UserCard user=info.user.clone() />
                    <p class="secondary">
                        {experience.t("description.switch_account_description")}
                    </p>
                    <button
                        type="button"
                        class="button primary logto_button-wrap"
                        on:click=move |_| crate::router::navigate(&to, true)
                    >
                        {label}
                    </button>
                    {back}
                }
                .into_any()
            }
        }
    })
    .into_any()
}
