//! The verification-code input: one field for the six digits (a single
//! input is what password managers, SMS autofill and screen readers handle
//! best), which accepts a pasted message ("Your code: 123-456") and submits
//! as soon as the code is complete.

use leptos::prelude::*;

use super::field::FieldError;

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
            <FieldError id="code-error".to_owned() error=error />
        </div>
    }
}

fn event_target_checked_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()?.dyn_into().ok()
}

/// The submit handler of a form around [`CodeInput`]: `verify` with a
/// complete code, else "the code is invalid" at the input.
pub fn submit_code(
    form: super::form::FormState,
    code: RwSignal<String>,
    verify: impl Fn(String) + 'static,
) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let invalid = crate::context::use_experience().t("error.invalid_passcode");
    move |ev| {
        ev.prevent_default();
        let digits = code.get_untracked();
        if is_complete(&digits) {
            verify(digits);
        } else {
            let field = crate::flow::next_step::Field::Code;
            form.fail(field, invalid.clone(), false);
        }
    }
}

/// A form of one code input: `verify` runs when the code is complete or
/// submitted; `children` (a resend link) go under the input, then the
/// form's alert and "Continue".
#[component]
pub fn CodeInputForm(
    form: super::form::FormState,
    code: RwSignal<String>,
    verify: impl Fn(String) + Clone + 'static,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    use super::form::{FormAlert, SubmitButton};
    let experience = crate::context::use_experience();
    let on_submit = submit_code(form, code, verify.clone());
    view! {
        <form on:submit=on_submit novalidate>
            <CodeInput
                label=experience.t("input.code")
                value=code
                error=form.error(crate::flow::next_step::Field::Code)
                on_complete=verify
            />
            {children.map(|children| children())}
            <FormAlert form />
            <SubmitButton form text=experience.t("action.continue") />
        </form>
    }
}
