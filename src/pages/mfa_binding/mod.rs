//! `/mfa-onboarding`, `/mfa-binding` and `/mfa-binding/<factor>`: adding a
//! second factor when the server asks for one (`user.suggest_mfa`,
//! `user.missing_mfa`, `session.mfa.suggest_additional_mfa`,
//! `session.mfa.backup_code_required`). Each factor page verifies the new
//! factor, binds it (`POST /profile/mfa`) and submits; the server then asks
//! for the next thing (backup codes, say) or redirects.

use leptos::prelude::*;

use crate::{
    api::{MfaFactor, SignInIdentifier},
    components::{
        address_form::AddressForm,
        factor_button::FactorButton,
        form::{ActionButton, FormAlert, FormState},
        icon::icon,
        new_credential::NewCredentialButton,
        trust_device::{TrustDevice, TrustOptIn},
    },
    flow::mfa::{factor_keys, Purpose, Row},
    journey::{self, use_journey},
    journeys::NewCredential,
    pages::mfa_verification::factor_icon,
    shell::{NavButton, PageHeading},
};

mod backup_code;
mod totp;

/// "Skip", when the server lets the person go on without a factor.
#[component]
fn Skip(form: FormState) -> impl IntoView {
    let journey = use_journey();
    let binding = journey::session().mfa_binding().unwrap_or_default();
    binding.skippable.then(|| {
        let text = journey.experience.t("action.nav_skip");
        let skip = move || {
            let journeys = journey.journeys();
            let suggestion = binding.suggestion;
            journey.run(form, async move { journeys.skip_mfa(suggestion).await });
        };
        view! { <NavButton class="link logto_skip lgt_skipButton" text on_press=skip /> }
    })
}

/// "Switch to another method" when the server offers several factors.
#[component]
fn OtherFactors() -> impl IntoView {
    let experience = crate::context::use_experience();
    let several = journey::session()
        .mfa_binding()
        .is_some_and(|b| b.has_other_factors());
    several.then(|| {
        view! { <a href=experience.href("/mfa-binding")>{experience.t("mfa.link_another_mfa_factor")}</a> }
    })
}

/// `/mfa-onboarding`: "Turn on 2-step verification?" (`user.suggest_mfa`).
#[component]
pub fn MfaOnboarding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let form = FormState::new();
    let act = move |enable: bool| {
        let journeys = journey.journeys();
        journey.run(form, async move { journeys.onboard_mfa(enable).await });
    };
    let act2 = act.clone();
    view! {
        <PageHeading text=experience.t("mfa.onboarding") />
        <p class="secondary">{experience.t("mfa.onboarding_description")}</p>
        <FormAlert form />
        <ActionButton
            form
            text=experience.t("mfa.enable_mfa")
            ready=true
            on_click=move || act(true)
        />
        <NavButton
            class="link logto_skip lgt_skipButton"
            text=experience.t("action.nav_skip")
            on_press=move || act2(false)
        />
    }
}

/// `/mfa-binding`: the factors the server offers.
#[component]
pub fn MfaBindingFactors() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let binding = journey::session().mfa_binding().unwrap_or_default();
    let form = FormState::new();
    let (title, description) = if binding.suggestion {
        (
            "mfa.add_another_mfa_factor",
            "mfa.add_another_mfa_description",
        )
    } else {
        ("mfa.add_mfa_factors", "mfa.add_mfa_description")
    };
    let session = journey::session();
    let rows = binding
        .rows()
        .into_iter()
        .map(|row| match row {
            Row::Offer(factor) => {
                let (name, about) = factor_keys(&factor, Purpose::Add);
                let path = format!("/mfa-binding/{}", factor.as_str());
                let href = experience.href(&path);
                view! {
                    <FactorButton
                        class="lgt_mfaFactorButton"
                        symbol=factor_icon(&factor)
                        name=experience.t(name)
                        about=experience.t(about)
                        on_click=move || crate::router::navigate(&href, false)
                    />
                }
                .into_any()
            }
            // Set up already: the address it goes to, not a link.
            Row::Bound(factor) => {
                let (name, _) = factor_keys(&factor, Purpose::Add);
                view! {
                    <div class="logto_factor logto_factor-bound">
                        {icon(factor_icon(&factor))} <span>{experience.t(name)}</span>
                        <span class="secondary">{session.mfa_masked(&factor)}</span>
                        <span class="logto_badge">
                            {experience.t("account_center.security.configured")}
                        </span>
                    </div>
                }
                .into_any()
            }
        })
        .collect::<Vec<_>>();
    view! {
        <PageHeading text=experience.t(title) />
        <p class="secondary">{experience.t(description)}</p>
        <div class="logto_factor-list lgt_factorList">{rows}</div>
        <FormAlert form />
        <Skip form />
    }
}

