//! The email or SMS factor of `/mfa-verification/<factor>`.

use leptos::prelude::*;

use crate::components::trust_device::{TrustDevice, TrustOptIn};
use crate::{
    api::MfaFactor,
    components::{
        code_input::CodeInputForm,
        form::FormState,
        resend::{Resend, ResendTimer},
    },
    flow::next_step::Field,
    journey::{self, Journey},
    journeys::MfaCode,
    shell::PageHeading,
};

/// The email or SMS factor: a code is sent to the account's (masked)
/// address when the page opens, with resend after the countdown.
pub(super) fn code_factor(
    journey: &Journey,
    form: FormState,
    code: RwSignal<String>,
    factor: &MfaFactor,
) -> AnyView {
    let experience = &journey.experience;
    if crate::flow::code::mfa_target(factor).is_none() {
        return ().into_any();
    }
    let sent = RwSignal::new(None::<MfaCode>);
    let timer = ResendTimer::new(crate::journeys::now_ms());
    let send = {
        let journey = journey.clone();
        let factor = factor.clone();
        move |again: bool| {
            let journeys = journey.journeys();
            let factor = factor.clone();
            let delivery = async move { journeys.send_mfa_code(&factor).await };
            timer.send(&journey, form, code, again, delivery, move |delivered| {
                sent.set(Some(delivered))
            });
        }
    };
    send(false);
    let opt_in = TrustOptIn::new(journey);
    let verify = {
        let journey = journey.clone();
        move |digits: String| {
            let Some(delivered) = sent.get_untracked() else {
                let message = journey.experience.t("error.invalid_passcode");
                return form.fail(Field::Code, message, true);
            };
            let journeys = journey.journeys();
            let trust = opt_in.ticked();
            journey.run(form, async move {
                journeys.verify_mfa_code(&delivered, digits, trust).await
            });
        }
    };
    let (heading, description) = match factor {
        MfaFactor::PhoneVerificationCode => (
            "mfa.enter_phone_verification_code",
            "mfa.enter_phone_verification_code_description",
        ),
        _ => (
            "mfa.enter_email_verification_code",
            "mfa.enter_email_verification_code_description",
        ),
    };
    let masked = journey::session().mfa_masked(factor).unwrap_or_default();
    let description = experience
        .i18n
        .t_with(description, &[("identifier", masked.into())]);
    view! {
        <PageHeading text=experience.t(heading) />
        <p class="secondary">{description}</p>
        <CodeInputForm form name="mfaCode" code verify hold=opt_in.shown()>
            <Resend timer on_resend=move || send(true) />
            <TrustDevice opt_in />
        </CodeInputForm>
    }
    .into_any()
}
