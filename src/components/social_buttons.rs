//! "Continue with `<provider>`" buttons, from the settings' social
//! connectors, in their order; beyond [`VISIBLE_BUTTONS`] the rest is behind
//! "more".

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    components::form::FormState,
    context::use_experience,
    flow::{
        next_step::Field,
        social::{connector_logo, connector_name, web_connectors, VISIBLE_BUTTONS},
    },
    identity_provider::{self, Provider},
};

/// The buttons; `may_leave` is asked before leaving for the provider (the
/// page checks its terms box there) and `form` shows what went wrong.
#[component]
pub fn SocialButtons(form: FormState, may_leave: Rc<dyn Fn() -> bool>) -> impl IntoView {
    let experience = use_experience();
    let language = experience.i18n.language().to_owned();
    let dark_mode = experience.settings.color.is_dark_mode_enabled;
    let connectors = web_connectors(&experience.settings);
    let more = RwSignal::new(false);
    let overflow = connectors.len() > VISIBLE_BUTTONS;
    let buttons = connectors
        .iter()
        .enumerate()
        .map(|(index, connector)| {
            let name = connector_name(connector, &language).to_owned();
            let text = experience
                .i18n
                .t_with("action.sign_in_with", &[("name", name.into())]);
            let light = connector_logo(connector, false).to_owned();
            let dark = (dark_mode && connector.logo_dark.is_some())
                .then(|| connector_logo(connector, true).to_owned());
            let id = connector.id.clone();
            let experience = experience.clone();
            let may_leave = may_leave.clone();
            let go = move |_| {
                if !may_leave() || !form.begin() {
                    return;
                }
                let experience = experience.clone();
                let id = id.clone();
                leptos::task::spawn_local(async move {
                    let journeys = experience.journeys();
                    if let Err(error) =
                        identity_provider::start(&journeys, &id, Provider::Social).await
                    {
                        let message = crate::journey::message(&experience, &error);
                        form.fail(Field::Form, message, false);
                    }
                });
            };
            let hidden = overflow && index >= VISIBLE_BUTTONS - 1;
            view! {
                <button
                    type="button"
                    class="button secondary logto_social-button lgt_socialButton"
                    hidden=move || hidden && !more.get()
                    disabled=move || form.busy().get()
                    on:click=go
                >
                    <ConnectorLogo light dark />
                    <span class="lgt_name">{text}</span>
                </button>
            }
        })
        .collect::<Vec<_>>();
    let more_button = overflow.then(|| {
        let label = experience.t("logto_experience.more_options");
        view! {
            <button
                type="button"
                class="link"
                aria-expanded=move || more.get().to_string()
                hidden=move || more.get()
                on:click=move |_| more.set(true)
            >
                {label}
            </button>
        }
    });
    (!connectors.is_empty()).then(|| {
        view! { <div class="logto_social-list lgt_socialLinkList">{buttons} {more_button}</div> }
    })
}

/// A connector's logo, the dark one under a dark system theme; nothing
/// when the connector has none.
#[component]
pub fn ConnectorLogo(light: String, dark: Option<String>) -> impl IntoView {
    (!light.is_empty()).then(|| {
        let dark = dark.map(|dark| {
            view! { <source srcset=dark media="(prefers-color-scheme: dark)" /> }
        });
        view! { <picture>{dark} <img src=light alt="" width="20" height="20" /></picture> }
    })
}
