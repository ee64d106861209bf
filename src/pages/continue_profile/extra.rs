//! `/continue/extra-profile`: the settings' custom profile fields, asked
//! for once at registration. The checks are `flow::extra_profile`'s.

use leptos::prelude::*;

use super::{extra_field::extra_field, stage};
use crate::{
    api::ProfileRequest,
    components::form::{FormAlert, FormState, SubmitButton},
    flow::extra_profile,
    journey::use_journey,
    shell::PageHeading,
};

/// The browser's `RegExp` test of a `Regex` field, the matcher that
/// [`extra_profile::value`] is given; a pattern it cannot compile matches
/// nothing (Logto's page says "invalid" then too).
fn regex_matches(pattern: &str, text: &str) -> bool {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    let Ok(constructor) = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RegExp"))
    else {
        return false;
    };
    let args = js_sys::Array::of1(&JsValue::from_str(pattern));
    js_sys::Reflect::construct::<fn() -> JsValue>(constructor.unchecked_ref(), &args)
        .map(|regex| regex.unchecked_into::<js_sys::RegExp>().test(text))
        .unwrap_or(false)
}

#[component]
pub fn ContinueExtraProfile() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let i18n = experience.i18n.clone();
    let inputs = extra_profile::inputs(&experience.settings.custom_profile_fields);
    let values: Vec<RwSignal<String>> = inputs
        .iter()
        .map(|input| RwSignal::new(extra_profile::initial(input)))
        .collect();
    let errors = RwSignal::new(vec![None::<String>; inputs.len()]);
    let form = FormState::new();
    let labels: Vec<String> = inputs
        .iter()
        .map(|input| extra_profile::label(&i18n, input))
        .collect();

    let on_submit = {
        let journey = journey.clone();
        let inputs = inputs.clone();
        let values = values.clone();
        let labels = labels.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let i18n = &journey.experience.i18n;
            let mut collected = serde_json::Map::new();
            let problems: Vec<_> = inputs
                .iter()
                .zip(values.iter())
                .zip(labels.iter())
                .map(|((input, value), label)| {
                    match extra_profile::value(input, &value.get_untracked(), &regex_matches) {
                        Ok(Some(value)) => {
                            extra_profile::insert(&mut collected, input, value);
                            None
                        }
                        Ok(None) => None,
                        Err(problem) => Some(problem.message(i18n, label)),
                    }
                })
                .collect();
            let first = problems.iter().position(Option::is_some);
            errors.set(problems);
            if let Some(input) = first.and_then(|first| inputs.get(first)) {
                crate::components::form::focus(&format!("extra-{}", input.name));
                return;
            }
            extra_profile::complete_addresses(&mut collected, &inputs);
            stage(
                &journey,
                form,
                ProfileRequest::ExtraProfile { values: collected },
            );
        }
    };

    let fields = inputs
        .into_iter()
        .zip(values)
        .zip(labels)
        .enumerate()
        .map(|(index, ((input, value), label))| {
            extra_field(&i18n, index, input, value, label, errors)
        })
        .collect::<Vec<_>>();
    view! {
        <PageHeading text=experience.t("description.about_yourself") />
        <p class="secondary">{experience.t("description.continue_with_more_information")}</p>
        <form on:submit=on_submit novalidate>
            {fields}
            <FormAlert form />
            <SubmitButton form text=experience.t("action.continue") />
        </form>
    }
}
