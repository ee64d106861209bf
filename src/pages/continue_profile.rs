//! `/continue/<item>`: profile fulfilment. The server asks for one missing
//! item at a time (`user.missing_profile`); each page stages its item and
//! resumes the flow, which leads to the next item or finishes.

use leptos::prelude::*;

use crate::{
    api::{error::MissingProfile, settings::CustomProfileFieldType, ProfileRequest},
    components::{
        address_form::AddressForm,
        field::{FieldError, TextField},
        form::{FormAlert, FormState, SubmitButton},
        password_fields::NewPasswordForm,
    },
    flow::{
        code::profile_targets,
        extra_profile::{self, Problem},
        next_step::Field,
        route::profile_path,
        username,
    },
    i18n::I18n,
    journey::{use_journey, Journey},
    shell::PageHeading,
};

/// Stages `profile` and resumes the flow; errors stay on `form`.
fn stage(journey: &Journey, form: FormState, profile: ProfileRequest) {
    let journeys = journey.journeys();
    journey.run(form, async move { journeys.fill_profile(profile).await });
}

/// "Username must be 3 to 20 characters and can only contain …".
fn username_sentence(i18n: &I18n, requirements: &username::UsernameRequirements) -> String {
    let mut items = Vec::new();
    if let Some((min, max)) = requirements.length {
        items.push(i18n.t_with(
            "description.username_requirement.length",
            &[
                ("min", u64::from(min).into()),
                ("max", u64::from(max).into()),
            ],
        ));
    }
    if let Some(characters) = &requirements.characters {
        let names: Vec<String> = characters.iter().map(|key| i18n.t(key)).collect();
        items.push(i18n.t_with(
            "description.username_requirement.characters",
            &[("characters", names.into())],
        ));
    }
    i18n.t_with(
        "description.username_requirements",
        &[("items", items.into())],
    )
}

/// `/continue/username`.
#[component]
pub fn ContinueUsername() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let value = RwSignal::new(String::new());
    let form = FormState::new().input(Field::Identifier, "identifier", value);
    let policy = experience.settings.username_policy.clone();
    let description = match username::requirements(&policy) {
        Some(requirements) => experience.i18n.t_with(
            "description.enter_username_policy_description",
            &[(
                "requirements",
                username_sentence(&experience.i18n, &requirements).into(),
            )],
        ),
        None => t("description.enter_username_description"),
    };
    let on_submit = {
        let journey = journey.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = value.get_untracked().trim().to_owned();
            if let Err(problem) = username::check(&typed, &policy) {
                let args: Vec<_> = problem
                    .args()
                    .into_iter()
                    .map(|(name, v)| (name, v.into()))
                    .collect();
                let message = journey.experience.i18n.t_with(problem.phrase_key(), &args);
                return form.fail(Field::Identifier, message, false);
            }
            stage(&journey, form, ProfileRequest::Username { value: typed });
        }
    };
    view! {
        <PageHeading text=t("description.enter_username") />
        <p class="secondary">{description}</p>
        <form on:submit=on_submit novalidate>
            <TextField
                name="identifier"
                label=t("input.username")
                autocomplete="username"
                value
                error=form.error(Field::Identifier)
            />
            <FormAlert form />
            <SubmitButton form text=t("action.continue") />
        </form>
    }
}

/// `/continue/password`.
#[component]
pub fn ContinuePassword() -> impl IntoView {
    let journey = use_journey();
    let heading = journey.experience.t("description.set_password");
    let on_password = move |form, secret| {
        stage(&journey, form, ProfileRequest::Password { value: secret });
    };
    view! {
        <PageHeading text=heading />
        <NewPasswordForm on_password />
    }
}

/// `/continue/email`, `/continue/phone` and `/continue/emailOrPhone`: the
/// address gets a code; the code page links it.
#[component]
pub fn ContinueAddress(item: MissingProfile) -> impl IntoView {
    let (heading, description) = match item {
        MissingProfile::Email => (
            "description.link_email",
            "description.link_email_description",
        ),
        MissingProfile::Phone => (
            "description.link_phone",
            "description.link_phone_description",
        ),
        _ => (
            "description.link_email_or_phone",
            "description.link_email_or_phone_description",
        ),
    };
    view! {
        <AddressForm
            types=profile_targets(&item)
            heading
            description
            back=profile_path(&item).to_owned()
            form=FormState::new()
        />
    }
}

/// The name people read for an extra-profile input: the settings' label,
/// else Logto's phrase for a built-in name, else the name.
fn extra_label(i18n: &I18n, input: &extra_profile::Input) -> String {
    if let Some(label) = &input.label {
        return label.clone();
    }
    let key = match &input.parent {
        Some(parent) => format!("profile.{parent}.{}", input.name),
        None => format!("profile.{}", input.name),
    };
    i18n.get(&key).unwrap_or_else(|| input.name.clone())
}

/// The message for a refused extra-profile value.
fn extra_problem(i18n: &I18n, label: &str, problem: &Problem) -> String {
    match problem {
        Problem::Required => i18n.t_with(
            "error.general_required",
            &[("types", vec![label.to_owned()].into())],
        ),
        Problem::Invalid => i18n.t_with(
            "error.general_invalid",
            &[("types", vec![label.to_owned()].into())],
        ),
        Problem::Length { min, max } => i18n.t_with(
            "error.invalid_min_max_length",
            &[
                ("minLength", min.as_str().into()),
                ("maxLength", max.as_str().into()),
            ],
        ),
        Problem::Range { min, max } => i18n.t_with(
            "error.invalid_min_max_input",
            &[
                ("minValue", min.as_str().into()),
                ("maxValue", max.as_str().into()),
            ],
        ),
    }
}

/// `/continue/extra-profile`: the settings' custom profile fields, asked
/// for once at registration.
#[component]
pub fn ContinueExtraProfile() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let i18n = experience.i18n.clone();
    let inputs = extra_profile::inputs(&experience.settings.custom_profile_fields);
    let values: Vec<RwSignal<String>> = inputs
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let errors = RwSignal::new(vec![None::<String>; inputs.len()]);
    let form = FormState::new();
    let labels: Vec<String> = inputs
        .iter()
        .map(|input| extra_label(&i18n, input))
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
                    match extra_profile::value(input, &value.get_untracked()) {
                        Ok(Some(value)) => {
                            extra_profile::insert(&mut collected, input, value);
                            None
                        }
                        Ok(None) => None,
                        Err(problem) => Some(extra_problem(i18n, label, &problem)),
                    }
                })
                .collect();
            let first = problems.iter().position(Option::is_some);
            errors.set(problems);
            if let Some(input) = first.and_then(|first| inputs.get(first)) {
                crate::components::form::focus(&format!("extra-{}", input.name));
                return;
            }
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

/// One input of the extra profile form: a `<select>` for choices, one
/// `<input>` (of the field's type) for everything else. Kept to two
/// element shapes on purpose: every distinct view shape is compiled code
/// on the first load.
fn extra_field(
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
    let control = if input.kind == CustomProfileFieldType::Select {
        let options = input
            .config
            .options
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|option| {
                let text = option
                    .label
                    .filter(|label| !label.is_empty())
                    .or_else(|| i18n.get(&format!("profile.gender_options.{}", option.value)))
                    .unwrap_or_else(|| option.value.clone());
                view! { <option value=option.value>{text}</option> }
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
