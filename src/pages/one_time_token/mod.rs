//! Magic links: `/one-time-token?one_time_token=&login_hint=` signs the
//! person in with the token (or registers them when the settings allow
//! it), `/one-time-token/error` says why a link cannot be used, and
//! `/switch-account` asks first when the browser is signed in as someone
//! else. Logto's `pages/OneTimeToken` and `pages/SwitchAccount`.
//! `/reset-password?one_time_token=` resets a password instead (`reset`). The
//! rules are `flow::magic_link`'s, the calls `journeys`'.

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    components::{
        dialog::{question_signal, Question, QuestionDialog},
        form::{FormAlert, FormState},
        terms::agree_sentence,
    },
    flow::magic_link::{self, Start},
    journey::{use_journey, Journey},
    journeys::{Key, MagicLink, Session},
    session::query_param,
};

mod error;
mod reset;
mod switch_account;
pub use error::OneTimeTokenError;
pub use reset::{is_reset_link, MagicReset};
pub use switch_account::SwitchAccount;

pub(super) fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// Shows the error page with `message` (the server's), or Logto's "invalid
/// link" text when `None`; `title` overrides "Invalid link".
pub(super) fn fail(journey: &Journey, title: Option<&str>, message: Option<&str>) {
    let value = magic_link::error_record(title, message);
    Session::browser().set(Key::MagicLinkError, Some(&value));
    // Never while the page renders: after it.
    let to = journey.experience.href("/one-time-token/error");
    leptos::task::spawn_local(async move { crate::router::navigate(&to, true) });
}

/// Asks to agree to the terms in a dialog; `then(true)` when agreed.
fn ask_terms(
    journey: &Journey,
    question: crate::components::dialog::QuestionSignal,
    then: Rc<dyn Fn()>,
) {
    let experience = &journey.experience;
    let documents = magic_link::terms_documents(&experience.settings);
    let sentence = agree_sentence(experience, &documents);
    let journey_on_cancel = journey.clone();
    question.set(Some(Question {
        message: sentence,
        confirm: experience.t("action.agree"),
        cancel: Some(experience.t("action.cancel")),
        on_confirm: then,
        on_cancel: None,
    }));
    // Declining (cancel or Escape) closes the dialog: the link is then
    // refused like Logto's "terms acceptance required" page.
    Effect::new(move |opened: Option<bool>| {
        let open = question.with(Option::is_some);
        if opened == Some(true) && !open && Session::browser().get(Key::MagicLinkAgreed).is_none() {
            fail(
                &journey_on_cancel,
                Some("error.terms_acceptance_required"),
                Some("error.terms_acceptance_required_description"),
            );
        }
        open
    });
}

/// `/one-time-token`.
#[component]
pub fn OneTimeToken() -> impl IntoView {
    let journey = use_journey();
    let question = question_signal();
    let form = FormState::new();
    // Logto never answered: the same link again (`Some(verified)`).
    let retry = RwSignal::new(None::<Option<String>>);
    let followed = StoredValue::new(None::<Link>);
    let query = search();
    let start = magic_link::start(
        query_param(&query, "one_time_token"),
        query_param(&query, "login_hint"),
        query_param(&query, "errorMessage"),
    );
    Session::browser().set(Key::MagicLinkAgreed, None);
    match start {
        Start::Refused(message) => fail(&journey, None, Some(&message)),
        // Only a reset link asks for its address.
        Start::Invalid | Start::AskEmail { .. } => fail(&journey, None, None),
        Start::Verify { token, email } => {
            // The token is spent once: a reload must not show it again.
            let clean = journey.experience.href("/one-time-token");
            let _ = window().history().map(|history| {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
            });
            let run: Rc<dyn Fn()> = {
                let journey = journey.clone();
                Rc::new(move || {
                    Session::browser().set(Key::MagicLinkAgreed, Some("1"));
                    let link = Link {
                        token: token.clone(),
                        email: email.clone(),
                        verified: None,
                    };
                    followed.set_value(Some(link.clone()));
                    verify(journey.clone(), form, question, retry, link);
                })
            };
            if magic_link::terms_needed(&journey.experience.settings, false) {
                ask_terms(&journey, question, run);
            } else {
                run();
            }
        }
    }
    let experience = journey.experience.clone();
    let on_retry = move || {
        if let Some(mut link) = followed.get_value() {
            link.verified = retry.get_untracked().flatten();
            verify(journey.clone(), form, question, retry, link);
        }
    };
    view! {
        <h1 class="logto_visually-hidden">{experience.t("action.sign_in")}</h1>
        <LinkProgress form retry on_retry />
        <QuestionDialog question />
    }
}

/// A link being followed: busy while it is, its error, and "Try again"
/// while Logto has not answered (`retry` holds the verification id to go
/// on from, if the token was already accepted).
#[component]
fn LinkProgress(
    form: FormState,
    retry: RwSignal<Option<Option<String>>>,
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    let experience = use_journey().experience;
    let busy = form.busy();
    view! {
        {move || {
            busy.get()
                .then(|| {
                    view! {
                        <div class="logto_loading logto_loading-inline" aria-busy="true"></div>
                    }
                })
        }}
        <FormAlert form />
        <button
            type="button"
            class="button primary"
            hidden=move || retry.get().is_none() || busy.get()
            on:click=move |_| on_retry()
        >
            {experience.t("account_center.security.trusted_devices.retry")}
        </button>
    }
}

/// The link being followed.
#[derive(Clone)]
struct Link {
    token: String,
    email: String,
    /// The token was accepted before Logto stopped answering.
    verified: Option<String>,
}

/// Signs in with the token; an address without an account registers
/// instead (after the terms, when they must be agreed to).
fn verify(
    journey: Journey,
    form: FormState,
    question: crate::components::dialog::QuestionSignal,
    retry: RwSignal<Option<Option<String>>>,
    link: Link,
) {
    if !form.begin() {
        return;
    }
    retry.set(None);
    leptos::task::spawn_local(async move {
        let journeys = journey.journeys();
        let Link {
            token,
            email,
            verified,
        } = link;
        match journeys.retry_magic_link(token, email, verified).await {
            MagicLink::Unanswered { error, verified } => {
                form.fail(
                    crate::flow::next_step::Field::Form,
                    journey.message(&error),
                    false,
                );
                retry.set(Some(verified));
            }
            MagicLink::Refused(error) => {
                form.end();
                fail(&journey, None, Some(&journey.message(&error)));
            }
            MagicLink::NewAccount { verification_id } => {
                form.end();
                let register: Rc<dyn Fn()> = {
                    let journey = journey.clone();
                    Rc::new(move || {
                        Session::browser().set(Key::MagicLinkAgreed, Some("1"));
                        let (journeys, id) = (journey.journeys(), verification_id.clone());
                        journey.run(form, async move { journeys.register_verified(id).await });
                    })
                };
                if magic_link::terms_needed(&journey.experience.settings, true) && !agreed_now() {
                    return ask_terms(&journey, question, register);
                }
                register();
            }
            MagicLink::Signed(outcome) => journey.show(form, outcome),
        }
    });
}

/// Whether the terms were agreed to in this visit.
fn agreed_now() -> bool {
    Session::browser().get(Key::MagicLinkAgreed).is_some()
}