/// `/mfa-binding/<factor>`.
#[component]
pub fn MfaBind(factor: MfaFactor) -> impl IntoView {
    match factor {
        MfaFactor::Totp => view! { <totp::TotpBinding /> }.into_any(),
        MfaFactor::WebAuthn => view! { <WebAuthnBinding /> }.into_any(),
        MfaFactor::BackupCode => view! { <backup_code::BackupCodeBinding /> }.into_any(),
        MfaFactor::EmailVerificationCode => {
            view! { <AddressBinding kind=SignInIdentifier::Email /> }.into_any()
        }
        MfaFactor::PhoneVerificationCode => {
            view! { <AddressBinding kind=SignInIdentifier::Phone /> }.into_any()
        }
        MfaFactor::Unknown(_) => view! { <MfaBindingFactors /> }.into_any(),
    }
}

/// Writes `text` to the clipboard and, when the browser takes it, says
/// `notice` ("Copied") as Logto's toast.
fn copy(text: &str, notice: &str) {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::JsCast;
    let navigator = Reflect::get(&window(), &"navigator".into()).ok();
    let clipboard = navigator.and_then(|n| Reflect::get(&n, &"clipboard".into()).ok());
    let write = clipboard
        .as_ref()
        .and_then(|c| Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let (Some(clipboard), Some(write)) = (clipboard, write) {
        if write.call1(&clipboard, &text.into()).is_ok() {
            crate::components::toast::show(notice);
        }
    }
}

/// `/mfa-binding/WebAuthn`: a passkey or security key as second factor.
#[component]
fn WebAuthnBinding() -> impl IntoView {
    let journey = crate::journey::use_journey();
    let t = |key: &str| journey.experience.t(key);
    let form = FormState::new();
    let opt_in = TrustOptIn::new(&journey);
    view! {
        <PageHeading text=t("mfa.create_a_passkey") />
        <p class="secondary">{t("mfa.create_passkey_description")}</p>
        <TrustDevice opt_in />
        <FormAlert form />
        <NewCredentialButton
            form
            text=t("mfa.create_a_passkey")
            what=NewCredential::MfaFactor
            trust=opt_in
        />
        <OtherFactors />
        <Skip form />
    }
}

/// `/mfa-binding/EmailVerificationCode` and `.../PhoneVerificationCode`: the
/// address to link; its code is checked on `/continue/verification-code`,
/// which then binds it as a factor.
#[component]
fn AddressBinding(kind: SignInIdentifier) -> impl IntoView {
    let form = FormState::new();
    let (heading, description, factor) = match kind {
        SignInIdentifier::Phone => (
            "mfa.link_phone_verification_code_description",
            "mfa.link_phone_2fa_description",
            MfaFactor::PhoneVerificationCode,
        ),
        _ => (
            "mfa.link_email_verification_code_description",
            "mfa.link_email_2fa_description",
            MfaFactor::EmailVerificationCode,
        ),
    };
    view! {
        <AddressForm
            types=vec![kind]
            heading
            description
            back=format!("/mfa-binding/{}", factor.as_str())
            mfa=true
            form
        />
        <OtherFactors />
        <Skip form />
    }
}
