//! One way to verify or to add, in a list of them: the MFA factors to
//! verify or set up, the sign-in methods of one identifier.

use leptos::prelude::*;

use super::icon::icon;

/// A button with the method's icon, name and one line about it. Its parts
/// are Logto's `MfaFactorButton`'s (`div._name`, which automation clicks).
#[component]
pub(crate) fn FactorButton(
    /// Classes beside `button secondary logto_factor`.
    #[prop(optional)]
    class: &'static str,
    symbol: &'static str,
    name: String,
    about: String,
    #[prop(optional, into)] disabled: Signal<bool>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=format!("button secondary logto_factor {class}")
            disabled=disabled
            on:click=move |_| on_click()
        >
            {icon(symbol)}
            <div class="lgt_name">{name}</div>
            <div class="secondary lgt_description">{about}</div>
        </button>
    }
}
