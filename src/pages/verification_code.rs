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
        method_switch::MethodSwitch,
        resend::{Resend, ResendTimer},
        terms,
    },
    flow::{
        code::sent_to,
        landing::{type_key, Factor},
        next_step::{Field, NextStep},
        route::CodeFlow,
    },
    journey::{use_journey, Journey, PendingCode},
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

    let verify = {
        let journey = journey.clone();
        let identifier = identifier.clone();
        let back = pending.back.clone();
        Rc::new(move |digits: String| {
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let identifier = identifier.clone();
            let back = back.clone();
            leptos::task::spawn_local(async move {
                let outcome = journey.journeys().verify_code(digits).await;
                // A used or foreign code: resend is offered at once.
                timer.follow(&outcome);
                if let Some(Err((step, message))) = journey.render(form, outcome) {
                    ask(&journey, form, question, step, message, &identifier, &back);
                }
            });
        })
    };
    let back = experience.href(&pending.back);
    let resend = {
        let journey = journey.clone();
        move || {
            let journeys = journey.journeys();
            let delivery = async move { journeys.resend_code().await };
            timer.send(&journey, form, code, true, delivery, drop);
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
    // Sign-in by code may switch to the identifier's other factors.
    let switch = (flow == CodeFlow::SignIn).then(|| {
        let identifier = identifier.clone();
        view! { <MethodSwitch identifier current=Factor::Code form /> }
    });
    view! {
        <PageHeading text=heading />
        <p class="secondary">{intro}</p>
        <CodeInputForm form code verify=move |digits| verify(digits)>
            <Resend timer on_resend=resend />
        </CodeInputForm>
        {switch}
        <a href=back>{change}</a>
        <QuestionDialog question />
    }
}

/// Switches the interaction to `target` and finishes it with the verified
/// code ("create an account", "sign in instead"); a registration the terms
/// must be agreed to first asks in Logto's "Agree" dialog, then runs again.
fn switch(journey: &Journey, form: FormState, question: QuestionSignal, target: InteractionEvent) {
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        let journeys = journey.journeys();
        let verification = journeys.session.pending_code().map(|p| p.verification_id);
        let outcome = journeys
            .switch_and_finish(target.clone(), verification)
            .await;
        match journey.render(form, outcome) {
            Some(Err((NextStep::AgreeToTerms, _))) => {
                let again = {
                    let journey = journey.clone();
                    Rc::new(move || switch(&journey, form, question, target.clone()))
                };
                terms::ask(&journey.experience, question, again);
            }
            Some(Err((_, message))) => form.fail(Field::Form, message, false),
            _ => {}
        }
    });
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
    back: &str,
) {
    let experience = &journey.experience;
    let value = sent_to(identifier);
    let switch_to = |target: InteractionEvent| -> Rc<dyn Fn()> {
        let journey = journey.clone();
        Rc::new(move || switch(&journey, form, question, target.clone()))
    };
    // Back to where the address was typed (Logto: one page back).
    let change = {
        let journey = journey.clone();
        let back = back.to_owned();
        Rc::new(move || journey.navigate(&back)) as Rc<dyn Fn()>
    };
    let mut on_cancel = None;
    let (message, confirm, cancel, on_confirm) = match step {
        // The registration asks for the terms itself when they were not
        // agreed to (under `ManualRegistrationOnly` the sign-in page had
        // no box).
        NextStep::CreateAccount { .. } => (
            experience.i18n.t_with(
                "description.sign_in_id_does_not_exist",
                &[("value", value.into())],
            ),
            experience.t("action.create"),
            Some(experience.t("action.cancel")),
            switch_to(InteractionEvent::Register),
        ),
        NextStep::SignInInstead => (
            experience.i18n.t_with(
                "description.create_account_id_exists",
                &[("value", value.into())],
            ),
            experience.t("action.sign_in"),
            Some(experience.t("action.cancel")),
            switch_to(InteractionEvent::SignIn),
        ),
        // A social registration's address has an account: link the
        // identity to it (Logto's `useLinkSocialConfirmModal`).
        NextStep::LinkSocialInstead => {
            let kind = experience.t(type_key(&identifier.identifier_type));
            let journey = journey.clone();
            on_cancel = Some(change);
            (
                experience.i18n.t_with(
                    "description.link_account_id_exists",
                    &[("type", kind.clone().into()), ("value", value.into())],
                ),
                experience.t("action.bind_and_continue"),
                Some(
                    experience
                        .i18n
                        .t_with("action.change", &[("method", kind.into())]),
                ),
                Rc::new(move || {
                    let journeys = journey.journeys();
                    journey.run(form, async move { journeys.link_social_instead().await });
                }) as Rc<dyn Fn()>,
            )
        }
        // The code must be sent again: the old record is gone.
        NextStep::RedoVerification => return form.fail(Field::Code, message, true),
        // An alert (the address cannot be used here): say why, then back
        // to where it was typed.
        _ => (message, experience.t("action.got_it"), None, change),
    };
    question.set(Some(Question {
        message,
        confirm,
        cancel,
        on_confirm,
        on_cancel,
    }));
}
