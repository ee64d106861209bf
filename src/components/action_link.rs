//! An in-page action drawn as Logto's page draws it: a link (`a`), which
//! automation written for Logto's page clicks by its text ("Sign in with
//! verification code", "Create new one instead"). It runs a handler rather
//! than navigating, so it says `role=button` and answers Space too.

use leptos::prelude::*;

#[component]
pub fn ActionLink(
    #[prop(into)] text: String,
    #[prop(optional)] class: &'static str,
    /// While true, pressing does nothing (`aria-disabled`).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    on_press: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let press = on_press.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if !disabled.get_untracked() {
            on_press();
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == " " {
            ev.prevent_default();
            if !disabled.get_untracked() {
                press();
            }
        }
    };
    view! {
        <a
            href="#"
            role="button"
            class=class
            aria-disabled=move || disabled.get().then_some("true")
            on:click=on_click
            on:keydown=on_key
        >
            {text}
        </a>
    }
}
