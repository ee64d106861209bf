//! The verification-code input: one field for the six digits (a single
//! input is what password managers, SMS autofill and screen readers handle
//! best), which accepts a pasted message ("Your code: 123-456") and submits
//! as soon as the code is complete.

use leptos::prelude::*;

use crate::flow::code::{is_complete, normalize, CODE_LENGTH};

/// The code input (`id`/`name` `code`).
#[component]
pub fn CodeInput(
    /// The visible label.
    label: String,
    /// The digits typed so far.
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Called with the code once six digits are in.
    on_complete: impl Fn(String) + 'static,
) -> impl IntoView {
    let on_input = move |ev| {
        let digits = normalize(&event_target_value(&ev));
        // Write back what was kept, so pasted text shows as the digits.
        value.set(digits.clone());
        if let Some(input) = event_target_checked_input(&ev) {
            input.set_value(&digits);
        }
        if is_complete(&digits) {
            on_complete(digits);
        }
    };
    view! {
        <div class="field">
            <label for="code">{label}</label>
            <input
                id="code"
                name="code"
                class="logto_code-input"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]*"
                size=CODE_LENGTH
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || error.get().map(|_| "code-error")
                prop:value=move || value.get()
                on:input=on_input
            />
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p id="code-error" role="alert" class="error">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

fn event_target_checked_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()?.dyn_into().ok()
}
