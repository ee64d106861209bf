//! The extra profile form (`/continue/extra-profile`): the settings'
//! `customProfileFields` as inputs, what people type checked the way Logto
//! checks it, and the `values` of `POST /profile {type: "extraProfile"}`.

use serde_json::{Map, Number, Value};

use crate::{
    api::settings::{CustomProfileField, CustomProfileFieldConfig, CustomProfileFieldType},
    i18n::I18n,
};

/// One input of the form: a field, or a part of an address or full name.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The key in `values` (`address` parts nest under `address`).
    pub name: String,
    /// The settings' label, if any (else the page names it: Logto's
    /// `profile.<name>` phrase for built-in names, or the name itself).
    pub label: Option<String>,
    pub description: Option<String>,
    pub kind: CustomProfileFieldType,
    pub required: bool,
    pub config: CustomProfileFieldConfig,
    /// `Some("address")` for the parts of an address.
    pub parent: Option<String>,
    /// A part of a full name: sent even when empty, because Logto checks
    /// every part of a required full name for presence.
    pub send_empty: bool,
}

/// Why a value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `error.general_required` (with the label as `types`).
    Required,
    /// `error.invalid_min_max_length` (`minLength`, `maxLength`).
    Length { min: String, max: String },
    /// `error.invalid_min_max_input` (`minValue`, `maxValue`).
    Range { min: String, max: String },
    /// `error.general_invalid` (with the label as `types`).
    Invalid,
}

impl Problem {
    /// The message people read for the input named `label`.
    pub fn message(&self, i18n: &I18n, label: &str) -> String {
        let types = || vec![label.to_owned()].into();
        match self {
            Self::Required => i18n.t_with("error.general_required", &[("types", types())]),
            Self::Invalid => i18n.t_with("error.general_invalid", &[("types", types())]),
            Self::Length { min, max } => i18n.t_with(
                "error.invalid_min_max_length",
                &[
                    ("minLength", min.as_str().into()),
                    ("maxLength", max.as_str().into()),
                ],
            ),
            Self::Range { min, max } => i18n.t_with(
                "error.invalid_min_max_input",
                &[
                    ("minValue", min.as_str().into()),
                    ("maxValue", max.as_str().into()),
                ],
            ),
        }
    }
}

/// The name people read for an input: the settings' label, else Logto's
/// phrase for a built-in name, else the name.
pub fn label(i18n: &I18n, input: &Input) -> String {
    if let Some(label) = &input.label {
        return label.clone();
    }
    let key = match &input.parent {
        Some(parent) => format!("profile.{parent}.{}", input.name),
        None => format!("profile.{}", input.name),
    };
    i18n.get(&key).unwrap_or_else(|| input.name.clone())
}

/// The text of a choice: its label, else Logto's phrase for a gender
/// value, else the value.
pub fn option_text(i18n: &I18n, label: Option<String>, value: &str) -> String {
    label
        .filter(|label| !label.is_empty())
        .or_else(|| i18n.get(&format!("profile.gender_options.{value}")))
        .unwrap_or_else(|| value.to_owned())
}

/// A bound for a message; "…" when the settings leave that side open.
fn bound(value: Option<String>) -> String {
    value.unwrap_or_else(|| "…".to_owned())
}

/// The form's inputs, in the settings' order, parts expanded.
pub fn inputs(fields: &[CustomProfileField]) -> Vec<Input> {
    let mut out = Vec::new();
    for field in fields {
        let label = field.label.clone().filter(|label| !label.is_empty());
        match &field.field_type {
            CustomProfileFieldType::Address | CustomProfileFieldType::Fullname => {
                let nested = field.field_type == CustomProfileFieldType::Address;
                for part in field.config.parts.iter().flatten().filter(|p| p.enabled) {
                    out.push(Input {
                        name: part.name.clone(),
                        label: part.label.clone().filter(|label| !label.is_empty()),
                        description: part.description.clone(),
                        kind: part.field_type.clone(),
                        required: part.required,
                        config: part.config.clone().unwrap_or_default(),
                        parent: nested.then(|| field.name.clone()),
                        send_empty: !nested,
                    });
                }
            }
            kind => out.push(Input {
                name: field.name.clone(),
                label,
                description: field.description.clone(),
                kind: kind.clone(),
                required: field.required,
                config: field.config.clone(),
                parent: None,
                send_empty: false,
            }),
        }
    }
    out
}

