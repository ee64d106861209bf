//! The ways to sign in besides the identifier form: social buttons, the
//! passkey button (and autofill), single sign-on.

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    components::{
        form::FormState, passkey_sign_in::PasskeySignIn, social_buttons::SocialButtons,
        terms::TermsGate,
    },
    context::use_experience,
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
    let experience = use_experience();
    let t = |key: &str| experience.t(key);
    let Alternatives {
        social,
        single_sign_on,
        passkey_button,
        passkey_autofill,
    } = alternatives;
    // Under `Manual`, the link to SSO asks too: its callback may register
    // (Logto's `handleSsoNavigation`).
    let to_sso = {
        let experience = experience.clone();
        move |ev: leptos::ev::MouseEvent| {
            if gate.pending() {
                ev.prevent_default();
                let href = experience.href("/single-sign-on");
                gate.then(
                    &experience,
                    Rc::new(move || crate::router::navigate(&href, false)),
                );
            }
        }
    };
    let others = social || single_sign_on || passkey_button;
    view! {
        {(divider && others).then(|| view! { <crate::components::divider::OrDivider /> })}
        <div class="logto_alternatives">
            {social.then(|| view! { <SocialButtons form gate /> })}
            <PasskeySignIn form button=passkey_button autofill=passkey_autofill />
            {single_sign_on
                .then(|| {
                    view! {
                        <a
                            class="button secondary logto_social-button logto_sso-button"
                            href=experience.href("/single-sign-on")
                            on:click=to_sso
                        >
                            {crate::components::icon::icon(crate::components::icon::BUILDING)}
                            <span>{t("action.single_sign_on")}</span>
                        </a>
                    }
                })}
        </div>
    }
}
