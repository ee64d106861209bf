//! The root component: loads the experience, provides it, then routes on
//! Logto's own route paths.

use leptos::prelude::*;

#[cfg(feature = "full")]
use crate::api::error::MissingProfile;
use crate::{
    context::{self, LoadError},
    embed::Options,
    flow::route::Route,
    pages::{
        account_suspended::AccountSuspended,
        sign_in::{SignIn, SignInPassword},
        unknown_session::UnknownSession,
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
    let embedding = use_context::<Options>();
    // Loaded once, and again on Retry; the error page stays (its button
    // disabled) until the new answer comes. A task and a signal, not a
    // `LocalResource`: its async-derived machinery is ~7 KB of first load.
    let experience = RwSignal::new_local(None);
    let retrying = RwSignal::new(false);
    let load = move || {
        let (query, embedding) = (query.clone(), embedding.clone());
        leptos::task::spawn_local(async move {
            let loaded = context::load(query, embedding).await;
            retrying.set(false);
            experience.set(Some(loaded));
        });
    };
    load();
    move || {
        match experience.get() {
            None => view! { <div class="logto_loading" aria-busy="true"></div> }.into_any(),
            Some(Err(LoadError { error, i18n })) => {
                shell::apply_language(&i18n);
                let load = load.clone();
                let retry = move |_| {
                    retrying.set(true);
                    load();
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
                // Settings with passkeys, captcha, One Tap or SSO on an
                // email: the full build serves them (`flow::lite`).
                #[cfg(not(feature = "full"))]
                if !crate::flow::lite::serves(&experience.settings) {
                    return crate::handover::to_full();
                }
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

/// The page at `path`, on Logto's own route paths ([`Route`]).
fn page(path: &str) -> AnyView {
    #[cfg(not(feature = "full"))]
    if crate::handover::native_host() {
        return crate::handover::to_full();
    }
    let route = Route::parse(path);
    match route {
        Route::Root => {
            let to = context::use_experience().href("/sign-in");
            view! { <Redirect path=to /> }.into_any()
        }
        Route::SignIn if crate::flow::magic_link::forwards(&search()) => magic_link(),
        Route::SignIn => view! { <SignIn /> }.into_any(),
        Route::IdentifierSignIn => view! { <SignIn identifier_only=true /> }.into_any(),
        Route::SignInPassword => view! { <SignInPassword /> }.into_any(),
        Route::AccountSuspended => view! { <AccountSuspended /> }.into_any(),
        Route::UnknownSession => view! { <UnknownSession /> }.into_any(),
        #[cfg(feature = "full")]
        route => full_page(route),
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
fn full_page(route: Route) -> AnyView {
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
        native::{SocialLanding, Springboard},
        not_found::NotFound,
        one_time_token::{OneTimeToken, OneTimeTokenError, SwitchAccount},
        register::{Register, RegisterPassword},
        sign_in_methods::SignInMethods,
        sign_in_passkey::SignInPasskey,
        single_sign_on::{DirectSignIn, SingleSignOnConnectors, SingleSignOnEmail},
        verification_code::VerificationCode,
    };
    match route {
        Route::Register if crate::flow::magic_link::forwards(&search()) => magic_link(),
        Route::Register => view! { <Register /> }.into_any(),
        Route::IdentifierRegister => view! { <Register identifier_only=true /> }.into_any(),
        Route::RegisterPassword => view! { <RegisterPassword /> }.into_any(),
        Route::SignInMethods => view! { <SignInMethods /> }.into_any(),
        Route::SignInPasskey => view! { <SignInPasskey /> }.into_any(),
        Route::Code(flow) => view! { <VerificationCode flow /> }.into_any(),
        Route::ForgotPassword => view! { <ForgotPassword /> }.into_any(),
        Route::NewPassword => view! { <ResetPassword /> }.into_any(),
        Route::Continue(MissingProfile::Username) => view! { <ContinueUsername /> }.into_any(),
        Route::Continue(MissingProfile::Password) => view! { <ContinuePassword /> }.into_any(),
        Route::Continue(MissingProfile::ExtraProfile) => {
            view! { <ContinueExtraProfile /> }.into_any()
        }
        Route::Continue(item) => view! { <ContinueAddress item /> }.into_any(),
        Route::Consent => view! { <Consent /> }.into_any(),
        Route::OneTimeToken => view! { <OneTimeToken /> }.into_any(),
        Route::OneTimeTokenError => view! { <OneTimeTokenError /> }.into_any(),
        Route::SwitchAccount => view! { <SwitchAccount /> }.into_any(),
        Route::Device => view! { <Device /> }.into_any(),
        Route::DeviceSuccess => view! { <DeviceSuccess /> }.into_any(),
        Route::MfaVerification(None | Some(MfaFactor::Unknown(_))) => {
            view! { <MfaFactors /> }.into_any()
        }
        Route::MfaVerification(Some(factor)) => view! { <MfaVerify factor /> }.into_any(),
        Route::MfaOnboarding => view! { <MfaOnboarding /> }.into_any(),
        Route::MfaBinding(None) => view! { <MfaBindingFactors /> }.into_any(),
        Route::MfaBinding(Some(factor)) => view! { <MfaBind factor /> }.into_any(),
        Route::CreatePasskey => view! { <CreatePasskey /> }.into_any(),
        Route::SingleSignOn => view! { <SingleSignOnEmail /> }.into_any(),
        Route::SingleSignOnConnectors => view! { <SingleSignOnConnectors /> }.into_any(),
        Route::Callback(connector_id) => view! { <Callback connector_id /> }.into_any(),
        Route::SocialLink(connector_id) => view! { <SocialLink connector_id /> }.into_any(),
        Route::Springboard => view! { <Springboard /> }.into_any(),
        Route::SocialLanding(connector_id) => view! { <SocialLanding connector_id /> }.into_any(),
        Route::Direct { method, target } => view! { <DirectSignIn method target /> }.into_any(),
        // The lite routes were matched before.
        _ => view! { <NotFound /> }.into_any(),
    }
}
