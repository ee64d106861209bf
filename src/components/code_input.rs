//! The verification-code input: six boxes named as on Logto's page
//! (`passcode_0` … `passcode_5`, `totpCode_N`, `mfaCode_N`), which
//! automation written for Logto's page fills box by box. They behave as one
//! field: a labelled group, each box named "Digit N of 6"; typing advances,
//! Backspace goes back, and a whole code pasted, autofilled (SMS, password
//! managers: `autocomplete=one-time-code` on the first box) or filled into
//! any box spreads over all of them; the code submits once complete.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::field::FieldError;

use crate::flow::code::{is_complete, place, CODE_LENGTH};

/// The code boxes: the first has `id` `code`, the label's target.
#[component]
pub fn CodeInput(
    /// The visible label.
    label: String,
    /// The boxes' name before `_N`: Logto's `passcode`, `totpCode`, `mfaCode`.
    name: &'static str,
    /// The digits typed so far, one per box (a space for an empty box).
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Called with the code once six digits are in.
    on_complete: impl Fn(String) + Clone + 'static,
) -> impl IntoView {
    let i18n = crate::context::use_experience().i18n.clone();
    let boxes = (0..CODE_LENGTH)
        .map(|index| {
            let on_complete = on_complete.clone();
            let on_input = move |ev: leptos::ev::Event| {
                let Some(input) = target_input(&ev) else {
                    return;
                };
                let (code, next) = place(&value.get_untracked(), index, &input.value());
                // Write back what was kept (one digit), even when the
                // signal's value is unchanged.
                input.set_value(&digit(&code, index));
                value.set(code.clone());
                if !input.value().is_empty() || next != index {
                    focus_box(next);
                }
                if is_complete(&code) {
                    on_complete(code);
                }
            };
            let before = index.checked_sub(1);
            let after = index.checked_add(1).filter(|next| *next < CODE_LENGTH);
            let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
                let empty = digit(&value.get_untracked(), index).is_empty();
                match (ev.key().as_str(), before, after) {
                    // On an empty box, Backspace empties the one before.
                    ("Backspace", Some(before), _) if empty => {
                        ev.prevent_default();
                        value.set(place(&value.get_untracked(), before, "").0);
                        focus_box(before);
                    }
                    ("ArrowLeft", Some(before), _) => focus_box(before),
                    ("ArrowRight", _, Some(after)) => focus_box(after),
                    _ => {}
                }
            };
            let aria_label = i18n.t_with(
                "logto_experience.code_digit",
                &[
                    ("index", index.saturating_add(1).to_string().into()),
                    ("count", CODE_LENGTH.to_string().into()),
                ],
            );
            view! {
                <input
                    id=box_id(index)
                    name=format!("{name}_{index}")
                    data-id=index
                    class="lgt_codeBox"
                    type="text"
                    inputmode="numeric"
                    pattern="[0-9]*"
                    // The first box takes the whole code from autofill.
                    autocomplete=if index == 0 { "one-time-code" } else { "off" }
                    aria-label=aria_label
                    aria-invalid=move || error.get().map(|_| "true")
                    aria-describedby=move || error.get().map(|_| "code-error")
                    prop:value=move || value.with(|code| digit(code, index))
                    // Typing replaces the box's digit.
                    on:focus=|ev| {
                        if let Some(input) = target_input(&ev) {
                            input.select();
                        }
                    }
                    on:input=on_input
                    on:keydown=on_keydown
                />
            }
        })
        .collect_view();
    view! {
        <div class="field lgt_inputField">
            <label id="code-label" for="code">
                {label}
            </label>
            <div role="group" aria-labelledby="code-label" class="logto_code lgt_passcode">
                {boxes}
            </div>
            <FieldError id="code-error".to_owned() error=error />
        </div>
    }
}

/// The digit in box `index` of `code` ("" for an empty box).
fn digit(code: &str, index: usize) -> String {
    code.chars()
        .nth(index)
        .filter(char::is_ascii_digit)
        .map(String::from)
        .unwrap_or_default()
}

fn box_id(index: usize) -> String {
    if index == 0 {
        "code".to_owned()
    } else {
        format!("code-{index}")
    }
}

fn focus_box(index: usize) {
    if let Some(input) = document()
        .get_element_by_id(&box_id(index))
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}

fn target_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
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

/// A form of one code input: `verify` runs when the code is complete
/// (unless `hold`: then only) or submitted; `children` (a resend link, an
/// option) go under the input, then the form's alert and "Continue".
#[component]
pub fn CodeInputForm(
    form: super::form::FormState,
    /// The boxes' name, as Logto's page has them on this page.
    #[prop(default = "passcode")]
    name: &'static str,
    code: RwSignal<String>,
    verify: impl Fn(String) + Clone + 'static,
    /// While true, a complete code waits for "Continue" (the person has
    /// an option to set first).
    #[prop(optional)]
    hold: Option<Signal<bool>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    use super::form::{FormAlert, SubmitButton};
    let experience = crate::context::use_experience();
    let on_submit = submit_code(form, code, verify.clone());
    let on_complete = move |digits: String| {
        if !hold.is_some_and(|hold| hold.get_untracked()) {
            verify(digits);
        }
    };
    view! {
        <form on:submit=on_submit novalidate>
            <CodeInput
                label=experience.t("input.code")
                name
                value=code
                error=form.error(crate::flow::next_step::Field::Code)
                on_complete
            />
            {children.map(|children| children())}
            <FormAlert form />
            <SubmitButton form text=experience.t("action.continue") />
        </form>
    }
}
