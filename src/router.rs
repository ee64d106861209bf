//! Client-side navigation: the current path as a signal, `history`
//! navigation, and same-origin link clicks kept in the app.
//!
//! The experience has flat routes without parameters or nesting, so a
//! `match` on the path ([`crate::app`]) does the routing. A router crate's
//! statically typed route tree and matching cost more bytes than the whole
//! of this module, on a page with a strict size budget.

use leptos::{ev, prelude::*, wasm_bindgen::JsCast};

/// The current location, provided by [`Router`].
#[derive(Clone, Copy)]
pub struct Location {
    /// `location.pathname`.
    pub path: ReadSignal<String>,
}

thread_local! {
    /// The router's path setter: navigations start in handlers and tasks,
    /// which have no reactive context to look it up in.
    static SET_PATH: std::cell::Cell<Option<WriteSignal<String>>> =
        const { std::cell::Cell::new(None) };
}

fn update_path() {
    if let Some(set_path) = SET_PATH.with(std::cell::Cell::get) {
        set_path.set(current_path());
    }
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The [`Location`] of the app.
pub fn use_location() -> Location {
    expect_context()
}

/// Goes to `href` (a path with its query) in the app: a new history entry,
/// or the current one replaced.
pub fn navigate(href: &str, replace: bool) {
    let Ok(history) = window().history() else {
        let _ = window().location().set_href(href);
        return;
    };
    let pushed = if replace {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
    };
    if pushed.is_err() {
        let _ = window().location().set_href(href);
        return;
    }
    update_path();
    // A new page starts at the top, as after a page load.
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Rewrites the address bar to `href` (same page) without a new history
/// entry or a re-render: for dropping one-time parameters such as an
/// authorization code.
pub fn rewrite_address(href: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

/// Whether a click on `anchor` should stay in the app: a plain left click
/// on a same-origin link without `target` or `download`.
fn in_app_link(event: &ev::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let origin = window().location().origin().ok()?;
    if anchor.origin() != origin {
        return None;
    }
    Some(format!(
        "{}{}{}",
        anchor.pathname(),
        anchor.search(),
        anchor.hash()
    ))
}

/// Provides the [`Location`], follows the browser's back and forward
/// buttons and keeps same-origin link clicks in the app.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let (path, set_path) = signal(current_path());
    provide_context(Location { path });
    SET_PATH.with(|cell| cell.set(Some(set_path)));
    let popstate = window_event_listener(ev::popstate, move |_| update_path());
    let clicks = window_event_listener(ev::click, move |event| {
        if let Some(href) = in_app_link(&event) {
            event.prevent_default();
            navigate(&href, false);
        }
    });
    on_cleanup(move || {
        SET_PATH.with(|cell| cell.set(None));
        popstate.remove();
        clicks.remove();
    });
    children()
}

/// Replaces the current entry with `path` as soon as it renders.
#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    // After the render that asked for it, not during it.
    Effect::new(move || navigate(&path, true));
}
