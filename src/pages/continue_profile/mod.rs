//! `/continue/<item>`: profile fulfilment. The server asks for one missing
//! item at a time (`user.missing_profile`); each page stages its item and
//! resumes the flow, which leads to the next item or finishes.

use leptos::prelude::*;

use crate::{
    api::{error::MissingProfile, ProfileRequest},
    components::{
        address_form::AddressForm,
        field::TextField,
        form::{FormState, PageForm},
        password_fields::NewPasswordForm,
    },
    flow::{code::profile_targets, next_step::Field, route::profile_path, username},
    journey::{use_journey, Journey},
    shell::PageHeading,
};

mod extra;
mod extra_field;
pub use extra::ContinueExtraProfile;

/// Stages `profile` and resumes the flow; errors stay on `form`.
fn stage(journey: &Journey, form: FormState, profile: ProfileRequest) {
    let journeys = journey.journeys();
    journey.run(form, async move { journeys.fill_profile(profile).await });
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
    let description = username::description(&experience.i18n, &policy);
    let on_submit = {
        let journey = journey.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = value.get_untracked().trim().to_owned();
            if let Err(problem) = username::check(&typed, &policy) {
                let message = problem.message(&journey.experience.i18n);
                return form.fail(Field::Identifier, message, false);
            }
            stage(&journey, form, ProfileRequest::Username { value: typed });
        }
    };
    let label = t("input.username");
    view! {
        <PageForm
            heading=t("description.enter_username")
            description
            form
            submit=t("action.continue")
            on_submit
        >
            <TextField
                name="identifier"
                label
                autocomplete="username"
                value
                error=form.error(Field::Identifier)
            />
        </PageForm>
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