/// The HTML input type of an input.
pub fn html_type(kind: &CustomProfileFieldType) -> &'static str {
    match kind {
        CustomProfileFieldType::Number => "number",
        CustomProfileFieldType::Date => "date",
        CustomProfileFieldType::Url => "url",
        CustomProfileFieldType::Checkbox => "checkbox",
        _ => "text",
    }
}

/// The `autocomplete` token of well-known names, for autofill.
pub fn autocomplete(name: &str) -> &'static str {
    match name {
        "name" => "name",
        "givenName" => "given-name",
        "middleName" => "additional-name",
        "familyName" => "family-name",
        "nickname" => "nickname",
        "birthdate" => "bday",
        "gender" => "sex",
        "website" => "url",
        "streetAddress" => "street-address",
        "locality" => "address-level2",
        "region" => "address-level1",
        "postalCode" => "postal-code",
        "country" => "country-name",
        _ => "off",
    }
}

/// `yyyy-mm-dd` (what a date input gives) in the field's format.
fn format_date(iso: &str, config: &CustomProfileFieldConfig) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let valid = year.len() == 4
        && month.len() == 2
        && day.len() == 2
        && [year, month, day]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return None;
    }
    let pattern = match config.format.as_deref() {
        Some("custom") => config.custom_format.as_deref().unwrap_or("yyyy-MM-dd"),
        Some(format) if !format.is_empty() => format,
        _ => "yyyy-MM-dd",
    };
    Some(
        pattern
            .replace("yyyy", year)
            .replace("MM", month)
            .replace("dd", day),
    )
}

/// A decimal number as people type it (`42`, `-1.5`), without the
/// standard library's float parser, which is large for a page with a size
/// budget; precision beyond what a form needs is not a concern.
fn parse_number(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || whole.len() > 15 {
        return None;
    }
    let mut value = 0.0;
    // Only ASCII digits reach here (checked above).
    let digit = |b: u8| f64::from(b.saturating_sub(b'0'));
    for b in whole.bytes() {
        value = value * 10.0 + digit(b);
    }
    let mut scale = 1.0;
    for b in fraction.bytes().take(15) {
        scale /= 10.0;
        value += digit(b) * scale;
    }
    Some(if negative { -value } else { value })
}

fn is_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !value.chars().any(char::is_whitespace)
    })
}

/// What an input holds before anything is typed: the field's
/// `defaultValue` (`"true"` ticks a checkbox; a date only when it is
/// `yyyy-mm-dd`, what a date input takes).
pub fn initial(input: &Input) -> String {
    let default = input.config.default_value.clone().unwrap_or_default();
    match input.kind {
        CustomProfileFieldType::Checkbox if default != "true" => String::new(),
        CustomProfileFieldType::Date if format_date(&default, &Default::default()).is_none() => {
            String::new()
        }
        _ => default,
    }
}

