//! One input of the extra profile form.

use leptos::prelude::*;

use crate::{
    api::settings::CustomProfileFieldType, components::field::FieldError, flow::extra_profile,
    i18n::I18n,
};

/// One input of the extra profile form: a `<select>` for choices, one
/// `<input>` (of the field's type) for everything else. Kept to two
/// element shapes on purpose: every distinct view shape is compiled code
/// on the first load.
pub(super) fn extra_field(
    i18n: &I18n,
    index: usize,
    input: extra_profile::Input,
    value: RwSignal<String>,
    label: String,
    errors: RwSignal<Vec<Option<String>>>,
) -> AnyView {
    let id = format!("extra-{}", input.name);
    let error_id = format!("{id}-error");
    let error = move || errors.with(|all| all.get(index).cloned().flatten());
    let label = if input.required {
        label
    } else {
        i18n.t_with("input.label_with_optional", &[("label", label.into())])
    };
    let described = {
        let error_id = error_id.clone();
        move || error().map(|_| error_id.clone())
    };
    let checkbox = input.kind == CustomProfileFieldType::Checkbox;
    // What the input starts with (the field's `defaultValue`).
    let initial = value.get_untracked();
    if input.name == "avatar" && input.parent.is_none() {
        let fail = Callback::new(move |message: Option<String>| {
            errors.update(|all| {
                if let Some(slot) = all.get_mut(index) {
                    *slot = message;
                }
            })
        });
        return view! {
            <crate::components::avatar_field::AvatarField
                id
                label
                value
                error=Signal::derive(error)
                fail
            />
        }
        .into_any();
    }
    let control = if input.kind == CustomProfileFieldType::Select {
        let options = input
            .config
            .options
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|option| {
                let text = extra_profile::option_text(i18n, option.label, &option.value);
                let selected = option.value == initial;
                view! {
                    <option value=option.value selected=selected>
                        {text}
                    </option>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <select
                id=id.clone()
                name=input.name.clone()
                autocomplete=extra_profile::autocomplete(&input.name)
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="">{input.config.placeholder.clone().unwrap_or_default()}</option>
                {options}
            </select>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=input.name.clone()
                type=extra_profile::html_type(&input.kind)
                autocomplete=extra_profile::autocomplete(&input.name)
                placeholder=input.config.placeholder.clone()
                value=(!checkbox).then(|| initial.clone())
                checked=checkbox && initial == "true"
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described
                on:input=move |ev| {
                    let text = if checkbox {
                        if event_target_checked(&ev) { "true" } else { "" }.to_owned()
                    } else {
                        event_target_value(&ev)
                    };
                    value.set(text);
                }
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:logto_checkbox-field=checkbox>
            <label for=id>{label}</label>
            {control}
            {input.description.map(|text| view! { <p class="secondary">{text}</p> })}
            <FieldError id=error_id error=Signal::derive(error) />
        </div>
    }
    .into_any()
}
