use leptos::prelude::*;

/// A labelled text input bound to a signal.
///
/// The input keeps Logto's field `name` so that password managers and custom
/// scripts that know Logto's page find it.
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
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
