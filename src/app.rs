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
        sign_in_passkey::SignInPasskey,
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
pub const LITE_ROUTES: [&str; 8] = [
    "/",
    "/sign-in",
    "/identifier-sign-in",
    "/sign-in/password",
    "/sign-in/passkey",
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
        "/sign-in/passkey" => view! { <SignInPasskey /> }.into_any(),
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
        callback::{Callback, SocialLink},
        consent::Consent,
        continue_profile::{
            ContinueAddress, ContinueExtraProfile, ContinuePassword, ContinueUsername,
        },
        create_passkey::CreatePasskey,
        device::{Device, DeviceSuccess},
        forgot_password::{ForgotPassword, ResetPassword},
        mfa_binding::{MfaBind, MfaBindingFactors, MfaOnboarding},
        mfa_verification::{MfaFactors, MfaVerify},
        not_found::NotFound,
        one_time_token::{OneTimeToken, OneTimeTokenError, SwitchAccount},
        register::{Register, RegisterPassword},
        single_sign_on::{DirectSignIn, SingleSignOnConnectors, SingleSignOnEmail},
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
        "/mfa-verification" => view! { <MfaFactors /> }.into_any(),
        "/mfa-onboarding" => view! { <MfaOnboarding /> }.into_any(),
        "/mfa-binding" => view! { <MfaBindingFactors /> }.into_any(),
        "/create-passkey" => view! { <CreatePasskey /> }.into_any(),
        "/single-sign-on" | "/single-sign-on/email" => view! { <SingleSignOnEmail /> }.into_any(),
        "/single-sign-on/connectors" => view! { <SingleSignOnConnectors /> }.into_any(),
        path if path.starts_with("/callback/") => {
            // `/callback/<id>`, and Logto's `/callback/social/<id>`.
            let connector_id = last_segment(path);
            view! { <Callback connector_id /> }.into_any()
        }
        path if path.starts_with("/social/link/") => {
            let connector_id = last_segment(path);
            view! { <SocialLink connector_id /> }.into_any()
        }
        path if path.starts_with("/direct/") => {
            let mut parts = path.trim_start_matches("/direct/").splitn(2, '/');
            let method = parts.next().unwrap_or_default().to_owned();
            let target = parts.next().unwrap_or_default().to_owned();
            view! { <DirectSignIn method target /> }.into_any()
        }
        path if path.starts_with("/mfa-verification/") => match factor_of(path) {
            MfaFactor::Unknown(_) => view! { <MfaFactors /> }.into_any(),
            factor => view! { <MfaVerify factor /> }.into_any(),
        },
        path if path.starts_with("/mfa-binding/") => {
            let factor = factor_of(path);
            view! { <MfaBind factor /> }.into_any()
        }
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// The last segment of a path (a connector id), decoded.
#[cfg(feature = "full")]
fn last_segment(path: &str) -> String {
    let segment = path.rsplit('/').next().unwrap_or_default();
    crate::session::query_param(&format!("x={segment}"), "x").unwrap_or_default()
}

/// The factor named by the last segment of an MFA route; an unknown one
/// shows the factor list.
#[cfg(feature = "full")]
fn factor_of(path: &str) -> crate::api::MfaFactor {
    crate::api::MfaFactor::parse(path.rsplit('/').next().unwrap_or_default())
}
