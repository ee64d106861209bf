//! The root component: loads the experience, provides it, then routes on
//! Logto's own route paths.

use leptos::prelude::*;

#[cfg(feature = "full")]
use crate::api::error::MissingProfile;
use crate::{
    context::{self, LoadError},
    flow::route::CodeFlow,
    pages::{
        account_suspended::AccountSuspended,
        sign_in::{SignIn, SignInPassword},
        unknown_session::UnknownSession,
        verification_code::VerificationCode,
    },
    router::{use_location, Redirect, Router},
    session::Query,
    shell::{self, Shell},
};

/// The whole sign-in experience, routed on Logto's own paths so that it can
/// replace Logto's page without breaking links or callbacks.
#[component]
pub fn App() -> impl IntoView {
    let query = Query::current();
    let experience = LocalResource::new(move || context::load(query.clone()));
    let retrying = RwSignal::new(false);
    move || {
        let state = experience.get();
        if state.is_some() {
            // A new answer ends a retry.
            retrying.set(false);
        }
        match state {
            None => view! { <div class="logto_loading" aria-busy="true"></div> }.into_any(),
            Some(Err(LoadError { error, i18n })) => {
                shell::apply_language(&i18n);
                let retry = move |_| {
                    retrying.set(true);
                    experience.refetch();
                };
                view! {
                    <div class="logto_page-container">
                        <main class="logto_main-content logto_load-failed">
                            <h1 tabindex="-1">{i18n.t("error.something_went_wrong")}</h1>
                            <p class="secondary">{error.to_string()}</p>
                            <button
                                type="button"
                                class="button primary"
                                disabled=move || retrying.get()
                                on:click=retry
                            >
                                // Logto's phrases have no experience key for this.
                                {i18n.t("account_center.security.trusted_devices.retry")}
                            </button>
                        </main>
                    </div>
                }
                .into_any()
            }
            Some(Ok(experience)) => {
                shell::apply_head(&experience);
                crate::captcha::load(&experience.settings);
                provide_context(experience);
                view! {
                    <Router>
                        <Shell>
                            <Pages />
                        </Shell>
                    </Router>
                }
                .into_any()
            }
        }
    }
}

/// The page of the current path (see [`crate::router`]).
#[component]
fn Pages() -> impl IntoView {
    #[cfg(not(feature = "full"))]
    crate::handover::prefetch_on_intent();
    let location = use_location();
    move || page(&location.path.get())
}

/// The routes of the first-load ("lite") build; the loader in `Trunk.toml`
/// has the same list.
pub const LITE_ROUTES: [&str; 7] = [
    "/",
    "/sign-in",
    "/identifier-sign-in",
    "/sign-in/password",
    "/sign-in/verification-code",
    "/account-suspended",
    "/unknown-session",
];

/// The page at `path`, on Logto's own route paths.
fn page(path: &str) -> AnyView {
    let path = match path.trim_end_matches('/') {
        "" => "/",
        path => path,
    };
    match path {
        "/" => {
            let to = context::use_experience().href("/sign-in");
            view! { <Redirect path=to /> }.into_any()
        }
        "/sign-in" if crate::flow::magic_link::forwards(&search()) => magic_link(),
        "/sign-in" => view! { <SignIn /> }.into_any(),
        "/identifier-sign-in" => view! { <SignIn identifier_only=true /> }.into_any(),
        "/sign-in/password" => view! { <SignInPassword /> }.into_any(),
        "/sign-in/verification-code" => {
            view! { <VerificationCode flow=CodeFlow::SignIn /> }.into_any()
        }
        "/account-suspended" => view! { <AccountSuspended /> }.into_any(),
        "/unknown-session" => view! { <UnknownSession /> }.into_any(),
        #[cfg(feature = "full")]
        path => full_page(path),
        #[cfg(not(feature = "full"))]
        _ => crate::handover::to_full(),
    }
}

fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// A magic link that core put on the first screen (no session yet): on to
/// `/one-time-token` with its parameters.
fn magic_link() -> AnyView {
    let to = format!("/one-time-token{}", search());
    view! { <Redirect path=to /> }.into_any()
}

/// The pages only the full build has.
#[cfg(feature = "full")]
fn full_page(path: &str) -> AnyView {
    use crate::api::MfaFactor;
    use crate::pages::{
        consent::Consent,
        continue_profile::{
            ContinueAddress, ContinueExtraProfile, ContinuePassword, ContinueUsername,
        },
        device::{Device, DeviceSuccess},
        forgot_password::{ForgotPassword, ResetPassword},
        mfa_verification::{MfaFactors, MfaVerify},
        not_found::NotFound,
        one_time_token::{OneTimeToken, OneTimeTokenError, SwitchAccount},
        register::{Register, RegisterPassword},
    };
    let code = |flow| view! { <VerificationCode flow /> }.into_any();
    let address = |item| view! { <ContinueAddress item /> }.into_any();
    match path {
        "/register" if crate::flow::magic_link::forwards(&search()) => magic_link(),
        "/register" => view! { <Register /> }.into_any(),
        "/identifier-register" => view! { <Register identifier_only=true /> }.into_any(),
        "/register/password" => view! { <RegisterPassword /> }.into_any(),
        "/register/verification-code" => code(CodeFlow::Register),
        "/forgot-password" | "/reset-password" => view! { <ForgotPassword /> }.into_any(),
        "/forgot-password/verification-code" => code(CodeFlow::ForgotPassword),
        "/forgot-password/reset" => view! { <ResetPassword /> }.into_any(),
        "/continue/username" => view! { <ContinueUsername /> }.into_any(),
        "/continue/password" => view! { <ContinuePassword /> }.into_any(),
        "/continue/email" => address(MissingProfile::Email),
        "/continue/phone" => address(MissingProfile::Phone),
        "/continue/emailOrPhone" => address(MissingProfile::EmailOrPhone),
        "/continue/extra-profile" => view! { <ContinueExtraProfile /> }.into_any(),
        "/continue/verification-code" => code(CodeFlow::Continue),
        "/consent" => view! { <Consent /> }.into_any(),
        "/one-time-token" => view! { <OneTimeToken /> }.into_any(),
        "/one-time-token/error" => view! { <OneTimeTokenError /> }.into_any(),
        "/switch-account" => view! { <SwitchAccount /> }.into_any(),
        "/device" => view! { <Device /> }.into_any(),
        "/device/success" => view! { <DeviceSuccess /> }.into_any(),
        "/mfa-verification/Totp" => view! { <MfaVerify factor=MfaFactor::Totp /> }.into_any(),
        "/mfa-verification/BackupCode" => {
            view! { <MfaVerify factor=MfaFactor::BackupCode /> }.into_any()
        }
        "/mfa-verification/EmailVerificationCode" => {
            view! { <MfaVerify factor=MfaFactor::EmailVerificationCode /> }.into_any()
        }
        "/mfa-verification/PhoneVerificationCode" => {
            view! { <MfaVerify factor=MfaFactor::PhoneVerificationCode /> }.into_any()
        }
        // The other factors' pages come with the passkey and MFA-code
        // pages; until then the person picks among the ones built.
        path if path.starts_with("/mfa-verification") => view! { <MfaFactors /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}
