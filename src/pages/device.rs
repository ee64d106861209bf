//! `/device`: the person types the code a TV or a CLI shows, which signs
//! that device in; `/device/success` afterwards. Logto's `pages/Device`:
//! the code goes to the OIDC provider's `POST /oidc/device` with the xsrf
//! secret from the `_logto_device_flow_xsrf` cookie, and the provider
//! answers with redirects (back here with an error, or on to sign-in).

use leptos::prelude::*;

use crate::{
    components::{
        field::TextField,
        form::{FormAlert, FormState, SubmitButton},
    },
    context::use_experience,
    flow::{
        device::{self, Answer},
        next_step::Field,
    },
    journeys::Key,
    session::query_param,
    shell::PageHeading,
};

const XSRF_COOKIE: &str = "_logto_device_flow_xsrf";

/// The xsrf secret the provider left in a cookie (path `/device`).
fn xsrf() -> Option<String> {
    crate::session::cookie(&crate::session::document_cookie(), XSRF_COOKIE)
}

/// `POST /oidc/device` by `fetch`, following the provider's redirect.
async fn submit(path: &str, body: String) -> Answer {
    let origin = window().location().origin().unwrap_or_default();
    let sent = gloo_net::http::Request::post(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
    let response = match sent {
        Ok(request) => request.send().await,
        Err(error) => Err(error),
    };
    let Ok(response) = response else {
        return Answer::Failed {
            invalid_session: false,
        };
    };
    let url = response.url();
    let redirected = response.redirected().then_some(url.as_str());
    let error = if response.ok() || redirected.is_some() {
        None
    } else {
        response
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|body| body.get("error")?.as_str().map(str::to_owned))
    };
    device::answer(&origin, redirected, response.ok(), error.as_deref())
}

/// `/device`.
#[component]
pub fn Device() -> impl IntoView {
    let experience = use_experience();
    let Some(xsrf) = xsrf() else {
        return view! { <PageHeading text=experience.t("error.invalid_session") /> }.into_any();
    };
    let search = window().location().search().unwrap_or_default();
    let confirming = query_param(&search, "user_code");
    let error = query_param(&search, "error");
    let initial = confirming
        .clone()
        .or_else(|| query_param(&search, "input_code"))
        .map(|code| device::display_code(&code))
        .unwrap_or_default();
    let code = RwSignal::new(initial);
    // Shown in upper case as typed, like Logto's page.
    Effect::new(move || {
        let typed = code.get();
        let shown = device::display_code(&typed);
        if shown != typed {
            code.set(shown);
        }
    });
    let form = FormState::new().input(Field::Code, "device_user_code", code);
    let server_error = confirming
        .is_none()
        .then(|| device::error_key(error.as_deref()))
        .flatten();
    if let Some(key) = server_error {
        form.fail(Field::Code, experience.t(key), false);
    }
    if confirming.is_none() && error.as_deref() == Some("InvalidRequest") {
        form.fail(Field::Form, experience.t("error.invalid_session"), false);
    }
    let description = if server_error.is_some() {
        "description.device_activation_error_description"
    } else {
        "description.device_activation_description"
    };
    let on_submit = {
        let experience = experience.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = code.get_untracked();
            if !device::has_code(&typed) {
                return form.fail(
                    Field::Code,
                    experience.t("error.device_code_required"),
                    false,
                );
            }
            if !form.begin() {
                return;
            }
            let experience = experience.clone();
            let xsrf = xsrf.clone();
            leptos::task::spawn_local(async move {
                let session = crate::journeys::Session::browser();
                let shared: Vec<(&str, Option<String>)> = [
                    ("app_id", Key::AppId),
                    ("organization_id", Key::OrganizationId),
                    ("ui_locales", Key::UiLocales),
                ]
                .into_iter()
                .map(|(name, key)| (name, session.get(key)))
                .collect();
                let path = device::submit_path(&shared);
                match submit(&path, device::request_body(&typed, &xsrf)).await {
                    Answer::Device(to) => {
                        form.end();
                        crate::router::navigate(&to, true);
                    }
                    Answer::Leave(to) => {
                        let _ = window().location().assign(&to);
                    }
                    Answer::Success => {
                        form.end();
                        crate::router::navigate("/device/success", true);
                    }
                    Answer::Failed { invalid_session } => {
                        let key = if invalid_session {
                            "error.invalid_session"
                        } else {
                            "error.something_went_wrong"
                        };
                        form.fail(Field::Form, experience.t(key), false);
                    }
                }
            });
        }
    };
    view! {
        <PageHeading text=experience.t("description.device_activation") />
        <p class="secondary">{experience.t(description)}</p>
        <form on:submit=on_submit novalidate>
            <TextField
                name="device_user_code"
                label=experience.t("input.code")
                autocomplete="one-time-code"
                value=code
                error=form.error(Field::Code)
            />
            <FormAlert form />
            <SubmitButton form text=experience.t("action.continue") />
        </form>
    }
    .into_any()
}

/// `/device/success`.
#[component]
pub fn DeviceSuccess() -> impl IntoView {
    let experience = use_experience();
    view! {
        <div class="logto_centered">
            <div class="logto_success-mark" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="32" height="32">
                    <path
                        d="M5 12.5l4.5 4.5L19 7.5"
                        fill="none"
                        stroke="currentColor"
                        stroke-width="2.5"
                        stroke-linecap="round"
                        stroke-linejoin="round"
                    />
                </svg>
            </div>
            <PageHeading text=experience.t("description.device_activation_success") />
            <p class="secondary">
                {experience.t("description.device_activation_success_description")}
            </p>
        </div>
    }
}
