//! `/reset-password?one_time_token=&login_hint=`: a magic link for a
//! password reset. The token proves the address; the new-password page
//! follows, then "Password changed" on the sign-in page, as after a code
//! (`docs/drop-in.md`; the journey is `reset_with_magic_link`).

use leptos::prelude::*;

use super::{fail, search, LinkProgress};
use crate::{
    components::form::FormState,
    flow::magic_link::{self, Start},
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
    let query = search();
    match magic_link::start(
        query_param(&query, "one_time_token"),
        query_param(&query, "login_hint"),
        query_param(&query, "errorMessage"),
    ) {
        Start::Refused(message) => fail(&journey, None, Some(&message)),
        Start::Invalid => fail(&journey, None, None),
        Start::Verify { token, email } => {
            // The token is spent once: it leaves the address bar at once.
            let clean = journey.experience.href("/reset-password");
            let _ = window().history().map(|history| {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
            });
            link.set_value(Some((token, email)));
            verify(journey.clone(), form, retry, link, None);
        }
    }
    let heading = journey.experience.t("description.reset_password");
    let on_retry = move || {
        verify(
            journey.clone(),
            form,
            retry,
            link,
            retry.get_untracked().flatten(),
        )
    };
    view! {
        <PageHeading text=heading />
        <LinkProgress form retry on_retry />
    }
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