/// The JSON value of what was typed into `input` (`"true"`/`""` for a
/// checkbox); `Ok(None)` for an optional input left empty. `matches(pattern,
/// text)` is the browser's `RegExp` test for a `Regex` field (false for a
/// pattern it cannot compile, as Logto's page has it).
pub fn value(
    input: &Input,
    typed: &str,
    matches: &dyn Fn(&str, &str) -> bool,
) -> Result<Option<Value>, Problem> {
    let typed = typed.trim();
    if input.kind == CustomProfileFieldType::Checkbox {
        let checked = typed == "true";
        if input.required && !checked {
            return Err(Problem::Required);
        }
        return Ok(Some(Value::Bool(checked)));
    }
    if typed.is_empty() {
        return match (input.required, input.send_empty) {
            (true, _) => Err(Problem::Required),
            (false, true) => Ok(Some(Value::from(""))),
            (false, false) => Ok(None),
        };
    }
    let config = &input.config;
    let length = typed.chars().count() as u32;
    if config.min_length.is_some_and(|min| length < min)
        || config.max_length.is_some_and(|max| length > max)
    {
        return Err(Problem::Length {
            min: bound(config.min_length.map(|n| n.to_string())),
            max: bound(config.max_length.map(|n| n.to_string())),
        });
    }
    Ok(Some(match input.kind {
        CustomProfileFieldType::Number => {
            let range = || Problem::Range {
                min: bound(config.min_value.as_ref().map(Number::to_string)),
                max: bound(config.max_value.as_ref().map(Number::to_string)),
            };
            let number = parse_number(typed).ok_or(Problem::Invalid)?;
            let limit = |n: &Option<Number>| n.as_ref().and_then(Number::as_f64);
            if limit(&config.min_value).is_some_and(|min| number < min)
                || limit(&config.max_value).is_some_and(|max| number > max)
            {
                return Err(range());
            }
            match typed.parse::<i64>() {
                Ok(integer) => Value::from(integer),
                Err(_) => Number::from_f64(number).map_or(Value::Null, Value::Number),
            }
        }
        CustomProfileFieldType::Date => {
            Value::String(format_date(typed, config).ok_or(Problem::Invalid)?)
        }
        CustomProfileFieldType::Url if !is_url(typed) => return Err(Problem::Invalid),
        CustomProfileFieldType::Regex
            if !matches(config.format.as_deref().unwrap_or_default(), typed) =>
        {
            return Err(Problem::Invalid)
        }
        _ => Value::String(typed.to_owned()),
    }))
}

