//! `/mfa-verification` and `/mfa-verification/<factor>`: the second step of
//! a sign-in when the account has MFA (`session.mfa.require_mfa_verification`).
//! The server lists the factors, the last used first; the page opens that
//! one and offers the others.

use leptos::prelude::*;

use crate::{
    api::{MfaFactor, WebAuthnAuthenticationResponse},
    components::{
        code_input::CodeInputForm,
        field::TextField,
        form::{ActionButton, FormAlert, FormState, SubmitButton},
        icon,
        resend::{Resend, ResendTimer},
    },
    flow::next_step::Field,
    journey::{self, use_journey, Journey},
    journeys::MfaCode,
    shell::PageHeading,
    webauthn,
};

/// The phrases naming a factor in the "try another method" list and
/// saying in one line what it asks for.
fn factor_keys(factor: &MfaFactor) -> (&'static str, &'static str) {
    match factor {
        MfaFactor::Totp => ("mfa.totp", "mfa.verify_totp_description"),
        MfaFactor::WebAuthn => ("mfa.webauthn", "mfa.verify_webauthn_description"),
        MfaFactor::BackupCode => ("mfa.backup_code", "mfa.verify_backup_code_description"),
        MfaFactor::EmailVerificationCode => (
            "mfa.email_verification_code",
            "mfa.verify_email_verification_code_description",
        ),
        MfaFactor::PhoneVerificationCode => (
            "mfa.phone_verification_code",
            "mfa.verify_phone_verification_code_description",
        ),
        MfaFactor::Unknown(_) => ("mfa.verify_mfa_factors", "mfa.verify_mfa_description"),
    }
}

/// The icon of a factor, in the lists of factors to verify or to add.
pub fn factor_icon(factor: &MfaFactor) -> &'static str {
    match factor {
        MfaFactor::Totp => icon::APP,
        MfaFactor::WebAuthn => icon::KEY,
        MfaFactor::BackupCode => icon::CODES,
        MfaFactor::EmailVerificationCode => icon::MAIL,
        MfaFactor::PhoneVerificationCode => icon::MESSAGE,
        MfaFactor::Unknown(_) => icon::INFO,
    }
}

/// Whether there is a page for `factor` (not for a factor a newer Logto
/// may add).
fn has_page(factor: &MfaFactor) -> bool {
    matches!(
        factor,
        MfaFactor::Totp
            | MfaFactor::WebAuthn
            | MfaFactor::BackupCode
            | MfaFactor::EmailVerificationCode
            | MfaFactor::PhoneVerificationCode
    )
}

