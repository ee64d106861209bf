//! Logto's pages for native apps: `/springboard` and
//! `/social/landing/<connectorId>` (Logto's `pages/Springboard`,
//! `pages/SocialLanding`). Both keep what the app gave them and leave for
//! the provider; the decisions are `flow::native`'s.

use leptos::prelude::*;

use crate::{
    components::form::{FormAlert, FormState},
    flow::{native, next_step::Field},
    journey::use_journey,
    session::query_param,
    shell::PageHeading,
};

fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// `/springboard?state=&connectorId=&callback=&redirectTo=`.
#[component]
pub fn Springboard() -> impl IntoView {
    let journey = use_journey();
    let query = search();
    let go = journey.journeys().springboard(
        query_param(&query, "state"),
        query_param(&query, "connectorId"),
        query_param(&query, "callback"),
        query_param(&query, "redirectTo"),
    );
    // Logto assigns (Back returns here, and on to the app).
    if let Some(to) = &go {
        let _ = window().location().assign(to);
    }
    view! {
        <PageHeading text=journey.experience.t("action.sign_in") />
        <div class="logto_loading" aria-busy="true"></div>
    }
}

/// `/social/landing/<connectorId>?redirect_to=&native_callback=`.
#[component]
pub fn SocialLanding(connector_id: String) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let form = FormState::new();
    let query = search();
    let landing = native::landing(
        query_param(&query, "redirect_to"),
        query_param(&query, "native_callback"),
    );
    let refused = landing.is_none();
    match landing {
        Some((to, link)) => {
            if let Some(link) = link {
                experience
                    .session
                    .remember_native_callback(&connector_id, &link);
            }
            let _ = window().location().replace(&to);
        }
        None => form.fail(
            Field::Form,
            experience.t("error.invalid_connector_request"),
            false,
        ),
    }
    // The connector's name, as Logto's landing shows the connector.
    let name = experience
        .settings
        .social_connectors
        .iter()
        .find(|connector| connector.id == connector_id)
        .map(|connector| {
            crate::flow::social::connector_name(connector, experience.i18n.language()).to_owned()
        });
    view! {
        <PageHeading text=name.unwrap_or_else(|| experience.t("action.sign_in")) />
        <div class="logto_loading" aria-busy="true" hidden=refused></div>
        <FormAlert form />
        <a href=experience.href("/sign-in")>{experience.t("action.back")}</a>
    }
}
