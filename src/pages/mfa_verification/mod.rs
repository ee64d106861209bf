//! `/mfa-verification` and `/mfa-verification/<factor>`: the second step of
//! a sign-in when the account has MFA (`session.mfa.require_mfa_verification`).
//! The server lists the factors, the last used first; the page opens that
//! one and offers the others.

use leptos::prelude::*;

use crate::{
    api::MfaFactor,
    components::{factor_button::FactorButton, form::FormState, icon},
    flow::{
        mfa::{factor_keys, has_page, Purpose},
        next_step::Field,
    },
    journey::{self, use_journey},
    shell::PageHeading,
};

mod code;
mod typed;
mod web_authn;
use code::code_factor;
use typed::{backup_code_factor, totp_factor};
use web_authn::web_authn_factor;

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
            let (name, about) = factor_keys(&factor, Purpose::Verify);
            view! {
                <FactorButton
                    class="lgt_mfaFactorButton"
                    symbol=factor_icon(&factor)
                    name=experience.t(name)
                    about=experience.t(about)
                    on_click=move || journey.navigate(&path)
                />
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
        MfaFactor::BackupCode => backup_code_factor(&journey, form, code),
        _ => totp_factor(&journey, form, code),
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
