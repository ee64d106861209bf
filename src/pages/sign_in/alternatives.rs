//! The ways to sign in besides the identifier form: social buttons, the
//! passkey button (and autofill), single sign-on.

use std::rc::Rc;

use leptos::prelude::*;

use super::terms_message;
use crate::{
    components::{form::FormState, passkey_sign_in::PasskeySignIn, social_buttons::SocialButtons},
    context::use_experience,
    flow::{landing::Terms, next_step::Field},
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
/// for a provider needs the terms `agreed` to when they are a checkbox.
#[component]
pub(super) fn AlternativesView(
    alternatives: Alternatives,
    form: FormState,
    terms: Terms,
    agreed: RwSignal<bool>,
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
    let may_leave: Rc<dyn Fn() -> bool> = {
        let experience = experience.clone();
        Rc::new(move || {
            let agreed = terms != Terms::Checkbox || agreed.get_untracked();
            if !agreed {
                form.fail(Field::Form, terms_message(&experience), false);
            }
            agreed
        })
    };
    let others = social || single_sign_on || passkey_button;
    view! {
        {(divider && others).then(|| view! { <p class="logto_divider">{t("description.or")}</p> })}
        <div class="logto_alternatives">
            {social.then(|| view! { <SocialButtons form may_leave /> })}
            <PasskeySignIn form button=passkey_button autofill=passkey_autofill />
            {single_sign_on
                .then(|| {
                    view! {
                        <a
                            class="button secondary logto_social-button logto_sso-button"
                            href=experience.href("/single-sign-on")
                        >
                            {crate::components::icon::icon(crate::components::icon::BUILDING)}
                            <span>{t("action.single_sign_on")}</span>
                        </a>
                    }
                })}
        </div>
    }
}
