//! `/callback/<connectorId>` (and Logto's `/callback/social/<connectorId>`):
//! back from a social or enterprise SSO provider. The `state` is checked,
//! the provider's answer verified, and the person signed in, registered
//! (a new social or SSO identity), or asked whether to link an account
//! that has the same email or phone.

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    api::{
        error::RelatedUser, ApiError, ConnectorVerifyRequest, IdentificationRequest,
        InteractionEvent,
    },
    components::{
        dialog::{question_signal, Question, QuestionDialog, QuestionSignal},
        form::{FormAlert, FormState},
    },
    flow::{
        landing::{self, Terms},
        next_step::{Field, NextStep, Via},
        social::{connector_data, StateCheck},
    },
    identity_provider::{self, Pending, Provider},
    journey::{self, use_journey, Journey},
    journeys::{Journeys, Key, Session},
    pages::sign_in::terms_message,
    session,
    shell::PageHeading,
};

/// The callback page of `connector_id`.
#[component]
pub fn Callback(connector_id: String) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let form = FormState::new();
    let question = question_signal();
    let search = window().location().search().unwrap_or_default();
    let params = session::query_pairs(&search);
    // The code in the address is spent by this visit: a reload or Back must
    // not send it again.
    crate::router::rewrite_address(&experience.href(&format!("/callback/{connector_id}")));
    let provider = if experience
        .settings
        .sso_connectors
        .iter()
        .any(|c| c.id == connector_id)
    {
        Provider::Sso
    } else {
        Provider::Social
    };
    let returned = params
        .iter()
        .find(|(key, _)| key == "state")
        .map(|(_, value)| value.as_str());
    let pending = identity_provider::pending().filter(|p| p.connector_id == connector_id);
    match (
        identity_provider::check_state(&connector_id, returned),
        pending,
    ) {
        (StateCheck::Match, Some(pending)) => {
            let data = connector_data(&params, &identity_provider::callback_uri(&connector_id));
            let journey = journey.clone();
            form.begin();
            leptos::task::spawn_local(async move {
                let result = verify_and_sign_in(&journey, &pending, provider, data).await;
                settle(&journey, form, question, &pending, result);
            });
        }
        // A forged or replayed callback, or one from another browser: never
        // verified.
        _ => form.fail(
            Field::Form,
            experience.t("error.invalid_connector_auth"),
            false,
        ),
    }
    view! {
        <PageHeading text=experience.t("action.sign_in") />
        <div class="logto_loading" aria-busy="true" hidden=move || !form.busy().get()></div>
        <FormAlert form />
        <a href=experience.href("/sign-in") hidden=move || form.busy().get()>
            {experience.t("action.back")}
        </a>
        <QuestionDialog question />
    }
}

fn via(provider: Provider) -> Via {
    match provider {
        Provider::Social => Via::Social,
        Provider::Sso => Via::Sso,
    }
}

async fn verify_and_sign_in(
    journey: &Journey,
    pending: &Pending,
    provider: Provider,
    data: serde_json::Map<String, serde_json::Value>,
) -> Result<Option<String>, ApiError> {
    let journeys = journey.journeys();
    let client = &journeys.client;
    let request = ConnectorVerifyRequest {
        connector_data: data,
        verification_id: Some(pending.verification_id.clone()),
    };
    let verified = match provider {
        Provider::Social => {
            client
                .social_verify(&pending.connector_id, &request)
                .await?
        }
        Provider::Sso => client.sso_verify(&pending.connector_id, &request).await?,
    };
    identity_provider::remember(&Pending {
        verification_id: verified.verification_id.clone(),
        ..pending.clone()
    });
    journeys.session.remember_event(&InteractionEvent::SignIn);
    journeys
        .identify_and_submit(Some(verified.verification_id))
        .await
}

