//! `/consent`: a third-party application asks for the person's data (and,
//! with the organizations scope, for one of their organizations); also the
//! "access denied" page of an application that refuses this person.
//! Logto's `pages/Consent`, on the legacy `/api/interaction/consent`.

use leptos::prelude::*;

use crate::{
    api::ConsentInfo,
    components::form::FormState,
    context::{use_experience, Experience},
    flow::{consent, redirect},
    i18n::format::Segment,
    journey::{use_journey, Journey},
    journeys::{Consent, Outcome},
    shell::PageHeading,
};

mod parts;
pub use parts::UserCard;
use parts::{scope_group, Agreement};

#[derive(Clone)]
enum Load {
    Loading,
    Ready(Box<ConsentInfo>),
    Denied,
    Failed(String),
}

/// Leaves for `target` when it is a safe URL, else says so on `form`.
fn leave(experience: &Experience, form: FormState, target: &str) {
    let journey = Journey {
        experience: experience.clone(),
    };
    journey.render(form, experience.journeys().leave(target));
}

/// `/consent`.
#[component]
pub fn Consent() -> impl IntoView {
    let experience = use_experience();
    let state = RwSignal::new(Load::Loading);
    {
        let experience = experience.clone();
        leptos::task::spawn_local(async move {
            let next = match experience.journeys().consent_info().await {
                Consent::Ask(info) => Load::Ready(info),
                Consent::Denied(_) => Load::Denied,
                Consent::Failed(error) => {
                    Load::Failed(crate::journey::message(&experience, &error))
                }
            };
            state.set(next);
        });
    }
    move || match state.get() {
        Load::Loading => {
            view! { <div class="logto_loading logto_loading-inline" aria-busy="true"></div> }
                .into_any()
        }
        Load::Denied => view! { <AccessDenied /> }.into_any(),
        Load::Failed(message) => {
            let experience = use_experience();
            view! {
                <PageHeading text=experience.t("error.something_went_wrong") />
                <p role="alert" class="error">
                    {message}
                </p>
            }
            .into_any()
        }
        Load::Ready(info) => view! { <ConsentForm info=*info denied=state /> }.into_any(),
    }
}

/// The consent itself.
#[component]
fn ConsentForm(info: ConsentInfo, denied: RwSignal<Load>) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let name = consent::application_name(&info);
    let title = experience.i18n.t_with(
        "description.authorize_title",
        &[("name", name.clone().into())],
    );
    let logo = info
        .application
        .branding
        .as_ref()
        .and_then(|branding| branding.get("logoUrl"))
        .and_then(|url| url.as_str())
        .filter(|url| redirect::checked(url).is_ok())
        .map(|url| view! { <img class="logto_app-logo" src=url.to_owned() alt=name.clone() /> });
    let groups = consent::scope_groups(&info);
    let scopes = (!groups.is_empty()).then(|| {
        let list = groups
            .into_iter()
            .map(|group| scope_group(&experience, group, "description.user_scopes"))
            .collect::<Vec<_>>();
        view! {
            <section class="logto_consent-section" aria-labelledby="scopes-title">
                <h2 id="scopes-title">
                    {experience.t("description.authorize_personal_data_usage")}
                </h2>
                {list}
            </section>
        }
    });
    let organizations = info.organizations.clone().unwrap_or_default();
    let selected = RwSignal::new(organizations.first().map(|org| org.id.clone()));
    let organization_section = (!organizations.is_empty()).then(|| {
        let options = organizations
            .iter()
            .map(|org| view! { <option value=org.id.clone()>{org.name.clone()}</option> })
            .collect::<Vec<_>>();
        let orgs = organizations.clone();
        let experience = experience.clone();
        let org_scopes = move || {
            let id = selected.get();
            orgs.iter()
                .find(|org| Some(&org.id) == id.as_ref())
                .and_then(|org| org.missing_resource_scopes.clone())
                .map(|groups| {
                    consent::organization_groups(&groups)
                        .into_iter()
                        .map(|group| {
                            scope_group(&experience, group, "description.organization_scopes")
                        })
                        .collect::<Vec<_>>()
                })
        };
        view! {
            <section class="logto_consent-section">
                <div class="field">
                    <label for="organization">
                        {use_experience().t("description.authorize_organization_access")}
                    </label>
                    <select
                        id="organization"
                        name="organization"
                        on:change=move |ev| selected.set(Some(event_target_value(&ev)))
                    >
                        {options}
                    </select>
                </div>
                {org_scopes}
            </section>
        }
    });
    let form = FormState::new();
    let authorize = {
        let experience = experience.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !form.begin() {
                return;
            }
            let journey = Journey {
                experience: experience.clone(),
            };
            let organization_ids = selected.get_untracked().map(|id| vec![id]);
            leptos::task::spawn_local(async move {
                match journey.journeys().consent(organization_ids).await {
                    Outcome::AccessDenied(_) => denied.set(Load::Denied),
                    outcome => {
                        journey.render(form, outcome);
                    }
                }
            });
        }
    };
    let cancel = info.redirect_uri.clone().map(|uri| {
        let experience = experience.clone();
        view! {
            <button
                type="button"
                class="button secondary"
                on:click=move |_| leave(&experience, form, &uri)
            >
                {experience.t("action.cancel")}
            </button>
        }
    });
    let agreement = view! { <Agreement info=info.clone() name=name.clone() /> };
    let another = experience.href("/sign-in");
    let notice = consent::self_declared_host(&info).map(|host| {
        let parts = experience
            .i18n
            .segments(
                "description.unregistered_client_notice",
                &[("host", host.into())],
            )
            .into_iter()
            .map(|segment| match segment {
                Segment::Slot { inner, .. } => {
                    view! { <strong dir="ltr">{inner}</strong> }.into_any()
                }
                Segment::Text(text) => text.into_any(),
            })
            .collect::<Vec<_>>();
        view! {
            <p class="logto_notice logto_notice-info" role="note">
                {crate::components::icon::icon(crate::components::icon::INFO)}
                <span>{parts}</span>
            </p>
        }
    });
    view! {
        {logo}
        <PageHeading text=title />
        {notice}
        <UserCard user=info.user.clone() />
        {scopes}
        {organization_section}
        <form class="logto_consent-actions" on:submit=authorize novalidate>
            <crate::components::form::FormAlert form />
            <div class="logto_button-row">
                {cancel}
                <crate::components::form::SubmitButton form text=experience.t("action.authorize") />
            </div>
        </form>
        {agreement}
        <p class="secondary logto_consent-note">
            {experience.t("description.not_you")} " "
            <a href=another>{experience.t("action.use_another_account")}</a>
        </p>
    }
}

/// `oidc.access_denied`: the application refuses this person; the only way
/// on is to sign out (`/oidc/session/end?client_id=`).
#[component]
pub fn AccessDenied() -> impl IntoView {
    let experience = use_experience();
    let app_id = experience.query.app_id.clone();
    let sign_out =
        crate::api::client::with_query("/oidc/session/end", &[("client_id", app_id.as_deref())]);
    view! {
        <div class="logto_error-page">
            <span class="logto_error-mark">
                {crate::components::icon::icon(crate::components::icon::INFO)}
            </span>
            <PageHeading text=experience.t("error.access_denied") />
            <p class="secondary logto_multiline">
                {experience.t("error.application_access_denied")}
            </p>
            <crate::shell::SupportInfo />
            <button
                type="button"
                class="button primary"
                on:click=move |_| {
                    let _ = window().location().assign(&sign_out);
                }
            >
                {experience.t("account_center.sessions.revoke_session")}
            </button>
        </div>
    }
}
