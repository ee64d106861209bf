//! `/mfa-verification` and `/mfa-verification/<factor>`: the second step of
//! a sign-in when the account has MFA (`session.mfa.require_mfa_verification`).
//! The server lists the factors, the last used first; the page opens that
//! one and offers the others.

use leptos::prelude::*;

use crate::{
    api::{BackupCodeVerifyRequest, InteractionEvent, MfaFactor, TotpVerifyRequest},
    components::{
        code_input::CodeInput,
        field::TextField,
        form::{FormAlert, FormState, SubmitButton},
    },
    flow::next_step::{Field, Via},
    journey::{self, use_journey, Journey},
    shell::PageHeading,
};

/// The phrase naming a factor in the "try another method" list.
fn factor_key(factor: &MfaFactor) -> &'static str {
    match factor {
        MfaFactor::Totp => "mfa.totp",
        MfaFactor::WebAuthn => "mfa.webauthn",
        MfaFactor::BackupCode => "mfa.backup_code",
        MfaFactor::EmailVerificationCode => "mfa.email_verification_code",
        MfaFactor::PhoneVerificationCode => "mfa.phone_verification_code",
        MfaFactor::Unknown(_) => "mfa.verify_mfa_factors",
    }
}

/// Whether this build has a page for `factor` (the others come with the
/// passkey and MFA-code pages).
fn has_page(factor: &MfaFactor) -> bool {
    matches!(factor, MfaFactor::Totp | MfaFactor::BackupCode)
}

/// Verifies with `verify`, then submits; errors stay on `form`.
fn verify_and_submit<F>(journey: &Journey, form: FormState, verify: F)
where
    F: std::future::Future<Output = Result<(), crate::api::ApiError>> + 'static,
{
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        let result = match verify.await {
            Ok(()) => journey::submit(&journey.experience.client).await,
            Err(error) => Err(error),
        };
        let event = InteractionEvent::SignIn;
        if let Some(Err((_, message))) = journey.settle(form, &event, &Via::Other, result) {
            form.fail(Field::Form, message, false);
        }
    });
}

/// `/mfa-verification`: the factors to choose from.
#[component]
pub fn MfaFactors() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let factors = journey::mfa_factors();
    let buttons = factors
        .into_iter()
        .filter(has_page)
        .map(|factor| {
            let journey = journey.clone();
            let path = format!("/mfa-verification/{}", factor.as_str());
            view! {
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| journey.navigate(&path)
                >
                    {experience.t(factor_key(&factor))}
                </button>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <PageHeading text=experience.t("mfa.verify_mfa_factors") />
        <p class="secondary">{experience.t("mfa.verify_mfa_description")}</p>
        <div class="logto_factor-list">{buttons}</div>
    }
}

/// `/mfa-verification/<factor>`.
#[component]
pub fn MfaVerify(factor: MfaFactor) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let others = journey::mfa_factors()
        .iter()
        .filter(|f| **f != factor && has_page(f))
        .count();
    let code = RwSignal::new(String::new());
    let form = FormState::new().input(Field::Code, "code", code);
    let body = match factor {
        MfaFactor::BackupCode => {
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
                    let client = journey.experience.client.clone();
                    verify_and_submit(&journey, form, async move {
                        client
                            .backup_code_verify(&BackupCodeVerifyRequest { code: typed })
                            .await
                            .map(|_| ())
                    });
                }
            };
            view! {
                <PageHeading text=t("mfa.enter_a_backup_code") />
                <p class="secondary">{t("mfa.enter_backup_code_description")}</p>
                <form on:submit=on_submit novalidate>
                    <TextField
                        name="code"
                        label=t("mfa.backup_code")
                        autocomplete="one-time-code"
                        value=code
                        error=form.error(Field::Code)
                    />
                    <FormAlert form />
                    <SubmitButton form text=t("action.continue") />
                </form>
            }
            .into_any()
        }
        _ => {
            let verify = {
                let journey = journey.clone();
                move |digits: String| {
                    let client = journey.experience.client.clone();
                    verify_and_submit(&journey, form, async move {
                        let request = TotpVerifyRequest {
                            code: digits,
                            verification_id: None,
                        };
                        client.totp_verify(&request).await.map(|_| ())
                    });
                }
            };
            let on_submit = {
                let verify = verify.clone();
                let journey = journey.clone();
                move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let digits = code.get_untracked();
                    if crate::flow::code::is_complete(&digits) {
                        verify(digits);
                    } else {
                        let message = journey.experience.t("error.invalid_passcode");
                        form.fail(Field::Code, message, false);
                    }
                }
            };
            view! {
                <PageHeading text=t("mfa.enter_one_time_code") />
                <p class="secondary">{t("mfa.enter_one_time_code_description")}</p>
                <form on:submit=on_submit novalidate>
                    <CodeInput
                        label=t("input.code")
                        value=code
                        error=form.error(Field::Code)
                        on_complete=verify
                    />
                    <FormAlert form />
                    <SubmitButton form text=t("action.continue") />
                </form>
            }
            .into_any()
        }
    };
    let another = (others > 0).then(|| {
        view! {
            <a href=experience
                .href("/mfa-verification")>{experience.t("mfa.try_another_verification_method")}</a>
        }
    });
    view! {
        {body}
        {another}
    }
}