/// Puts `value` of `input` into `values` (address parts under their
/// parent).
pub fn insert(values: &mut Map<String, Value>, input: &Input, value: Value) {
    match &input.parent {
        Some(parent) => {
            let entry = values
                .entry(parent.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(nested) = entry {
                nested.insert(input.name.clone(), value);
            }
        }
        None => {
            values.insert(input.name.clone(), value);
        }
    }
}

/// Logto's `formatAddress`: an address also carries its parts joined
/// (street, locality, region, postal code, country, those given, with
/// ", ") as `formatted`, unless a `formatted` part was typed.
pub fn complete_addresses(values: &mut Map<String, Value>, inputs: &[Input]) {
    const ORDER: [&str; 5] = [
        "streetAddress",
        "locality",
        "region",
        "postalCode",
        "country",
    ];
    for parent in inputs.iter().filter_map(|input| input.parent.as_ref()) {
        let Some(Value::Object(address)) = values.get_mut(parent) else {
            continue;
        };
        if address.contains_key("formatted") {
            continue;
        }
        let parts: Vec<&str> = ORDER
            .iter()
            .filter_map(|key| address.get(*key).and_then(Value::as_str))
            .filter(|part| !part.is_empty())
            .collect();
        if !parts.is_empty() {
            let formatted = parts.join(", ");
            address.insert("formatted".into(), Value::from(formatted));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` with a stand-in for the browser's `RegExp`: the pattern
    /// `^[A-Z]{3}-\d{2}$` only, by hand.
    fn value(input: &Input, typed: &str) -> Result<Option<Value>, Problem> {
        super::value(input, typed, &|pattern, text| {
            let bytes = text.as_bytes();
            pattern == r"^[A-Z]{3}-\d{2}$"
                && bytes.len() == 6
                && bytes[..3].iter().all(u8::is_ascii_uppercase)
                && bytes[3] == b'-'
                && bytes[4..].iter().all(u8::is_ascii_digit)
        })
    }

    fn fields() -> Vec<CustomProfileField> {
        crate::api::json::from_value(&serde_json::json!([
            {"name": "nickname", "type": "Text", "label": "Nickname", "required": true,
             "config": {"minLength": 2, "maxLength": 10}},
            {"name": "age", "type": "Number", "required": false,
             "config": {"minValue": 13, "maxValue": 120}},
            {"name": "birthdate", "type": "Date", "required": false,
             "config": {"format": "MM/dd/yyyy"}},
            {"name": "website", "type": "Url", "required": false, "config": {}},
            {"name": "newsletter", "type": "Checkbox", "required": false, "config": {}},
            {"name": "address", "type": "Address", "required": true, "config": {"parts": [
                {"enabled": true, "name": "locality", "type": "Text", "required": true},
                {"enabled": false, "name": "region", "type": "Text", "required": false}
            ]}},
            {"name": "fullname", "type": "Fullname", "required": true, "config": {"parts": [
                {"enabled": true, "name": "givenName", "type": "Text", "required": true},
                {"enabled": true, "name": "familyName", "type": "Text", "required": false}
            ]}}
        ]))
        .unwrap()
    }

    #[test]
    fn expands_parts_and_keeps_order() {
        let inputs = inputs(&fields());
        let names: Vec<_> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "nickname",
                "age",
                "birthdate",
                "website",
                "newsletter",
                "locality",
                "givenName",
                "familyName"
            ]
        );
        assert_eq!(inputs[0].label.as_deref(), Some("Nickname"));
        assert_eq!(inputs[1].label, None);
        assert_eq!(inputs[5].parent.as_deref(), Some("address"));
        assert_eq!(inputs[6].parent, None);
        assert_eq!(autocomplete("givenName"), "given-name");
    }

    #[test]
    fn checks_and_converts_values() {
        let inputs = inputs(&fields());
        assert_eq!(value(&inputs[0], " "), Err(Problem::Required));
        let length = Err(Problem::Length {
            min: "2".into(),
            max: "10".into(),
        });
        assert_eq!(value(&inputs[0], "a"), length);
        assert_eq!(value(&inputs[0], "abcdefghijk"), length);
        assert_eq!(value(&inputs[0], "Ada"), Ok(Some(Value::from("Ada"))));
        assert_eq!(value(&inputs[1], ""), Ok(None));
        assert_eq!(value(&inputs[1], "x"), Err(Problem::Invalid));
        assert_eq!(
            value(&inputs[1], "12"),
            Err(Problem::Range {
                min: "13".into(),
                max: "120".into()
            })
        );
        assert_eq!(value(&inputs[1], "42"), Ok(Some(serde_json::json!(42))));
        assert_eq!(value(&inputs[1], "42.5"), Ok(Some(serde_json::json!(42.5))));
        assert_eq!(value(&inputs[1], "4e2"), Err(Problem::Invalid));
        assert_eq!(parse_number("-1.25"), Some(-1.25));
        assert_eq!(parse_number("1."), Some(1.0));
        assert_eq!(parse_number(".5"), None);
        assert_eq!(
            value(&inputs[2], "1990-07-14"),
            Ok(Some(Value::from("07/14/1990")))
        );
        assert_eq!(value(&inputs[2], "14.07.1990"), Err(Problem::Invalid));
        assert_eq!(value(&inputs[3], "example.com"), Err(Problem::Invalid));
        assert!(value(&inputs[3], "https://example.com/me").is_ok());
        assert_eq!(value(&inputs[4], ""), Ok(Some(Value::Bool(false))));
        // An empty optional part of a full name is still sent.
        assert_eq!(value(&inputs[7], ""), Ok(Some(Value::from(""))));
        let mut values = Map::new();
        insert(&mut values, &inputs[5], Value::from("Paris"));
        insert(&mut values, &inputs[6], Value::from("Ada"));
        assert_eq!(
            Value::Object(values),
            serde_json::json!({"address": {"locality": "Paris"}, "givenName": "Ada"})
        );
    }

    #[test]
    fn regex_fields_are_checked_against_their_pattern() {
        let fields: Vec<CustomProfileField> = crate::api::json::from_value(&serde_json::json!([
            {"name": "employeeCode", "type": "Regex", "required": true,
             "config": {"format": r"^[A-Z]{3}-\d{2}$"}},
            {"name": "broken", "type": "Regex", "required": false, "config": {"format": "["}}
        ]))
        .unwrap();
        let inputs = inputs(&fields);
        assert_eq!(value(&inputs[0], "ABC-12"), Ok(Some(Value::from("ABC-12"))));
        assert_eq!(value(&inputs[0], "abc-12"), Err(Problem::Invalid));
        assert_eq!(value(&inputs[0], ""), Err(Problem::Required));
        assert_eq!(value(&inputs[1], "x"), Err(Problem::Invalid));
        assert_eq!(value(&inputs[1], ""), Ok(None));
    }

    #[test]
    fn defaults_fill_the_inputs() {
        let fields: Vec<CustomProfileField> = crate::api::json::from_value(&serde_json::json!([
            {"name": "plan", "type": "Select", "required": false,
             "config": {"defaultValue": "pro", "options": [{"value": "free"}, {"value": "pro"}]}},
            {"name": "terms", "type": "Checkbox", "required": false, "config": {"defaultValue": "true"}},
            {"name": "news", "type": "Checkbox", "required": false, "config": {"defaultValue": "false"}},
            {"name": "since", "type": "Date", "required": false,
             "config": {"defaultValue": "07/14/1990", "format": "MM/dd/yyyy"}},
            {"name": "nick", "type": "Text", "required": false, "config": {}}
        ]))
        .unwrap();
        let initial: Vec<String> = inputs(&fields).iter().map(initial).collect();
        assert_eq!(initial, ["pro", "true", "", "", ""]);
    }

    #[test]
    fn addresses_carry_their_parts_joined() {
        let fields: Vec<CustomProfileField> = crate::api::json::from_value(&serde_json::json!([
            {"name": "address", "type": "Address", "required": true, "config": {"parts": [
                {"enabled": true, "name": "streetAddress", "type": "Text", "required": true},
                {"enabled": true, "name": "locality", "type": "Text", "required": true},
                {"enabled": true, "name": "region", "type": "Text", "required": false},
                {"enabled": true, "name": "country", "type": "Text", "required": true}
            ]}}
        ]))
        .unwrap();
        let inputs = inputs(&fields);
        let mut values = Map::new();
        for (input, typed) in inputs.iter().zip(["1 Main St", "Springfield", "", "US"]) {
            if let Ok(Some(value)) = value(input, typed) {
                insert(&mut values, input, value);
            }
        }
        complete_addresses(&mut values, &inputs);
        assert_eq!(
            values["address"]["formatted"],
            Value::from("1 Main St, Springfield, US")
        );
        // A typed `formatted` part stays as it was typed.
        let mut typed = Map::new();
        typed.insert(
            "address".into(),
            serde_json::json!({"formatted": "Mine", "locality": "X"}),
        );
        complete_addresses(&mut typed, &inputs);
        assert_eq!(typed["address"]["formatted"], Value::from("Mine"));
    }

    #[test]
    fn labels_options_and_messages_read_in_english() {
        let i18n = I18n::default();
        let inputs = inputs(&fields());
        let nickname = inputs.iter().find(|i| i.name == "nickname").unwrap();
        assert_eq!(label(&i18n, nickname), "Nickname");
        let website = inputs.iter().find(|i| i.name == "website").unwrap();
        assert_eq!(label(&i18n, website), i18n.t("profile.website"));
        let mut unnamed = website.clone();
        unnamed.name = "shoe_size".into();
        assert_eq!(label(&i18n, &unnamed), "shoe_size");
        assert_eq!(option_text(&i18n, Some("Red".into()), "red"), "Red");
        assert_eq!(
            option_text(&i18n, Some(String::new()), "female"),
            i18n.t("profile.gender_options.female")
        );
        assert_eq!(option_text(&i18n, None, "teal"), "teal");
        let required = Problem::Required.message(&i18n, "Nickname");
        assert!(required.contains("Nickname"), "{required}");
        let length = Problem::Length {
            min: "2".into(),
            max: "…".into(),
        }
        .message(&i18n, "Nickname");
        assert!(length.contains('2') && !length.contains("{{"), "{length}");
    }
}
