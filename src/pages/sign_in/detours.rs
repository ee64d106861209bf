//! Where sign-in by identifier goes elsewhere: an email with enterprise
//! SSO, an expired password.

use std::rc::Rc;

use leptos::prelude::*;

#[cfg(feature = "full")]
use crate::{
    api::Identifier, components::form::FormState, context::Experience, flow::next_step::Field,
    identity_provider, journey,
};
use crate::{
    components::dialog::{Question, QuestionSignal},
    journey::Journey,
};

/// An email whose domain has enterprise SSO signs in there; without SSO
/// for it (or when the lookup fails), `proceed` as usual.
#[cfg(feature = "full")]
pub(super) fn sso_first(
    experience: &Experience,
    form: FormState,
    value: Identifier,
    proceed: Rc<dyn Fn(Identifier)>,
) {
    if !form.begin() {
        return;
    }
    let experience = experience.clone();
    leptos::task::spawn_local(async move {
        journey::session().remember_identifier(&value);
        match experience.journeys().find_sso(&value.value).await {
            Ok(Some(choice)) => {
                if let Err(error) = identity_provider::single_sign_on(&experience, choice).await {
                    let message = journey::message(&experience, &error);
                    form.fail(Field::Form, message, false);
                }
            }
            _ => {
                form.end();
                proceed(value);
            }
        }
    });
}

/// "Your password has expired": on to the reset when the settings allow
/// one.
pub(super) fn password_expired(journey: &Journey, question: QuestionSignal, reset: bool) {
    let experience = &journey.experience;
    let navigate = journey.clone();
    question.set(Some(Question {
        message: experience.t("description.password_expired"),
        confirm: experience.t(if reset {
            "description.password_expiration_reset"
        } else {
            "action.got_it"
        }),
        cancel: None,
        on_confirm: Rc::new(move || {
            if reset {
                navigate.navigate("/forgot-password");
            }
        }),
        on_cancel: None,
    }));
}