#[component]
pub fn MfaFactors() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let factors = journey::session().mfa_factors();
    let buttons = factors
        .into_iter()
        .filter(has_page)
        .map(|factor| {
            let journey = journey.clone();
            let path = format!("/mfa-verification/{}", factor.as_str());
            let (name, about) = factor_keys(&factor);
            view! {
                <button
                    type="button"
                    class="button secondary logto_factor lgt_mfaFactorButton"
                    on:click=move |_| journey.navigate(&path)
                >
                    {icon::icon(factor_icon(&factor))}
                    <div class="lgt_name">{experience.t(name)}</div>
                    <div class="secondary lgt_description">{experience.t(about)}</div>
                </button>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <PageHeading text=experience.t("mfa.verify_mfa_factors") />
        <p class="secondary">{experience.t("mfa.verify_mfa_description")}</p>
        <div class="logto_factor-list lgt_factorList">{buttons}</div>
    }
}

/// `/mfa-verification/<factor>`.
#[component]
pub fn MfaVerify(factor: MfaFactor) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let others = journey::session()
        .mfa_factors()
        .iter()
        .filter(|f| **f != factor && has_page(f))
        .count();
    let code = RwSignal::new(String::new());
    let form = FormState::new().input(Field::Code, "code", code);
    let body = match factor {
        MfaFactor::EmailVerificationCode | MfaFactor::PhoneVerificationCode => {
            code_factor(&journey, form, code, &factor)
        }
        MfaFactor::WebAuthn => web_authn_factor(&journey, form),
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
                    let journeys = journey.journeys();
                    journey.run(
                        form,
                        async move { journeys.verify_backup_code(typed).await },
                    );
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
                    let journeys = journey.journeys();
                    journey.run(form, async move { journeys.verify_totp(digits).await });
                }
            };
            view! {
                <PageHeading text=t("mfa.enter_one_time_code") />
                <p class="secondary">{t("mfa.enter_one_time_code_description")}</p>
                <CodeInputForm form name="totpCode" code verify />
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

/// The email or SMS factor: a code is sent to the account's (masked)
/// address when the page opens, with resend after the countdown.
fn code_factor(
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
    let resent = RwSignal::new(false);
    let send = {
        let journey = journey.clone();
        let factor = factor.clone();
        move |again: bool| {
            if again && !form.begin() {
                return;
            }
            let journey = journey.clone();
            let factor = factor.clone();
            leptos::task::spawn_local(async move {
                match journey.journeys().send_mfa_code(&factor).await {
                    Ok(delivered) => {
                        sent.set(Some(delivered));
                        timer.sent();
                        resent.set(again);
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
    send(false);
    let verify = {
        let journey = journey.clone();
        move |digits: String| {
            let Some(delivered) = sent.get_untracked() else {
                let message = journey.experience.t("error.invalid_passcode");
                return form.fail(Field::Code, message, true);
            };
            let journeys = journey.journeys();
            journey.run(form, async move {
                journeys.verify_mfa_code(&delivered, digits).await
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
    let remaining = timer.remaining();
    view! {
        <PageHeading text=experience.t(heading) />
        <p class="secondary">{description}</p>
        <CodeInputForm form name="mfaCode" code verify>
            <Resend remaining resent=resent.read_only() on_resend=move || send(true) />
        </CodeInputForm>
    }
    .into_any()
}

/// The WebAuthn factor: the options are fetched when the page opens, so
/// that the browser's prompt opens straight from the click.
fn web_authn_factor(journey: &Journey, form: FormState) -> AnyView {
    let experience = &journey.experience;
    let t = |key: &str| experience.t(key);
    let supported = webauthn::supported();
    let options = RwSignal::new(None::<WebAuthnAuthenticationResponse>);
    let prepare = {
        let journey = journey.clone();
        move || {
            let journey = journey.clone();
            leptos::task::spawn_local(async move {
                match journey.journeys().prepare_web_authn().await {
                    Ok(prepared) => options.set(Some(prepared)),
                    Err(error) => form.fail(Field::Form, journey.message(&error), false),
                }
            });
        }
    };
    if supported {
        prepare();
    } else {
        form.fail(Field::Form, t("mfa.webauthn_not_supported"), false);
    }
    let verify = {
        let journey = journey.clone();
        move || {
            let Some(prepared) = options.get_untracked() else {
                return;
            };
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            let prepare = prepare.clone();
            leptos::task::spawn_local(async move {
                let ceremony = webauthn::authenticate(
                    &prepared.authentication_options,
                    webauthn::Mediation::Modal,
                    None,
                )
                .await;
                match ceremony {
                    Ok(payload) => {
                        form.end();
                        let journeys = journey.journeys();
                        journey.run(form, async move {
                            journeys.verify_web_authn(prepared, payload).await
                        });
                    }
                    Err(error) => {
                        match error.phrase(false) {
                            Some(key) => form.fail(Field::Form, journey.experience.t(key), false),
                            None => form.end(),
                        }
                        // A new challenge for the next try.
                        prepare();
                    }
                }
            });
        }
    };
    view! {
        <PageHeading text=t("mfa.verify_via_passkey") />
        <p class="secondary">{t("mfa.verify_via_passkey_description")}</p>
        <FormAlert form />
        {supported
            .then(|| {
                let ready = Signal::derive(move || options.get().is_some());
                view! {
                    <ActionButton form text=t("action.verify_via_passkey") ready on_click=verify />
                }
            })}
    }
    .into_any()
}
