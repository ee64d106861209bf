//! "Continue with `<provider>`" buttons, from the settings' social
//! connectors, in their order, every one shown as on Logto's page
//! (docs/drop-in.md §11.2).

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    components::{form::FormState, terms::TermsGate},
    context::use_experience,
    flow::{
        next_step::Field,
        social::{connector_logo, connector_name, offered_connectors},
    },
    identity_provider::{self, Provider},
};

/// The buttons; the page's terms `gate` is passed before leaving for the
/// provider and `form` shows what went wrong.
#[component]
pub fn SocialButtons(form: FormState, gate: TermsGate) -> impl IntoView {
    let experience = use_experience();
    let language = experience.i18n.language().to_owned();
    let dark_mode = experience.settings.color.is_dark_mode_enabled;
    // Inside a native app's webview: its connectors, handed to the app.
    #[cfg(feature = "full")]
    let native = crate::native_sdk::read();
    #[cfg(not(feature = "full"))]
    let native = None::<crate::flow::native::NativeSdk>;
    let connectors = offered_connectors(&experience.settings, native.as_ref());
    let buttons = connectors
        .iter()
        .map(|connector| {
            let name = connector_name(connector, &language).to_owned();
            let text = experience
                .i18n
                .t_with("action.sign_in_with", &[("name", name.into())]);
            let light = connector_logo(connector, false).to_owned();
            let dark = (dark_mode && connector.logo_dark.is_some())
                .then(|| connector_logo(connector, true).to_owned());
            let connector = (*connector).clone();
            let native = native.clone();
            let experience = experience.clone();
            let go = move |_| {
                let leave = {
                    let experience = experience.clone();
                    let connector = connector.clone();
                    let native = native.clone();
                    move || {
                        if !form.begin() {
                            return;
                        }
                        let experience = experience.clone();
                        let connector = connector.clone();
                        let native = native.clone();
                        leptos::task::spawn_local(async move {
                            let journeys = experience.journeys();
                            let started = match &native {
                                #[cfg(feature = "full")]
                                Some(sdk) => {
                                    let started =
                                        identity_provider::start_native(&journeys, &connector, sdk)
                                            .await;
                                    // The app takes over: the page waits for
                                    // its return, ready for another try.
                                    if started.is_ok() {
                                        form.end();
                                    }
                                    started
                                }
                                _ => {
                                    identity_provider::start(
                                        &journeys,
                                        &connector.id,
                                        Provider::Social,
                                    )
                                    .await
                                }
                            };
                            if let Err(error) = started {
                                let message = crate::journey::message(&experience, &error);
                                form.fail(Field::Form, message, false);
                            }
                        });
                    }
                };
                gate.then(&experience, Rc::new(leave));
            };
            // `_disabled` too, as Logto marks them while one is busy.
            let disabled = move || form.busy().get();
            view! {
                <button
                    type="button"
                    class="button secondary logto_social-button lgt_button lgt_secondary lgt_large lgt_socialButton"
                    class:lgt_disabled=disabled
                    disabled=disabled
                    on:click=go
                >
                    <ConnectorLogo light dark />
                    <span class="lgt_name">{text}</span>
                </button>
            }
        })
        .collect::<Vec<_>>();
    (!connectors.is_empty()).then(|| {
        view! { <div class="logto_social-list lgt_socialLinkList">{buttons}</div> }
    })
}

/// A connector's logo, the dark one under a dark system theme; a generic
/// icon when the connector has none (or it cannot be loaded), so that
/// every button of the list has one.
#[component]
pub fn ConnectorLogo(light: String, dark: Option<String>) -> impl IntoView {
    let failed = RwSignal::new(light.is_empty());
    move || {
        if failed.get() {
            return super::icon::icon(super::icon::GLOBE).into_any();
        }
        let dark = dark.clone().map(|dark| {
            view! { <source srcset=dark media="(prefers-color-scheme: dark)" /> }
        });
        view! {
            <picture>
                {dark}
                <img
                    src=light.clone()
                    alt=""
                    width="20"
                    height="20"
                    on:error=move |_| failed.set(true)
                />
            </picture>
        }
        .into_any()
    }
}
