//! A sign-in experience for Logto: a Leptos single-page application that
//! reads the sign-in experience settings and phrases and drives Logto's
//! Experience API.
//!
//! Three ways to use the crate:
//! - **The page**, as built into `dist/` (`src/main.rs` calls
//!   [`mount_to_app`]): Logto's sign-in page, swapped in.
//! - **Embedded** in a Leptos application under a path of its own:
//!   [`embed::LogtoExperience`] (see `examples/leptos-app`).
//! - **Headless**, with views of one's own: [`journeys::Journeys`] runs
//!   every Experience API call sequence and returns an
//!   [`Outcome`](journeys::Outcome) to render; [`api`] is the typed client
//!   under it and [`i18n`] gives Logto's texts (see `examples/headless`).
//!
//! Everything else is the page's own and private. The map of the modules
//! is in `docs/architecture.md`.

// The page is built with `panic = immediate-abort`: a panic stops it
// without a word, and nobody signs in. Outside tests, nothing may unwrap,
// expect, panic, index or slice unchecked, or do arithmetic that can
// overflow; an exception is allowed in place, with its reason.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]
// The lite build (no `full` feature) is a subset of the full one: what only
// the full build's pages use is unused there, and the full build's own
// dead-code check is the one that counts.
#![cfg_attr(not(feature = "full"), allow(dead_code))]

pub mod api;
pub(crate) mod app;
#[cfg(feature = "full")]
pub(crate) mod captcha;
/// The lite build serves no captcha ([`flow::lite`]): nothing to load, show
/// or solve.
#[cfg(not(feature = "full"))]
pub(crate) mod captcha {
    use crate::api::ExperienceSettings;

    pub fn load(_: &ExperienceSettings) {}

    pub fn widget(_: &ExperienceSettings) -> Option<()> {
        None
    }

    pub async fn token(_: &ExperienceSettings) -> Result<Option<String>, ()> {
        Ok(None)
    }
}
pub mod components;
pub(crate) mod context;
pub mod embed;
pub(crate) mod flow;
pub(crate) mod handover;
pub mod i18n;
pub(crate) mod identity_provider;
pub(crate) mod journey;
pub mod journeys;
#[cfg(feature = "full")]
pub(crate) mod native_sdk;
pub(crate) mod pages;
pub(crate) mod phone;
pub(crate) mod router;
pub(crate) mod session;
pub(crate) mod shell;
pub(crate) mod theme;
#[cfg(feature = "full")]
pub(crate) mod webauthn;

/// The page's internals that the fuzz targets (`fuzz/`) drive directly;
/// not an API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub mod phone {
        pub use crate::phone::*;
    }
    pub mod session {
        pub use crate::session::*;
    }
    pub mod redirect {
        pub use crate::flow::redirect::*;
    }
    pub mod format {
        pub use crate::i18n::format::*;
    }
    pub mod plural {
        pub use crate::i18n::plural::*;
    }
}

pub use app::App;

/// Mounts the experience into the `#app` element of the page, as Logto's own
/// page does, so that operators' custom CSS and scripts keep working.
#[cfg(target_arch = "wasm32")]
pub fn mount_to_app() {
    use wasm_bindgen::JsCast;
    // Without `#app`, the page embeds the experience (the custom element
    // mounts it with `embed::mount_element`).
    let Some(root) = leptos::prelude::document().get_element_by_id("app") else {
        return;
    };
    let handle = leptos::mount::mount_to(root.unchecked_into(), App);
    // Kept so that the page can be handed over to the full build.
    handover::keep_mounted(Box::new(handle));
}

/// Native builds (host tests, tooling) have no DOM to mount into.
#[cfg(not(target_arch = "wasm32"))]
pub fn mount_to_app() {}
