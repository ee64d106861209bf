//! `/reset-password?one_time_token=&login_hint=`: a magic link for a
//! password reset. The token proves the address; the new-password page
//! follows, then "Password changed" on the sign-in page, as after a code
//! (`docs/drop-in.md`; the journey is `reset_with_magic_link`). Without
//! `login_hint` the page asks for the address first, as Logto's
//! `pages/ResetPasswordLanding` does (the token is bound to it).

use leptos::prelude::*;

use super::{fail, search, LinkProgress};
use crate::{
    components::{
        field::{typed_email, EmailField},
        form::{FormState, PageForm},
    },
    flow::{
        magic_link::{self, Start},
        next_step::Field,
    },
    journey::{use_journey, Journey},
    journeys::MagicLink,
    session::query_param,
    shell::PageHeading,
};

/// Whether the page was opened by a reset link.
pub fn is_reset_link() -> bool {
    query_param(&search(), "one_time_token").is_some()
}

/// The reset link's page: busy while the token is verified, then on.
#[component]
pub fn MagicReset() -> impl IntoView {
    let journey = use_journey();
    let form = FormState::new();
    // Logto never answered: the same link again (`Some(verified)`).
    let retry = RwSignal::new(None::<Option<String>>);
    let link = StoredValue::new(None::<(String, String)>);
    // The token waiting for the address typed (no `login_hint`).
    let asked = RwSignal::new(None::<String>);
    let query = search();
    let start = magic_link::start_reset(
        query_param(&query, "one_time_token"),
        query_param(&query, "login_hint"),
        query_param(&query, "errorMessage"),
    );
    if matches!(start, Start::Verify { .. } | Start::AskEmail { .. }) {
        // The token is spent once: it leaves the address bar at once.
        let clean = journey.experience.href("/reset-password");
        let _ = window().history().map(|history| {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
        });
    }
    match start {
        Start::Refused(message) => fail(&journey, None, Some(&message)),
        Start::Invalid => fail(&journey, None, None),
        Start::AskEmail { token } => asked.set(Some(token)),
        Start::Verify { token, email } => {
            link.set_value(Some((token, email)));
            verify(journey.clone(), form, retry, link, None);
        }
    }
    let heading = journey.experience.t("description.reset_password");
    if asked.get_untracked().is_some() {
        return view! { <AskEmail journey asked form retry link /> }.into_any();
    }
    let on_retry = move || verify_again(journey.clone(), form, retry, link);
    view! {
        <PageHeading text=heading />
        <LinkProgress form retry on_retry />
    }
    .into_any()
}

/// The address for a link without `login_hint`, then the same verification.
#[component]
fn AskEmail(
    journey: Journey,
    asked: RwSignal<Option<String>>,
    form: FormState,
    retry: RwSignal<Option<Option<String>>>,
    link: StoredValue<Option<(String, String)>>,
) -> impl IntoView {
    let experience = journey.experience.clone();
    let email = RwSignal::new(String::new());
    let form = form.input(Field::Identifier, "identifier", email);
    let on_submit = {
        let journey = journey.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(typed) = typed_email(&journey.experience, form, email) else {
                return;
            };
            let Some(token) = asked.get_untracked() else {
                return;
            };
            link.set_value(Some((token, typed)));
            // A failure that is not the link's (no answer) offers Try
            // again with the same address.
            verify_again(journey.clone(), form, retry, link);
        }
    };
    let heading = experience.t("description.reset_password");
    let description = experience.t("description.reset_password_magic_link_description");
    let submit = experience.t("action.continue");
    let label = experience.t("input.email");
    view! {
        <PageForm heading description form submit on_submit>
            <EmailField label value=email form />
        </PageForm>
    }
}

/// [`verify`] again, with what the last attempt left to retry.
fn verify_again(
    journey: Journey,
    form: FormState,
    retry: RwSignal<Option<Option<String>>>,
    link: StoredValue<Option<(String, String)>>,
) {
    let verified = retry.get_untracked().flatten();
    verify(journey, form, retry, link, verified);
}

fn verify(
    journey: Journey,
    form: FormState,
    retry: RwSignal<Option<Option<String>>>,
    link: StoredValue<Option<(String, String)>>,
    verified: Option<String>,
) {
    let Some((token, email)) = link.get_value() else {
        return;
    };
    if !form.begin() {
        return;
    }
    retry.set(None);
    leptos::task::spawn_local(async move {
        match journey
            .journeys()
            .reset_with_magic_link(token, email, verified)
            .await
        {
            MagicLink::Unanswered { error, verified } => {
                form.fail(
                    crate::flow::next_step::Field::Form,
                    journey.message(&error),
                    false,
                );
                retry.set(Some(verified));
            }
            MagicLink::Refused(error) => {
                form.end();
                fail(&journey, None, Some(&journey.message(&error)));
            }
            MagicLink::Signed(outcome) => journey.show(form, outcome),
            // A reset never registers.
            MagicLink::NewAccount { .. } => {
                form.end();
                fail(&journey, None, None);
            }
        }
    });
}
