//! `/forgot-password` (also `/reset-password`, the `first_screen` route) and
//! `/forgot-password/reset`: a code to the email or phone, then the new
//! password; back to sign-in with a confirmation.

use crate::router::Redirect;
use leptos::prelude::*;

use crate::{
    components::{
        form::{FormState, PageForm},
        identifier_field::{read_identifier, IdentifierField},
        password_fields::NewPasswordForm,
    },
    flow::{
        landing::{self, identifier_input},
        next_step::Field,
        route::CodeFlow,
    },
    journey::{self, use_journey},
    shell::PageHeading,
};

/// The reset request: which address gets the code.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    // A magic link for the reset (`/reset-password?one_time_token=`).
    if crate::pages::one_time_token::is_reset_link() {
        return view! { <crate::pages::one_time_token::MagicReset /> }.into_any();
    }
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let restriction = experience
        .query
        .identifier
        .as_deref()
        .map(landing::parse_identifier_param)
        .unwrap_or_default();
    let types = landing::forgot_password_types(&experience.settings, &restriction);
    if types.is_empty() {
        return view! { <Redirect path=experience.href("/sign-in") /> }.into_any();
    }
    let input = identifier_input(&types, false, false);
    // Prefilled from the sign-in identifier (or `login_hint`) when it fits.
    let initial = crate::journey::session()
        .identifier()
        .filter(|identifier| types.contains(&identifier.identifier_type))
        .map(|identifier| crate::flow::code::sent_to(&identifier).replace(' ', ""))
        .or_else(|| experience.query.login_hint.clone())
        .unwrap_or_default();
    let identifier = RwSignal::new(initial);
    let country =
        RwSignal::new(crate::phone::default_country(experience.i18n.language()).to_owned());
    let form = FormState::new().input(Field::Identifier, "identifier", identifier);
    let type_names: Vec<String> = input.type_keys.iter().map(|key| t(key)).collect();
    let description = experience.i18n.t_with(
        "description.reset_password_description",
        &[("types", type_names.clone().into())],
    );

    let on_submit = {
        let journey = journey.clone();
        let input = input.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let experience = &journey.experience;
            let typed = identifier.get_untracked();
            let country = country.get_untracked();
            let value = match read_identifier(&experience.i18n, &input, &typed, &country) {
                Ok(value) => value,
                Err(message) => return form.fail(Field::Identifier, message, false),
            };
            if !form.begin() {
                return;
            }
            let journey = journey.clone();
            leptos::task::spawn_local(async move {
                crate::journey::session().remember_identifier(&value);
                let flow = CodeFlow::ForgotPassword;
                journey
                    .send_code_and_go(form, flow, value, "/forgot-password")
                    .await;
            });
        }
    };
    let label = input.label(t);
    let captcha = crate::captcha::widget(&experience.settings);
    view! {
        <PageForm
            heading=t("description.reset_password")
            description
            form
            submit=t("action.continue")
            on_submit
        >
            <IdentifierField
                input
                label
                value=identifier
                country
                error=form.error(Field::Identifier)
            />
            {captcha}
        </PageForm>
        <a href=experience.href("/sign-in")>{t("description.back_to_sign_in")}</a>
    }
    .into_any()
}

/// `/forgot-password/reset`: the new password, once the code was verified
/// (the server answered `user.new_password_required_in_profile`).
#[component]
pub fn ResetPassword() -> impl IntoView {
    let journey = use_journey();
    let heading = journey.experience.t("description.set_password");
    let on_password = move |form: FormState, secret| {
        if !form.begin() {
            return;
        }
        let journey = journey.clone();
        leptos::task::spawn_local(async move {
            let outcome = journey.journeys().reset_password(secret).await;
            match journey.render(form, outcome) {
                // Done: the person signs in with the new password.
                Some(Ok(())) => {
                    journey::session().flash(&journey.experience.t("description.password_changed"));
                    journey.navigate("/sign-in");
                }
                Some(Err((_, message))) => form.fail(Field::Form, message, false),
                None => {}
            }
        });
    };
    view! {
        <PageHeading text=heading />
        <NewPasswordForm on_password />
    }
}
