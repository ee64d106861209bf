//! The state every form of the experience shares: which input an error
//! belongs to, whether a request is in flight (a double click must not send
//! twice), and the form-level alert.

use leptos::prelude::*;

use crate::flow::next_step::Field;

/// An input of the form, registered so that errors can find it.
#[derive(Clone, Copy)]
struct Input {
    field: Field,
    id: &'static str,
    value: RwSignal<String>,
}

/// Errors and the busy flag of one form. Cheap to copy into handlers.
#[derive(Clone, Copy)]
pub struct FormState {
    error: RwSignal<Option<(Field, String)>>,
    busy: RwSignal<bool>,
    inputs: StoredValue<Vec<Input>>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    pub fn new() -> Self {
        Self {
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            inputs: StoredValue::new(Vec::new()),
        }
    }

    /// Registers the input `id` holding `field`, so that its errors show
    /// under it, focus it, and can clear it.
    pub fn input(self, field: Field, id: &'static str, value: RwSignal<String>) -> Self {
        self.inputs
            .update_value(|inputs| inputs.push(Input { field, id, value }));
        self
    }

    /// The message for `field`, for the input's `error` prop.
    pub fn error(self, field: Field) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || error.get().filter(|(f, _)| *f == field).map(|e| e.1))
    }

    /// Whether a request is in flight (for `disabled` on submit).
    pub fn busy(self) -> Signal<bool> {
        self.busy.into()
    }

    /// Starts a request: `false` when one is already in flight (the click
    /// is ignored), else clears the error and marks the form busy.
    pub fn begin(self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.error.set(None);
        self.busy.set(true);
        true
    }

    /// The request is over; the person may try again.
    pub fn end(self) {
        self.busy.set(false);
    }

    /// Shows `message` under the input of `field` (at the form when the
    /// form has no such input), empties that input when `clear`, and moves
    /// the focus there so that the person can correct it at once.
    pub fn fail(self, field: Field, message: String, clear: bool) {
        let input = self
            .inputs
            .with_value(|inputs| inputs.iter().find(|input| input.field == field).copied());
        let field = input.map_or(Field::Form, |input| input.field);
        if let Some(input) = input.filter(|_| clear) {
            input.value.set(String::new());
        }
        self.busy.set(false);
        self.error.set(Some((field, message)));
        if let Some(input) = input {
            focus(input.id);
        }
    }

    /// `password.rejected`: `message` (the failed rules) under the
    /// password, which is emptied with its confirmation.
    pub fn reject(self, message: String) {
        self.fail(Field::Password, message, true);
        self.inputs.with_value(|inputs| {
            for input in inputs.iter().filter(|input| input.field == Field::Confirm) {
                input.value.set(String::new());
            }
        });
    }
}

/// Moves the keyboard focus to the element `id`, if it exists.
pub fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The form-level error (an alert announced by screen readers).
#[component]
pub fn FormAlert(form: FormState) -> impl IntoView {
    let message = form.error(Field::Form);
    move || {
        message.get().map(|message| {
            view! {
                <p role="alert" class="error logto_form-error lgt_formErrors">
                    {message}
                </p>
            }
        })
    }
}

/// The submit button: `type=submit`, disabled while the form is busy.
#[component]
pub fn SubmitButton(form: FormState, #[prop(into)] text: Signal<String>) -> impl IntoView {
    let busy = form.busy();
    view! {
        // `name="submit"`, as Logto's page names its submit buttons:
        // operators' browser tests find them by it.
        <button
            type="submit"
            name="submit"
            class="button primary lgt_button lgt_primary lgt_large"
            disabled=move || busy.get()
            aria-busy=move || busy.get().then_some("true")
        >
            {move || text.get()}
        </button>
    }
}

/// A primary button outside a form (start a WebAuthn prompt, continue):
/// disabled while the form is busy or until what it needs is `ready`.
#[component]
pub fn ActionButton(
    form: FormState,
    #[prop(into)] text: String,
    #[prop(into)] ready: Signal<bool>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    let busy = form.busy();
    view! {
        <button
            type="button"
            class="button primary lgt_button lgt_primary lgt_large"
            disabled=move || busy.get() || !ready.get()
            aria-busy=move || busy.get().then_some("true")
            on:click=move |_| on_click()
        >
            {text}
        </button>
    }
}

/// A page of one form: its heading and description, the form's inputs
/// (`children`), its alert and its submit button.
#[component]
pub fn PageForm(
    #[prop(into)] heading: String,
    #[prop(into)] description: String,
    form: FormState,
    #[prop(into)] submit: String,
    on_submit: impl FnMut(leptos::ev::SubmitEvent) + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <crate::shell::PageHeading text=heading />
        <p class="secondary">{description}</p>
        <form on:submit=on_submit novalidate>
            {children()}
            <FormAlert form />
            <SubmitButton form text=submit />
        </form>
    }
}
