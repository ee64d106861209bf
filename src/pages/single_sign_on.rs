//! `/single-sign-on` (= `/single-sign-on/email`) and
//! `/single-sign-on/connectors`: enterprise SSO found from the email
//! domain; one connector goes straight to the provider, several are
//! offered to choose from. Also `/direct/<method>/<target>`.

use leptos::prelude::*;

use crate::{
    api::{settings::SsoConnector, SignInIdentifier},
    components::{
        field::{typed_email, EmailField},
        form::{FormAlert, FormState, PageForm},
        social_buttons::ConnectorLogo,
    },
    context::Experience,
    flow::{
        next_step::Field,
        one_tap,
        social::{self, Direct},
    },
    identity_provider::{self, Provider},
    journey::use_journey,
    router::Redirect,
    shell::PageHeading,
};

/// Leaves for connector `id`; shows the error on `form` when that fails.
pub fn go(experience: &Experience, form: FormState, id: String, provider: Provider) {
    if !form.begin() {
        return;
    }
    let experience = experience.clone();
    leptos::task::spawn_local(async move {
        let journeys = experience.journeys();
        if let Err(error) = identity_provider::start(&journeys, &id, provider).await {
            form.fail(
                Field::Form,
                crate::journey::message(&experience, &error),
                false,
            );
        }
    });
}

/// `/single-sign-on`: the enterprise email.
#[component]
pub fn SingleSignOnEmail() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    // SSO off: nothing to look an email up for; the sign-in page instead.
    if !experience.settings.single_sign_on_enabled {
        return view! { <Redirect path=experience.href("/sign-in") /> }.into_any();
    }
    let t = |key: &str| experience.t(key);
    let email = RwSignal::new(
        crate::journey::session()
            .identifier()
            .filter(|i| i.identifier_type == SignInIdentifier::Email)
            .map(|i| i.value)
            .unwrap_or_default(),
    );
    let form = FormState::new().input(Field::Identifier, "identifier", email);
    let on_submit = {
        let experience = experience.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(typed) = typed_email(&experience, form, email) else {
                return;
            };
            if !form.begin() {
                return;
            }
            let experience = experience.clone();
            leptos::task::spawn_local(async move {
                match experience.journeys().find_sso(&typed).await {
                    Ok(Some(choice)) => {
                        if let Err(error) =
                            identity_provider::single_sign_on(&experience, choice).await
                        {
                            let message = crate::journey::message(&experience, &error);
                            form.fail(Field::Form, message, false);
                        }
                    }
                    Ok(None) => form.fail(
                        Field::Identifier,
                        experience.t("error.sso_not_enabled"),
                        false,
                    ),
                    Err(error) => form.fail(
                        Field::Form,
                        crate::journey::message(&experience, &error),
                        false,
                    ),
                }
            });
        }
    };
    let label = t("input.email");
    view! {
        <PageForm
            heading=t("action.single_sign_on")
            description=t("description.single_sign_on_email_form")
            form
            submit=t("action.single_sign_on")
            on_submit
        >
            <EmailField label value=email form />
        </PageForm>
        <a href=experience.href("/sign-in")>{t("action.back")}</a>
    }
    .into_any()
}

/// `/single-sign-on/connectors`: the providers of the email's domain.
#[component]
pub fn SingleSignOnConnectors() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let Some(choice) = identity_provider::sso_choice() else {
        return view! { <Redirect path=experience.href("/single-sign-on") /> }.into_any();
    };
    let form = FormState::new();
    let dark_mode = experience.settings.color.is_dark_mode_enabled;
    let known: Vec<SsoConnector> = choice
        .connector_ids
        .iter()
        .filter_map(|id| {
            experience
                .settings
                .sso_connectors
                .iter()
                .find(|c| &c.id == id)
                .cloned()
        })
        .collect();
    let buttons = known
        .into_iter()
        .map(|connector| {
            let text = experience.i18n.t_with(
                "action.sign_in_with",
                &[("name", connector.connector_name.clone().into())],
            );
            let dark = connector.dark_logo.clone().filter(|_| dark_mode);
            let experience = experience.clone();
            let id = connector.id.clone();
            view! {
                <button
                    type="button"
                    class="button secondary logto_social-button"
                    disabled=move || form.busy().get()
                    on:click=move |_| go(&experience, form, id.clone(), Provider::Sso)
                >
                    <ConnectorLogo light=connector.logo.clone() dark />
                    <span>{text}</span>
                </button>
            }
        })
        .collect::<Vec<_>>();
    let intro = experience.i18n.t_with(
        "description.single_sign_on_connectors_list",
        &[("email", choice.email.clone().into())],
    );
    view! {
        <PageHeading text=experience.t("action.single_sign_on") />
        <p class="secondary">{intro}</p>
        <div class="logto_social-list">{buttons}</div>
        <FormAlert form />
        <a href=experience.href("/single-sign-on")>{experience.t("action.back")}</a>
    }
    .into_any()
}

/// `/direct/<method>/<target>`: straight to a social or SSO provider, as an
/// application asked with `direct_sign_in`; the `fallback` page when the
/// settings have no such connector or the start fails.
#[component]
pub fn DirectSignIn(method: String, target: String) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let search = window().location().search().unwrap_or_default();
    let fallback =
        social::direct_fallback(crate::session::query_param(&search, "fallback").as_deref());
    let form = FormState::new();
    let (id, provider) = match social::direct(&experience.settings, &method, &target) {
        Some(Direct::Social { connector_id }) => (connector_id, Provider::Social),
        Some(Direct::Sso { connector_id }) => (connector_id, Provider::Sso),
        None => return view! { <Redirect path=experience.href(fallback) /> }.into_any(),
    };
    // An application's One Tap credential, which core kept in a cookie:
    // signed in on the Google connector's callback, no round trip.
    let cookies = crate::session::document_cookie();
    if let Some(to) = one_tap::direct_callback(&experience.settings, &id, &cookies) {
        return view! { <Redirect path=experience.href(&to) /> }.into_any();
    }
    go(&experience, form, id, provider);
    view! {
        <PageHeading text=experience.t("action.sign_in") />
        <div class="logto_loading" aria-busy="true" hidden=move || !form.busy().get()></div>
        <FormAlert form />
        <a href=experience.href(fallback) hidden=move || form.busy().get()>
            {experience.t("action.back")}
        </a>
    }
    .into_any()
}
