//! The experience inside another application: as a Leptos component
//! ([`LogtoExperience`]) mounted at a route such as `/auth/*`, or as the
//! `<logto-sign-in>` custom element (`embed/logto-sign-in.js` defines it
//! and calls [`mount_element`]).
//!
//! ```ignore
//! use logto_experience::embed::{LogtoExperience, Options};
//!
//! let options = Options {
//!     base_path: "/auth".into(),
//!     app_id: Some("my-app".into()),
//!     ..Options::default()
//! };
//! view! { <LogtoExperience options /> }
//! ```
//!
//! The page must still be served from Logto's origin (or a proxy in front
//! of it, such as `logto-host`): the interaction cookie is same-origin.

use leptos::prelude::*;

use crate::{api::ExperienceSettings, App};

/// How the embedded experience is set up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Where Logto's API is: `""` for this page's origin (the usual case,
    /// behind a proxy), or an origin such as `https://auth.example.com`
    /// (which must then allow this page's origin with credentials).
    pub api_base: String,
    /// The path the experience is mounted under, e.g. `/auth`; its routes
    /// become `/auth/sign-in`, `/auth/callback/<id>`, ... `""` for the root.
    pub base_path: String,
    /// The application signing in, when the URL has no `app_id`.
    pub app_id: Option<String>,
    /// The language (`ui_locales`), when the URL has none; else Logto's
    /// own negotiation.
    pub language: Option<String>,
    /// Colours that replace the settings' own.
    pub theme: Theme,
}

/// Overrides of the sign-in experience's branding colours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    /// `#rrggbb`, the light theme's brand colour.
    pub primary_color: Option<String>,
    /// `#rrggbb`, the dark theme's brand colour.
    pub dark_primary_color: Option<String>,
    /// Follow the system's dark mode (`Some(true)`) or never
    /// (`Some(false)`).
    pub dark_mode: Option<bool>,
}

/// Whether the experience runs inside another application's page (then it
/// leaves that page's title and icons alone).
pub(crate) fn embedded() -> bool {
    use_context::<Options>().is_some()
}

/// Applies the embedding's theme to freshly loaded settings.
pub(crate) fn apply_theme(theme: &Theme, settings: &mut ExperienceSettings) {
    let color = &mut settings.color;
    if let Some(primary) = &theme.primary_color {
        color.primary_color = primary.clone();
    }
    if let Some(dark) = &theme.dark_primary_color {
        color.dark_primary_color = dark.clone();
    }
    if let Some(dark_mode) = theme.dark_mode {
        color.is_dark_mode_enabled = dark_mode;
    }
}

/// The experience under `options`: the app reads them from its context
/// (the API's origin, the theme); the base path and the query defaults are
/// the page's own, process-wide (one experience per page), since links and
/// navigations outside any reactive owner read them too.
fn configured(options: Options) -> impl IntoView {
    crate::router::set_base(&options.base_path);
    crate::session::default_query(options.app_id.as_deref(), options.language.as_deref());
    provide_context(options);
    view! { <App /> }
}

/// The whole experience, for a Leptos application's route (e.g. every path
/// under `/auth`).
#[component]
pub fn LogtoExperience(options: Options) -> impl IntoView {
    configured(options)
}

/// Mounts the experience into `element` with the options of the custom
/// element's attributes (`{basePath, apiBase, appId, lang, primaryColor,
/// darkPrimaryColor}`, strings; missing ones are defaults).
#[cfg(all(target_arch = "wasm32", feature = "full"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_element(element: web_sys::HtmlElement, options: wasm_bindgen::JsValue) {
    let get = |key: &str| {
        js_sys::Reflect::get(&options, &key.into())
            .ok()
            .and_then(|value| value.as_string())
            .filter(|value| !value.is_empty())
    };
    let options = Options {
        api_base: get("apiBase").unwrap_or_default(),
        base_path: get("basePath").unwrap_or_default(),
        app_id: get("appId"),
        language: get("lang"),
        theme: Theme {
            primary_color: get("primaryColor"),
            dark_primary_color: get("darkPrimaryColor"),
            dark_mode: get("darkMode").map(|value| value != "false"),
        },
    };
    leptos::mount::mount_to(element, move || configured(options)).forget();
}
