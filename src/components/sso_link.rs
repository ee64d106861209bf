//! The link to single sign-on below the sign-in and registration forms.

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    components::{
        icon::{icon, BUILDING},
        terms::TermsGate,
    },
    context::use_experience,
};

/// Under `Manual` terms the link asks for the agreement first: the SSO
/// callback may register (Logto's `handleSsoNavigation`, in both footers).
#[component]
pub(crate) fn SsoLink(gate: TermsGate) -> impl IntoView {
    let experience = use_experience();
    let href = experience.href("/single-sign-on");
    let on_click = {
        let experience = experience.clone();
        let href = href.clone();
        move |ev: leptos::ev::MouseEvent| {
            if gate.pending() {
                ev.prevent_default();
                let href = href.clone();
                gate.then(
                    &experience,
                    Rc::new(move || crate::router::navigate(&href, false)),
                );
            }
        }
    };
    view! {
        <a
            class="button secondary logto_social-button logto_sso-button"
            href=href
            on:click=on_click
        >
            {icon(BUILDING)}
            <span>{experience.t("action.single_sign_on")}</span>
        </a>
    }
}
