//! The ways to sign in besides the identifier form: social buttons, the
//! passkey button (and autofill), single sign-on.

use leptos::prelude::*;

use crate::components::{
    form::FormState, social_buttons::SocialButtons, sso_link::SsoLink, terms::TermsGate,
};

/// Which of them the page offers.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Alternatives {
    pub social: bool,
    pub single_sign_on: bool,
    pub passkey_button: bool,
    pub passkey_autofill: bool,
}

/// The alternatives below the form (`divider`: "or" above them). Leaving
/// for a provider, or for single sign-on, passes the terms' `gate` first.
#[component]
pub(super) fn AlternativesView(
    alternatives: Alternatives,
    form: FormState,
    gate: TermsGate,
    divider: bool,
) -> impl IntoView {
    let Alternatives {
        social,
        single_sign_on,
        passkey_button,
        passkey_autofill,
    } = alternatives;
    let others = social || single_sign_on || passkey_button;
    view! {
        {(divider && others).then(|| view! { <crate::components::divider::OrDivider /> })}
        <div class="logto_alternatives">
            {social.then(|| view! { <SocialButtons form gate /> })}
            {passkey(form, passkey_button, passkey_autofill)}
            {single_sign_on.then(|| view! { <SsoLink gate /> })}
        </div>
    }
}

/// The passkey button and autofill.
#[cfg(feature = "full")]
fn passkey(form: FormState, button: bool, autofill: bool) -> impl IntoView {
    use crate::components::passkey_sign_in::PasskeySignIn;
    view! { <PasskeySignIn form button autofill /> }
}

/// The lite build serves no passkeys ([`crate::flow::lite`]).
#[cfg(not(feature = "full"))]
fn passkey(_: FormState, _: bool, _: bool) {}
