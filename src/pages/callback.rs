//! `/callback/<connectorId>` (and Logto's `/callback/social/<connectorId>`):
//! back from a social or enterprise SSO provider. The `state` is checked,
//! the provider's answer verified, and the person signed in, registered
//! (a new social or SSO identity), or asked whether to link an account
//! that has the same email or phone.

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    api::error::RelatedUser,
    components::{
        dialog::{question_signal, QuestionDialog, QuestionSignal},
        form::{FormAlert, FormState},
        terms,
    },
    flow::{
        next_step::{Field, NextStep},
        one_tap,
    },
    identity_provider,
    journey::{use_journey, Journey},
    journeys::{Key, Outcome, Pending},
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
    // A native app's round trip: its answer goes back to the app.
    let hash = window().location().hash().unwrap_or_default();
    let answer = match (search.as_str(), hash.trim_start_matches('#')) {
        (query, "") => query.to_owned(),
        ("", fragment) => format!("?{fragment}"),
        (query, fragment) => format!("{query}&{fragment}"),
    };
    if let Some(deep_link) = journey.journeys().native_handoff(&connector_id, &answer) {
        let _ = window().location().replace(&deep_link);
        return view! { <div class="logto_loading" aria-busy="true"></div> }.into_any();
    }
    let params = session::query_pairs(&search);
    // Google One Tap's answer carries a credential instead of a state, and
    // Google's CSRF token is also in a cookie.
    let csrf_cookie = session::cookie(&session::document_cookie(), one_tap::CSRF_TOKEN);
    // The code in the address is spent by this visit: a reload or Back must
    // not send it again.
    crate::router::rewrite_address(&experience.href(&format!("/callback/{connector_id}")));
    let redirect_uri = identity_provider::callback_uri(&connector_id);
    // Logto never answered (offline, a timeout, a proxy's error): the same
    // answer of the provider can be tried again, its state kept for it.
    let retryable = RwSignal::new(false);
    let finish = {
        let journey = journey.clone();
        Rc::new(move || {
            if !form.begin() {
                return;
            }
            retryable.set(false);
            let journey = journey.clone();
            let (connector_id, params, redirect_uri, csrf_cookie) = (
                connector_id.clone(),
                params.clone(),
                redirect_uri.clone(),
                csrf_cookie.clone(),
            );
            leptos::task::spawn_local(async move {
                let journeys = journey.journeys();
                let outcome = match journeys
                    .finish_one_tap(
                        &connector_id,
                        &params,
                        csrf_cookie.as_deref(),
                        &redirect_uri,
                    )
                    .await
                {
                    Some(outcome) => outcome,
                    None => {
                        journeys
                            .finish_with_provider(&connector_id, &params, &redirect_uri)
                            .await
                    }
                };
                let transient =
                    matches!(&outcome, Outcome::Fail { error, .. } if error.is_transient());
                settle(&journey, form, question, outcome);
                retryable.set(transient);
            });
        })
    };
    finish();
    view! {
        <PageHeading text=experience.t("action.sign_in") />
        <div class="logto_loading" aria-busy="true" hidden=move || !form.busy().get()></div>
        <FormAlert form />
        <button
            type="button"
            class="button primary"
            hidden=move || !retryable.get() || form.busy().get()
            on:click=move |_| finish()
        >
            {experience.t("account_center.security.trusted_devices.retry")}
        </button>
        // When the provider's answer fails: a way back as plain to see as
        // the error.
        <a
            href=experience.href("/sign-in")
            class="button secondary logto_callback-back"
            hidden=move || form.busy().get()
        >
            {experience.t("action.back")}
        </a>
        <QuestionDialog question />
    }
    .into_any()
}

/// Applies an answer of the callback (or of the link page): the redirect,
/// the next page, or what the identity needs (registration, linking).
fn settle(journey: &Journey, form: FormState, question: QuestionSignal, outcome: Outcome) {
    let Some(Err((step, message))) = journey.render(form, outcome) else {
        return;
    };
    let session = &journey.experience.session;
    match step {
        NextStep::LinkSocial {
            automatic: true, ..
        } => link(journey, form, question),
        NextStep::LinkSocial { related, .. } => {
            session.set_json(Key::RelatedUser, Some(&related));
            let connector = session
                .get_json::<Pending>(Key::Provider)
                .map(|pending| pending.connector_id)
                .unwrap_or_default();
            crate::router::navigate(
                &journey
                    .experience
                    .href(&format!("/social/link/{connector}")),
                true,
            );
        }
        NextStep::RegisterIdentity => register(journey, form, question),
        // Registering needs the terms agreed to, and they were not (Logto's
        // callbacks ask likewise). Declining leaves the page as it is, with
        // the way back.
        NextStep::AgreeToTerms => {
            let again = {
                let journey = journey.clone();
                Rc::new(move || register(&journey, form, question))
            };
            terms::ask(&journey.experience, question, again);
        }
        _ => form.fail(Field::Form, message, false),
    }
}

/// Runs `journey` for `form` (once at a time) and settles its outcome.
fn run<F>(journey: &Journey, form: FormState, question: QuestionSignal, work: F)
where
    F: std::future::Future<Output = Outcome> + 'static,
{
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        let outcome = work.await;
        settle(&journey, form, question, outcome);
    });
}

/// The identity becomes a new account (profile pages may follow).
fn register(journey: &Journey, form: FormState, question: QuestionSignal) {
    let journeys = journey.journeys();
    run(journey, form, question, async move {
        journeys.register_identity().await
    });
}

/// The identity is linked to the account with the same email or phone.
fn link(journey: &Journey, form: FormState, question: QuestionSignal) {
    let journeys = journey.journeys();
    run(journey, form, question, async move {
        journeys.link_identity().await
    });
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
    let related: Option<RelatedUser> = experience.session.get_json(Key::RelatedUser);
    let pending = experience.journeys().pending_provider(&connector_id);
    let (Some(related), Some(_)) = (related, pending) else {
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
        move |_| link(&journey, form, question)
    };
    let on_create = can_register.then(|| {
        let journey = journey.clone();
        let text = t("action.create_account_without_linking");
        // A link on Logto's page (automation clicks `a` by this text).
        view! {
            <crate::components::action_link::ActionLink
                class="button secondary"
                text
                disabled=form.busy()
                on_press=move || register(&journey, form, question)
            />
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
