//! The inputs of the sign-in form: the identifier (or, on the password
//! page, the identifier already entered) and the password.

use leptos::prelude::*;

use crate::{
    api::Identifier,
    components::{field::TextField, form::FormState, identifier_field::IdentifierField},
    context::use_experience,
    flow::{
        landing::{self, IdentifierInput},
        next_step::Field,
    },
};

/// `input`: the identifier to type; `fixed`: the one entered before;
/// `password`: asked on this screen.
#[component]
pub(super) fn Fields(
    input: Option<IdentifierInput>,
    fixed: Option<Identifier>,
    identifier: RwSignal<String>,
    country: RwSignal<String>,
    password: Option<RwSignal<String>>,
    form: FormState,
    /// The email typed has enterprise SSO: no password to ask.
    sso: Signal<bool>,
) -> impl IntoView {
    let experience = use_experience();
    let t = |key: &str| experience.t(key);
    let intro = fixed.as_ref().map(|identifier| {
        let key = landing::type_key(&identifier.identifier_type);
        let value = crate::flow::code::sent_to(identifier);
        let text = experience.i18n.t_with(
            "description.enter_password_for",
            &[("method", t(key).into()), ("value", value.clone().into())],
        );
        view! {
            <p class="secondary">{text}</p>
            // For password managers: the account this password belongs to.
            <input
                type="text"
                name="identifier"
                autocomplete="username"
                value=value
                hidden
                readonly
            />
        }
    });
    let identifier_field = input.map(|input| {
        let label = input.label(t);
        view! {
            <IdentifierField
                input
                label
                value=identifier
                country
                error=form.error(Field::Identifier)
            />
        }
    });
    let password_field = password.map(|password| {
        view! {
            <div class="logto_password" hidden=move || sso.get()>
                <TextField
                    name="password"
                    label=t("input.password")
                    autocomplete="current-password"
                    input_type="password"
                    value=password
                    error=form.error(Field::Password)
                />
            </div>
        }
    });
    view! {
        {intro}
        {identifier_field}
        {password_field}
    }
}
