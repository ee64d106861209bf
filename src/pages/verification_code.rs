//! `/<flow>/verification-code` (`sign-in`, `register`, `forgot-password`,
//! `continue`): the code sent to an email or phone, with resend after a
//! countdown, then the flow's next calls.

use std::rc::Rc;

use crate::router::Redirect;
use leptos::prelude::*;

use crate::{
    api::{Identifier, InteractionEvent, SignInIdentifier},
    components::{
        code_input::CodeInputForm,
        dialog::{question_signal, Question, QuestionDialog, QuestionSignal},
        form::FormState,
        resend::{Resend, ResendTimer},
    },
    flow::{
        code::sent_to,
        landing::{self, type_key, Factor},
        next_step::{Field, NextStep},
        route::CodeFlow,
    },
    journey::{use_journey, Journey, PendingCode},
    pages::sign_in::terms_message,
    shell::PageHeading,
};

/// The code page of `flow`, for the code remembered by the page that sent
/// it; back to that page when there is none (a bookmarked URL).
#[component]
pub fn VerificationCode(flow: CodeFlow) -> impl IntoView {
    let journey = use_journey();
    let pending = journey.experience.session.pending_code();
    match pending.filter(|pending| pending.flow == flow.segment()) {
        Some(pending) => view! { <CodeForm flow pending journey /> }.into_any(),
        None => view! { <Redirect path=journey.experience.href(flow.back_path()) /> }.into_any(),
    }
}

#[component]
fn CodeForm(flow: CodeFlow, pending: PendingCode, journey: Journey) -> impl IntoView {
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let code = RwSignal::new(String::new());
    let form = FormState::new().input(Field::Code, "code", code);
    let question = question_signal();
    let identifier = pending.identifier.clone();
    let timer = ResendTimer::new(pending.sent_at);
    let remaining = timer.remaining();
    let resent = RwSignal::new(false);

    let verify = {
        let journey = journey.clone();
        let identifier = identifier.clone();
        Rc::new(move |digits: String| {
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let identifier = identifier.clone();
            leptos::task::spawn_local(async move {
                let journeys = journey.journeys();
                let event = flow.event().unwrap_or_else(|| journeys.session.event());
                let outcome = journeys.verify_code(digits).await;
                // A used or foreign code: resend is offered at once.
                timer.follow(&outcome);
                if let Some(Err((step, message))) = journey.render(form, outcome) {
                    ask(&journey, form, question, step, message, &identifier, &event);
                }
            });
        })
    };
    let back = experience.href(&pending.back);
    let resend = {
        let journey = journey.clone();
        move || {
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            leptos::task::spawn_local(async move {
                match journey.journeys().resend_code().await {
                    Ok(_) => {
                        timer.sent();
                        resent.set(true);
                        code.set(String::new());
                        form.end();
                    }
                    Err(error) => {
                        timer.after_error(&error);
                        form.fail(Field::Form, journey.message(&error), false);
                    }
                }
            });
        }
    };

    let target = sent_to(&identifier);
    let address = t(match identifier.identifier_type {
        SignInIdentifier::Phone => "description.phone_number",
        _ => "description.email",
    });
    let intro = experience.i18n.t_with(
        "description.enter_passcode",
        &[("address", address.into()), ("target", target.into())],
    );
    let heading = t(match identifier.identifier_type {
        SignInIdentifier::Phone => "description.verify_phone",
        _ => "description.verify_email",
    });
    let change = experience.i18n.t_with(
        "action.change",
        &[("method", t(type_key(&identifier.identifier_type)).into())],
    );
    // Sign-in by code may switch to the password when the method has one.
    let password_switch = (flow == CodeFlow::SignIn
        && landing::factors(&experience.settings, &identifier.identifier_type, false)
            .is_some_and(|f| f.first == Factor::Password || f.others.contains(&Factor::Password)))
    .then(|| {
        let journey = journey.clone();
        let identifier = identifier.clone();
        // A link on Logto's page (automation clicks `a` "Sign in with password").
        view! {
            <crate::components::action_link::ActionLink
                class="link"
                text=t("action.sign_in_via_password")
                on_press=move || {
                    crate::journey::session().remember_identifier(&identifier);
                    journey.navigate("/sign-in/password");
                }
            />
        }
    });
    view! {
        <PageHeading text=heading />
        <p class="secondary">{intro}</p>
        <CodeInputForm form code verify=move |digits| verify(digits)>
            <Resend remaining resent=resent.read_only() on_resend=resend />
        </CodeInputForm>
        {password_switch}
        <a href=back>{change}</a>
        <QuestionDialog question />
    }
}

/// Verifies the code, then finishes the flow: identify and submit, or, on
/// a continue page, link the address and resume (or bind it as an MFA
/// factor and submit).
fn ask(
    journey: &Journey,
    form: FormState,
    question: QuestionSignal,
    step: NextStep,
    message: String,
    identifier: &Identifier,
    event: &InteractionEvent,
) {
    let experience = &journey.experience;
    let value = sent_to(identifier);
    let switch_to = |target: InteractionEvent| -> Rc<dyn Fn()> {
        let journey = journey.clone();
        Rc::new(move || {
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let target = target.clone();
            leptos::task::spawn_local(async move {
                let journeys = journey.journeys();
                let verification = journeys.session.pending_code().map(|p| p.verification_id);
                let outcome = journeys.switch_and_finish(target, verification).await;
                journey.render(form, outcome);
            });
        })
    };
    let (message, confirm, cancel, on_confirm) = match step {
        NextStep::CreateAccount { .. } => {
            let register = switch_to(InteractionEvent::Register);
            // Terms that only registration asks for were not on the
            // sign-in page: agree to them before the account is created.
            let settings = &experience.settings;
            let agree_first = landing::terms_before_registering(settings);
            let on_confirm: Rc<dyn Fn()> = if agree_first {
                let terms = Question {
                    message: terms_message(experience),
                    confirm: experience.t("action.agree"),
                    cancel: Some(experience.t("action.cancel")),
                    on_confirm: register,
                };
                Rc::new(move || question.set(Some(terms.clone())))
            } else {
                register
            };
            (
                experience.i18n.t_with(
                    "description.sign_in_id_does_not_exist",
                    &[("value", value.into())],
                ),
                experience.t("action.create"),
                Some(experience.t("action.cancel")),
                on_confirm,
            )
        }
        NextStep::SignInInstead => (
            experience.i18n.t_with(
                "description.create_account_id_exists",
                &[("value", value.into())],
            ),
            experience.t("action.sign_in"),
            Some(experience.t("action.cancel")),
            switch_to(InteractionEvent::SignIn),
        ),
        // The code must be sent again: the old record is gone.
        NextStep::RedoVerification => return form.fail(Field::Code, message, true),
        // An alert (the address cannot be used here): say why, then back
        // to where it was typed.
        _ => {
            let journey = journey.clone();
            let back = match event {
                InteractionEvent::Register => "/register",
                InteractionEvent::ForgotPassword => "/forgot-password",
                _ => "/sign-in",
            };
            (
                message,
                experience.t("action.got_it"),
                None,
                Rc::new(move || journey.navigate(back)) as Rc<dyn Fn()>,
            )
        }
    };
    question.set(Some(Question {
        message,
        confirm,
        cancel,
        on_confirm,
    }));
}
