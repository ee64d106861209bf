//! The identifier input (username, email, phone, or several in one), with
//! the country calling-code picker when a phone number is accepted.

use leptos::prelude::*;

use super::field::FieldError;

use crate::{
    api::{Identifier, SignInIdentifier},
    flow::{landing::IdentifierInput, sign_in::classify},
    i18n::I18n,
    phone,
};

/// What was typed into an input of `input`'s types (a national phone
/// number read in `country`), or the message for the input: "Username is
/// required", "The email is invalid".
pub fn read_identifier(
    i18n: &I18n,
    input: &IdentifierInput,
    typed: &str,
    country: &str,
) -> Result<Identifier, String> {
    classify(typed, &input.types, Some(country)).ok_or_else(|| {
        let types: Vec<String> = input.type_keys.iter().map(|key| i18n.t(key)).collect();
        let key = if typed.trim().is_empty() {
            "error.general_required"
        } else {
            "error.general_invalid"
        };
        i18n.t_with(key, &[("types", types.into())])
    })
}

/// Whether typed text reads as a national phone number (the picker then
/// applies): digits and separators only, without a leading `+`.
fn looks_national(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && !value.starts_with('+')
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
}

/// The `identifier` input for `input`. `country` holds the picked ISO code,
/// read when the value is classified.
#[component]
pub fn IdentifierField(
    input: IdentifierInput,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    country: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let phone_only = input.types == [SignInIdentifier::Phone];
    let accepts_phone = input.phone;
    let show_picker =
        Memo::new(move |_| accepts_phone && (phone_only || looks_national(&value.get())));
    let region_label = crate::context::use_experience().t("logto_experience.region_code");
    let options = move || {
        phone::picker(&country.get_untracked())
            .into_iter()
            .map(|c| {
                view! {
                    <option value=c.iso selected=move || country.get() == c.iso>
                        {format!("{} {}", c.iso, c.dial())}
                    </option>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="field lgt_inputField">
            <label for="identifier">{label}</label>
            <div class="logto_identifier-input" class:with-picker=move || show_picker.get()>
                // A closure rather than `<Show>`: the same, with less code.
                {move || {
                    show_picker
                        .get()
                        .then(|| {
                            view! {
                                <select
                                    class="logto_country-code"
                                    aria-label=region_label.clone()
                                    autocomplete="tel-country-code"
                                    on:change=move |ev| country.set(event_target_value(&ev))
                                >
                                    {options}
                                </select>
                            }
                        })
                }}
                <input
                    id="identifier"
                    name="identifier"
                    type=input.html_type
                    inputmode=input.input_mode
                    autocomplete=input.autocomplete
                    aria-invalid=move || error.get().map(|_| "true")
                    aria-describedby=move || error.get().map(|_| "identifier-error")
                    // The attribute too, as React keeps it on Logto's page:
                    // automation selects `input[name=identifier][value="…"]`.
                    value=move || value.get()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
            <FieldError id="identifier-error".to_owned() error=error />
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn national_numbers() {
        assert!(super::looks_national("020 7946 0000"));
        assert!(super::looks_national("(415) 555-0100"));
        assert!(!super::looks_national("+44 20"));
        assert!(!super::looks_national("ada"));
        assert!(!super::looks_national(""));
    }
}
