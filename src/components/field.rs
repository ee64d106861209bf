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
    // A password can be shown: the type switches, the toggle says so.
    let visible = RwSignal::new(false);
    let toggle =
        (input_type == "password").then(|| view! { <PasswordToggle visible controls=name /> });
    view! {
        <div class="field lgt_inputField">
            <label for=name>{label}</label>
            <div class="logto_input-wrapper">
                <input
                    id=name
                    name=name
                    // A `String`, as the other reactive values: each type
                    // of attribute value is code of its own (0.5 KB).
                    type=move || if visible.get() { "text" } else { input_type }.to_owned()
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
                {toggle}
            </div>
            <FieldError id=error_id error=Signal::derive(move || error.get()) />
        </div>
    }
}

/// The email field of the pages that ask only for an address (Logto's
/// `identifier` field), with its form's identifier error.
#[component]
pub fn EmailField(
    label: String,
    value: RwSignal<String>,
    form: crate::components::form::FormState,
) -> impl IntoView {
    view! {
        <TextField
            name="identifier"
            label
            autocomplete="email"
            input_type="email"
            input_mode=Some("email")
            value
            error=form.error(crate::flow::next_step::Field::Identifier)
        />
    }
}

/// The address typed in an [`EmailField`], trimmed; `None` (and Logto's
/// "invalid email" on the field) when it does not look like one.
pub fn typed_email(
    experience: &crate::context::Experience,
    form: crate::components::form::FormState,
    email: RwSignal<String>,
) -> Option<String> {
    let typed = email.get_untracked().trim().to_owned();
    if crate::flow::sign_in::looks_like_email(&typed) {
        return Some(typed);
    }
    let message = experience.t("error.invalid_email");
    form.fail(crate::flow::next_step::Field::Identifier, message, false);
    None
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

/// The eye button inside a password input: shows or hides what was typed.
/// A toggle button (`aria-pressed`) named by hidden text rather than
/// `aria-label`, so that the input stays the only thing labelled
/// "Password".
#[component]
pub fn PasswordToggle(visible: RwSignal<bool>, controls: &'static str) -> impl IntoView {
    // A field may be shown outside the app (tests, embedding): English then.
    let name = use_context::<crate::context::Experience>()
        .map(|experience| experience.t("action.show_password"))
        .unwrap_or_else(|| crate::i18n::I18n::default().t("action.show_password"));
    view! {
        <button
            type="button"
            class="logto_toggle-visibility"
            aria-pressed=move || visible.get().to_string()
            aria-controls=controls
            on:click=move |_| visible.update(|v| *v = !*v)
        >
            {move || super::icon::icon(
                if visible.get() { super::icon::EYE_OFF } else { super::icon::EYE },
            )}
            <span class="logto_visually-hidden">{name}</span>
        </button>
    }
}
