use leptos::prelude::*;

/// A labelled text input bound to a signal, with its error under it.
///
/// The input keeps Logto's field `name` so that password managers and custom
/// scripts that know Logto's page find it. While `error` holds a message the
/// input is `aria-invalid` and described by it (`<name>-error`, an alert).
#[component]
pub fn TextField(
    /// The `name` and `id` of the input.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The `autocomplete` token for password managers.
    autocomplete: &'static str,
    /// The value, read and written as the person types.
    value: RwSignal<String>,
    /// The input type.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `inputmode` (virtual keyboard), if any.
    #[prop(default = None)]
    input_mode: Option<&'static str>,
    /// The error message shown under the input, if any.
    #[prop(optional, into)]
    error: MaybeProp<String>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    view! {
        <div class="field lgt_inputField">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || error.get().map(|_| described.clone())
                // The attribute too, as React keeps it on Logto's page:
                // automation selects `input[name=identifier][value="…"]`
                // (never a password's: CSS could read it).
                value=move || (input_type != "password").then(|| value.get())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldError id=error_id error=Signal::derive(move || error.get()) />
        </div>
    }
}

/// The error under an input: an alert, with the `id` the input names in
/// `aria-describedby` while there is a message.
#[component]
pub fn FieldError(
    /// `<input name>-error`.
    id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <div id=id.clone() role="alert" class="error lgt_error lgt_errorMessage">
                    {message}
                </div>
            }
        })
    }
}
