//! The way from one sign-in factor's page (password, code, passkey) to the
//! identifier's other factors, as Logto's `SwitchToVerificationMethodsLink`
//! offers it: "Try another method to verify" (the chooser) when there are
//! more than two, else "Sign in with …" the other one.

use leptos::prelude::*;

use crate::{
    api::Identifier,
    components::form::FormState,
    flow::{
        landing::{self, Factor, Switch},
        route::CodeFlow,
    },
    journey::{use_journey, Journey},
};

/// Starts `factor` for `identifier`: the password page, a code sent (its
/// page next), or the person's passkeys found (the passkey page next).
pub fn start(journey: &Journey, form: FormState, identifier: Identifier, factor: Factor) {
    crate::journey::session().remember_identifier(&identifier);
    if factor == Factor::Password {
        return journey.navigate("/sign-in/password");
    }
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        match factor {
            Factor::Code => {
                journey
                    .send_code_and_go(form, CodeFlow::SignIn, identifier, "/sign-in")
                    .await;
            }
            // The lite build serves no passkeys (`flow::lite`).
            #[cfg(not(feature = "full"))]
            _ => form.end(),
            #[cfg(feature = "full")]
            _ => match journey.journeys().passkey_challenge(&identifier).await {
                Ok(_) => {
                    form.end();
                    journey.navigate("/sign-in/passkey");
                }
                Err(error) => form.fail(
                    crate::flow::next_step::Field::Form,
                    journey.message(&error),
                    false,
                ),
            },
        }
    });
}

/// The switch on the page of factor `current` (nothing when the identifier
/// has no other factor).
#[component]
pub fn MethodSwitch(identifier: Identifier, current: Factor, form: FormState) -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let has_passkey = journey.journeys().has_passkey();
    let kind = identifier.identifier_type.clone();
    let switch = landing::switch(&experience.settings, &kind, has_passkey, current)?;
    let t = |key: &str| experience.t(key);
    Some(match switch {
        Switch::Chooser => view! {
            <a href=experience
                .href(
                    "/sign-in/verification-methods",
                )>{t("mfa.try_another_verification_method")}</a>
        }
        .into_any(),
        Switch::To(Factor::Password) => view! { <a href=experience.href("/sign-in/password")>{t("action.sign_in_via_password")}</a> }
        .into_any(),
        Switch::To(factor) => {
            let text = t(match factor {
                Factor::Passkey => "action.sign_in_via_passkey",
                _ => "action.sign_in_via_passcode",
            });
            // A link on Logto's page (automation clicks `a` "Sign in with
            // verification code").
            view! {
                <crate::components::action_link::ActionLink
                    class="link"
                    text
                    disabled=form.busy()
                    on_press=move || start(&journey, form, identifier.clone(), factor)
                />
            }
            .into_any()
        }
    })
}