/// Applies an answer of the callback (or of the link page): the redirect,
/// the next page, or what the identity needs (registration, linking).
pub fn settle(
    journey: &Journey,
    form: FormState,
    question: QuestionSignal,
    pending: &Pending,
    result: Result<Option<String>, ApiError>,
) {
    let event = journey::session().event();
    let Some(Err((step, message))) = journey.settle(form, &event, &via(pending.provider), result)
    else {
        return;
    };
    match step {
        NextStep::LinkSocial {
            automatic: true, ..
        } => link(journey, form, question, pending),
        NextStep::LinkSocial { related, .. } => {
            if let Ok(json) = serde_json::to_string(&related) {
                Session::browser().set(Key::RelatedUser, Some(&json));
            }
            crate::router::navigate(
                &journey
                    .experience
                    .href(&format!("/social/link/{}", pending.connector_id)),
                true,
            );
        }
        NextStep::RegisterIdentity => {
            let settings = &journey.experience.settings;
            // Terms only registration asks for were not on the sign-in page.
            let agree_first = landing::terms(settings, true) == Terms::Checkbox
                && landing::terms(settings, false) != Terms::Checkbox;
            let register = {
                let journey = journey.clone();
                let pending = pending.clone();
                Rc::new(move || register(&journey, form, question, &pending)) as Rc<dyn Fn()>
            };
            if agree_first {
                // Declining leaves the page as it is, with the way back.
                let experience = &journey.experience;
                question.set(Some(Question {
                    message: terms_message(experience),
                    confirm: experience.t("action.agree"),
                    cancel: Some(experience.t("action.cancel")),
                    on_confirm: register,
                }));
            } else {
                register();
            }
        }
        _ => form.fail(Field::Form, message, false),
    }
}

/// Runs `work` for `form` (once at a time) and settles its answer.
fn run<F>(
    journey: &Journey,
    form: FormState,
    question: QuestionSignal,
    pending: &Pending,
    work: impl FnOnce(Journeys, String) -> F,
) where
    F: std::future::Future<Output = Result<Option<String>, ApiError>> + 'static,
{
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    let pending = pending.clone();
    let work = work(journey.journeys(), pending.verification_id.clone());
    leptos::task::spawn_local(async move {
        let result = work.await;
        settle(&journey, form, question, &pending, result);
    });
}

/// The identity becomes a new account: `PUT /interaction-event {Register}`,
/// identification, submit (profile pages may follow).
fn register(journey: &Journey, form: FormState, question: QuestionSignal, pending: &Pending) {
    run(
        journey,
        form,
        question,
        pending,
        |journeys, id| async move {
            journeys
                .switch_event_and_submit(InteractionEvent::Register, Some(id))
                .await
        },
    );
}

/// The identity is linked to the account with the same email or phone.
fn link(journey: &Journey, form: FormState, question: QuestionSignal, pending: &Pending) {
    run(
        journey,
        form,
        question,
        pending,
        |journeys, id| async move {
            journeys
                .client
                .identify(&IdentificationRequest {
                    verification_id: Some(id),
                    link_social_identity: Some(true),
                })
                .await?;
            journeys.submit().await
        },
    );
}

/// `/social/link/<connectorId>`: "link with <address>" or "create a new
/// account instead", for a social identity whose email or phone belongs to
/// an account.
#[component]
pub fn SocialLink(connector_id: String) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let form = FormState::new();
    let question = question_signal();
    let related: Option<RelatedUser> = Session::browser()
        .get(Key::RelatedUser)
        .and_then(|json| serde_json::from_str(&json).ok());
    let pending = identity_provider::pending().filter(|p| p.connector_id == connector_id);
    let (Some(related), Some(pending)) = (related, pending) else {
        form.fail(Field::Form, t("error.invalid_session"), false);
        return view! {
            <PageHeading text=t("description.bind_account_title") />
            <FormAlert form />
            <a href=experience.href("/sign-in")>{t("action.back")}</a>
        }
        .into_any();
    };
    let address = crate::flow::code::sent_to(&crate::api::Identifier {
        identifier_type: related.identifier_type.clone(),
        value: related.value.clone(),
    });
    let bind_text = experience
        .i18n
        .t_with("action.bind", &[("address", address.into())]);
    let can_register = experience.settings.sign_in_mode != crate::api::settings::SignInMode::SignIn;
    let on_link = {
        let journey = journey.clone();
        let pending = pending.clone();
        move |_| link(&journey, form, question, &pending)
    };
    let on_create = can_register.then(|| {
        let journey = journey.clone();
        let pending = pending.clone();
        let text = t("action.create_account_without_linking");
        view! {
            <button
                type="button"
                class="button secondary"
                disabled=move || form.busy().get()
                on:click=move |_| register(&journey, form, question, &pending)
            >
                {text}
            </button>
        }
    });
    view! {
        <PageHeading text=t("description.bind_account_title") />
        <p class="secondary">{t("description.social_bind_with_existing")}</p>
        <div class="logto_factor-list">
            <button
                type="button"
                class="button primary"
                disabled=move || form.busy().get()
                on:click=on_link
            >
                {bind_text}
            </button>
            {on_create}
        </div>
        <FormAlert form />
        <QuestionDialog question />
    }
    .into_any()
}
