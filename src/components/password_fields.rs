//! The new-password inputs (`newPassword`, `confirmPassword`) of
//! registration, reset and profile pages: the policy's requirements as the
//! inputs' description, and each rule checked as the person types. The
//! server's rejected rules go in the input's alert (`journey.rs`).

use leptos::prelude::*;

use super::field::FieldError;

use crate::{
    context::use_experience,
    flow::{
        next_step::Field,
        password_policy::{self, Policy, Rule, REQUIREMENTS, RESTRICTED_FOUND},
    },
    i18n::I18n,
};

use super::form::FormState;

/// The text of a failed rule.
pub fn rule_text(i18n: &I18n, rule: &Rule) -> String {
    let args: Vec<_> = rule
        .args()
        .into_iter()
        .map(|(name, value)| (name, value.into()))
        .collect();
    i18n.t_with(&rule.phrase_key(), &args)
}

/// The failed rules as lines: each rule alone, the `restricted.*` ones in
/// Logto's one "contains …" sentence.
pub fn rule_lines(i18n: &I18n, rules: &[Rule]) -> Vec<String> {
    let mut lines: Vec<String> = rules
        .iter()
        .filter(|rule| !rule.is_restricted())
        .map(|rule| rule_text(i18n, rule))
        .collect();
    let restricted: Vec<String> = rules
        .iter()
        .filter(|rule| rule.is_restricted())
        .map(|rule| i18n.t(&rule.phrase_key()))
        .collect();
    if !restricted.is_empty() {
        lines.push(i18n.t_with(RESTRICTED_FOUND, &[("list", restricted.into())]));
    }
    lines
}

/// Checks `password` and `confirm` before sending: the first problem, put
/// on its input, or `true` when both pass.
pub fn validate(form: FormState, password: &str, confirm: Option<&str>) -> bool {
    let experience = use_experience();
    let i18n = &experience.i18n;
    if password.is_empty() {
        form.fail(
            Field::Password,
            experience.t("error.password_required"),
            false,
        );
        return false;
    }
    let policy = Policy::from_settings(&experience.settings.password_policy);
    let failed = password_policy::check(&policy, password);
    if let Some(first) = failed.first() {
        form.fail(Field::Password, rule_text(i18n, first), false);
        return false;
    }
    if confirm.is_some_and(|confirm| confirm != password) {
        form.fail(
            Field::Confirm,
            experience.t("error.passwords_do_not_match"),
            false,
        );
        return false;
    }
    true
}

/// A password input that can show what was typed.
#[component]
fn PasswordInput(
    name: &'static str,
    label: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Ids of the elements describing the input (requirements, checks).
    described_by: Option<&'static str>,
    policy: Policy,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    let (min, max) = password_policy::length_attributes(&policy);
    // Safari's generator reads `passwordrules`, which the view macro
    // does not know as an attribute.
    let input = NodeRef::<leptos::html::Input>::new();
    let rules = password_policy::passwordrules(&policy);
    Effect::new(move || {
        if let Some(input) = input.get() {
            let _ = input.set_attribute("passwordrules", &rules);
        }
    });
    view! {
        <div class="field lgt_inputField">
            <label for=name>{label}</label>
            <div class="logto_input-wrapper">
                <input
                    id=name
                    name=name
                    type=move || if visible.get() { "text" } else { "password" }
                    autocomplete="new-password"
                    minlength=min
                    maxlength=max
                    node_ref=input
                    aria-invalid=move || error.get().map(|_| "true")
                    aria-describedby=move || {
                        let ids: Vec<&str> = error
                            .get()
                            .map(|_| described.as_str())
                            .into_iter()
                            .chain(described_by)
                            .collect();
                        (!ids.is_empty()).then(|| ids.join(" "))
                    }
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <super::field::PasswordToggle visible controls=name />
            </div>
            <FieldError id=error_id error=error />
        </div>
    }
}

/// `newPassword` (and `confirmPassword` when `confirm` is given), with the
/// policy's requirements and live checks.
#[component]
pub fn NewPasswordFields(
    form: FormState,
    password: RwSignal<String>,
    confirm: Option<RwSignal<String>>,
) -> impl IntoView {
    let experience = use_experience();
    let policy = Policy::from_settings(&experience.settings.password_policy);
    let i18n = experience.i18n.clone();
    let items: Vec<String> = password_policy::requirements(&policy)
        .iter()
        .map(|r| i18n.t_count(r.key, r.count, &[]))
        .collect();
    let sentence =
        (!items.is_empty()).then(|| i18n.t_with(REQUIREMENTS, &[("items", items.into())]));
    // The rules still failing, once something is typed (silent before);
    // not the one already shown as the input's error.
    let shown = form.error(Field::Password);
    let live = {
        let i18n = i18n.clone();
        move || {
            let typed = password.get();
            let rules = if typed.is_empty() {
                Vec::new()
            } else {
                password_policy::check(&policy, &typed)
            };
            let shown = shown.get();
            rule_lines(&i18n, &rules)
                .into_iter()
                .filter(|line| shown.as_ref() != Some(line))
                .map(|line| view! { <li>{line}</li> })
                .collect::<Vec<_>>()
        }
    };
    let confirm_field = confirm.map(|confirm| {
        view! {
            <PasswordInput
                name="confirmPassword"
                label=experience.t("input.confirm_password")
                value=confirm
                error=form.error(Field::Confirm)
                described_by=None
                policy
            />
        }
    });
    view! {
        <PasswordInput
            name="newPassword"
            label=experience.t("input.password")
            value=password
            error=form.error(Field::Password)
            described_by=Some("password-requirements")
            policy
        />
        <div id="password-requirements" class="secondary logto_password-requirements">
            {sentence.map(|sentence| view! { <p>{sentence}</p> })}
            <ul class="logto_password-checks" aria-live="polite">
                {live}
            </ul>
        </div>
        {confirm_field}
    }
}

/// The whole new-password form of registration, reset and profile pages:
/// `newPassword` and `confirmPassword` checked before anything is sent,
/// then `on_password` with the form (for its errors) and the password.
#[component]
pub fn NewPasswordForm(
    on_password: impl Fn(FormState, String) + 'static,
    /// For password managers: the account the password belongs to.
    #[prop(optional)]
    username: Option<String>,
) -> impl IntoView {
    let experience = use_experience();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let form = FormState::new()
        .input(Field::Password, "newPassword", password)
        .input(Field::Confirm, "confirmPassword", confirm);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let secret = password.get_untracked();
        if validate(form, &secret, Some(&confirm.get_untracked())) {
            on_password(form, secret);
        }
    };
    let username = username.map(|value| {
        view! { <input type="text" name="username" autocomplete="username" value=value hidden readonly /> }
    });
    view! {
        <form on:submit=on_submit novalidate>
            {username}
            <NewPasswordFields form password confirm=Some(confirm) />
            <super::form::FormAlert form />
            <super::form::SubmitButton form text=experience.t("action.save_password") />
        </form>
    }
}
