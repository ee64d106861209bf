//! `/sign-in` and `/sign-in/password`: one form component for the three
//! screens of sign-in by identifier (identifier and password on one screen,
//! the identifier first, the password of an identifier already entered).

use leptos::prelude::*;

use crate::{
    api::Identifier,
    flow::landing::{self, IdentifierInput, SignInForm, Terms},
    journey::use_journey,
    router::Redirect,
};

mod alternatives;
mod detours;
mod fields;
mod form;
mod proceed;
use alternatives::Alternatives;
use form::Form;

/// What the form asks for.
#[derive(Debug, Clone)]
pub(super) enum Step {
    /// Identifier and password on one screen (every method is
    /// password-only).
    OneScreen(IdentifierInput),
    /// The identifier only; its method decides the next page.
    IdentifierFirst(IdentifierInput),
    /// The password of an identifier entered on the previous page.
    Password(Identifier),
}

/// The sign-in landing page, composed from the settings
/// ([`landing::sign_in`]).
///
/// `identifier_only`: `/identifier-sign-in` (the `first_screen` of apps
/// that collect the identifier themselves): the identifier form alone,
/// restricted to the `identifier` parameter's types.
#[component]
pub fn SignIn(#[prop(optional)] identifier_only: bool) -> impl IntoView {
    let journey = use_journey();
    let settings = &journey.experience.settings;
    if let Some(to) = landing::redirect(false, &settings.sign_in_mode) {
        return view! { <Redirect path=journey.experience.href(to) /> }.into_any();
    }
    let restriction = match (&journey.experience.query.identifier, identifier_only) {
        (Some(types), true) => landing::parse_identifier_param(types),
        _ => Vec::new(),
    };
    let landing = landing::sign_in(settings, &restriction);
    let step = match landing.form {
        SignInForm::Password(input) if identifier_only => Some(Step::IdentifierFirst(input)),
        SignInForm::Password(input) => Some(Step::OneScreen(input)),
        SignInForm::IdentifierFirst(input) => Some(Step::IdentifierFirst(input)),
        // Social and SSO only: their buttons come with those flows.
        SignInForm::None => None,
    };
    #[cfg(feature = "full")]
    let one_tap = (!identifier_only).then(|| {
        view! { <crate::components::one_tap::GoogleOneTap context="signin" /> }
    });
    // The lite build serves no One Tap (`flow::lite`).
    #[cfg(not(feature = "full"))]
    let one_tap = ();
    view! {
        {one_tap}
        <Form
            journey
            step
            forgot_password=landing.forgot_password && !identifier_only
            create_account=landing.create_account && !identifier_only
            terms=landing.terms
            all_options=identifier_only
            passkey_first=landing.passkey_after_identifier
            alternatives=if identifier_only {
                Alternatives::default()
            } else {
                Alternatives {
                    social: landing.social,
                    single_sign_on: landing.single_sign_on,
                    passkey_button: landing.passkey_button,
                    passkey_autofill: landing.passkey_autofill,
                }
            }
        />
    }
    .into_any()
}

/// `/sign-in/password`: the password step of identifier-first sign-in, for
/// the identifier remembered by the previous page.
#[component]
pub fn SignInPassword() -> impl IntoView {
    let journey = use_journey();
    match crate::journey::session().identifier() {
        Some(identifier) => {
            let settings = &journey.experience.settings;
            let forgot_password = landing::forgot_password_available(settings);
            view! {
                <Form
                    journey
                    step=Some(Step::Password(identifier))
                    forgot_password
                    create_account=false
                    terms=Terms::Hidden
                    all_options=false
                    alternatives=Alternatives::default()
                />
            }
            .into_any()
        }
        None => view! { <Redirect path=journey.experience.href("/sign-in") /> }.into_any(),
    }
}
