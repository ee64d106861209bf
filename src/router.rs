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
    /// The path the app is mounted under (`""`, or e.g. `/auth` when
    /// embedded): routes are matched without it, links carry it.
    static BASE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
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

/// Mounts the app under `base` (`/auth`; `""` or `/` for the root).
pub fn set_base(base: &str) {
    let base = base.trim_end_matches('/');
    let base = match base {
        "" => String::new(),
        base if base.starts_with('/') => base.to_owned(),
        base => format!("/{base}"),
    };
    BASE.with(|cell| *cell.borrow_mut() = base);
}

/// The path the app is mounted under (`""` at the root).
pub fn base() -> String {
    BASE.with(|cell| cell.borrow().clone())
}

/// `path` (an app route such as `/sign-in`, with its query) under the base.
pub fn with_base(path: &str) -> String {
    let base = base();
    if base.is_empty() || !path.starts_with('/') || within(path, &base) {
        path.to_owned()
    } else {
        format!("{base}{path}")
    }
}

/// Whether `path` is `base` or under it.
fn within(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
}

/// The app route of the address bar: the path without the base.
fn current_path() -> String {
    let path = window().location().pathname().unwrap_or_default();
    let base = base();
    match path.strip_prefix(base.as_str()) {
        Some("") => "/".to_owned(),
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        // Outside the base: no route of ours (the not-found page).
        _ => path,
    }
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
#[cfg(feature = "full")]
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
    // Only links into the experience: the embedding application's own
    // links are its business.
    if anchor.origin() != origin || !within(&anchor.pathname(), &base()) {
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
