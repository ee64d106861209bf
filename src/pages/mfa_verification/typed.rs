//! The factors of `/mfa-verification/<factor>` that are typed: a backup
//! code, an authenticator app's code.

use leptos::prelude::*;

use crate::components::trust_device::{TrustDevice, TrustOptIn};
use crate::{
    components::{
        code_input::CodeInputForm,
        field::TextField,
        form::{FormState, PageForm},
    },
    flow::next_step::Field,
    journey::Journey,
    shell::PageHeading,
};

/// A backup code, typed in a text field.
pub(super) fn backup_code_factor(
    journey: &Journey,
    form: FormState,
    code: RwSignal<String>,
) -> AnyView {
    let t = |key: &str| journey.experience.t(key);
    let on_submit = {
        let journey = journey.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = code.get_untracked().trim().to_owned();
            if typed.is_empty() {
                let message = journey.experience.i18n.t_with(
                    "error.general_required",
                    &[(
                        "types",
                        vec![journey.experience.t("mfa.backup_code")].into(),
                    )],
                );
                return form.fail(Field::Code, message, false);
            }
            let journeys = journey.journeys();
            journey.run(
                form,
                async move { journeys.verify_backup_code(typed).await },
            );
        }
    };
    let label = t("mfa.backup_code");
    view! {
        <PageForm
            heading=t("mfa.enter_a_backup_code")
            description=t("mfa.enter_backup_code_description")
            form
            submit=t("action.continue")
            on_submit
        >
            <TextField
                name="code"
                label
                autocomplete="one-time-code"
                value=code
                error=form.error(Field::Code)
            />
        </PageForm>
    }
    .into_any()
}

/// The six digits of an authenticator app.
pub(super) fn totp_factor(journey: &Journey, form: FormState, code: RwSignal<String>) -> AnyView {
    let t = |key: &str| journey.experience.t(key);
    let opt_in = TrustOptIn::new(journey);
    let verify = {
        let journey = journey.clone();
        move |digits: String| {
            let journeys = journey.journeys();
            let trust = opt_in.ticked();
            journey.run(
                form,
                async move { journeys.verify_totp(digits, trust).await },
            );
        }
    };
    view! {
        <PageHeading text=t("mfa.enter_one_time_code") />
        <p class="secondary">{t("mfa.enter_one_time_code_description")}</p>
        <CodeInputForm form name="totpCode" code verify hold=opt_in.shown()>
            <TrustDevice opt_in />
        </CodeInputForm>
    }
    .into_any()
}
