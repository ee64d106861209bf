//! `/<flow>/verification-code` (`sign-in`, `register`, `forgot-password`,
//! `continue`): the code sent to an email or phone, with resend after a
//! countdown, then the flow's next calls.

use std::rc::Rc;

use crate::router::Redirect;
use leptos::prelude::*;

use crate::{
    api::{
        ApiError, BindMfaRequest, Identifier, InteractionEvent, InteractionEventRequest, MfaFactor,
        ProfileRequest, SendVerificationCodeRequest, SignInIdentifier,
        VerifyVerificationCodeRequest,
    },
    components::{
        code_input::CodeInputForm,
        dialog::{question_signal, Question, QuestionDialog, QuestionSignal},
        form::FormState,
        resend::{countdown, Resend},
    },
    flow::{
        code::sent_to,
        landing::{self, type_key, Factor, Terms},
        next_step::{Field, NextStep, Via},
        route::CodeFlow,
    },
    journey::{self, use_journey, Journey, PendingCode},
    pages::sign_in::terms_message,
    session,
    shell::PageHeading,
};

/// The code page of `flow`, for the code remembered by the page that sent
/// it; back to that page when there is none (a bookmarked URL).
#[component]
pub fn VerificationCode(flow: CodeFlow) -> impl IntoView {
    let journey = use_journey();
    match journey::pending_code().filter(|pending| pending.flow == flow.segment()) {
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
    let mfa = pending.mfa;
    let verification_id = RwSignal::new(pending.verification_id.clone());
    let sent_at = RwSignal::new(pending.sent_at);
    let remaining = countdown(sent_at);
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
            let id = verification_id.get_untracked();
            leptos::task::spawn_local(async move {
                let event = flow.event().unwrap_or_else(journey::event);
                let result = verify_and_finish(&journey, flow, mfa, &identifier, id, digits).await;
                let via = Via::Code(identifier.identifier_type.clone());
                if let Some(Err((step, message))) = journey.settle(form, &event, &via, result) {
                    ask(&journey, form, question, step, message, &identifier, &event);
                }
            });
        })
    };
    let back = experience.href(&pending.back);
    let resend = {
        let experience = experience.clone();
        let identifier = identifier.clone();
        move || {
            if !form.begin() {
                return;
            }
            let experience = experience.clone();
            let identifier = identifier.clone();
            let pending = pending.clone();
            leptos::task::spawn_local(async move {
                let event = flow.event().unwrap_or_else(journey::event);
                let request = SendVerificationCodeRequest {
                    identifier: identifier.clone(),
                    interaction_event: event,
                };
                match experience.client.send_verification_code(&request).await {
                    Ok(sent) => {
                        let at = journey::now_ms();
                        journey::remember_code(&PendingCode {
                            verification_id: sent.verification_id.clone(),
                            sent_at: at,
                            ..pending.clone()
                        });
                        verification_id.set(sent.verification_id);
                        sent_at.set(at);
                        resent.set(true);
                        code.set(String::new());
                        form.end();
                    }
                    Err(error) => {
                        form.fail(Field::Form, journey::message(&experience, &error), false)
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
        view! {
            <button
                type="button"
                class="link"
                on:click=move |_| {
                    session::remember_identifier(&identifier);
                    journey.navigate("/sign-in/password");
                }
            >
                {t("action.sign_in_via_password")}
            </button>
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
async fn verify_and_finish(
    journey: &Journey,
    flow: CodeFlow,
    mfa: bool,
    identifier: &Identifier,
    verification_id: String,
    code: String,
) -> Result<Option<String>, ApiError> {
    let client = &journey.experience.client;
    let verified = client
        .verify_verification_code(&VerifyVerificationCodeRequest {
            identifier: identifier.clone(),
            verification_id,
            code,
        })
        .await?
        .verification_id;
    if flow != CodeFlow::Continue {
        return journey::identify_and_submit(client, Some(verified)).await;
    }
    if mfa {
        let factor = match identifier.identifier_type {
            SignInIdentifier::Phone => MfaFactor::PhoneVerificationCode,
            _ => MfaFactor::EmailVerificationCode,
        };
        client
            .bind_mfa(&BindMfaRequest {
                factor,
                verification_id: verified,
            })
            .await?;
        return journey::submit(client).await;
    }
    let profile = match identifier.identifier_type {
        SignInIdentifier::Phone => ProfileRequest::Phone {
            verification_id: verified,
        },
        _ => ProfileRequest::Email {
            verification_id: verified,
        },
    };
    client.add_profile(&profile).await?;
    journey::resume(client).await
}

/// Answers the questions a code can raise: an unknown address on sign-in
/// becomes a registration, a taken one on registration a sign-in.
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
                let client = &journey.experience.client;
                let verification = journey::pending_code().map(|p| p.verification_id);
                let result = async {
                    client
                        .set_interaction_event(&InteractionEventRequest {
                            interaction_event: target.clone(),
                            captcha_token: None,
                        })
                        .await?;
                    journey::remember_event(&target);
                    journey::identify_and_submit(client, verification).await
                }
                .await;
                journey.settle(form, &target, &Via::Other, result);
            });
        })
    };
    let (message, confirm, cancel, on_confirm) = match step {
        NextStep::CreateAccount { .. } => {
            let register = switch_to(InteractionEvent::Register);
            // Terms that only registration asks for were not on the
            // sign-in page: agree to them before the account is created.
            let settings = &experience.settings;
            let agree_first = landing::terms(settings, true) == Terms::Checkbox
                && landing::terms(settings, false) != Terms::Checkbox;
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
