//! Each path's first load carries the sign-in pages only, for the common
//! settings (the "lite" build, without the `full` feature). The other
//! routes, and the sign-in features only some settings enable (passkeys,
//! captcha, One Tap, SSO on an email: `flow::lite`), are in the full build,
//! which the loader in `Trunk.toml` starts directly for deep links and for
//! such settings when Logto injected them into the page (`needsFull`, the
//! same rule), and on request: the lite app unmounts itself and calls
//! `window.__logtoUpgrade()`, and the full app mounts into the same `#app`.
//! Nothing is lost on the way: a flow's state is in session storage and on
//! the server, and the settings are read again (injected, or requested in
//! parallel with the download).

use std::{any::Any, cell::RefCell};

#[cfg(not(feature = "full"))]
use leptos::prelude::*;

thread_local! {
    /// The mounted app (its unmount handle), dropped to hand over.
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Keeps the mounted app's handle until [`to_full`] drops it.
#[cfg(target_arch = "wasm32")]
pub fn keep_mounted(handle: Box<dyn Any>) {
    MOUNTED.with(|mounted| *mounted.borrow_mut() = Some(handle));
}

/// Hands the page over to the full build: unmounts this app once the
/// current render is over (its listeners go with it), then asks the loader
/// to start the full build. Shows the loading state meanwhile.
#[cfg(not(feature = "full"))]
pub fn to_full() -> AnyView {
    leptos::task::spawn_local(async {
        let handle = MOUNTED.with(|mounted| mounted.borrow_mut().take());
        drop(handle);
        let upgrade = js_sys::Reflect::get(&window(), &"__logtoUpgrade".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        match upgrade {
            Some(upgrade) => {
                let _ = upgrade.call0(&wasm_bindgen::JsValue::NULL);
            }
            // No loader (an embedding without the full build): a page
            // load asks the server, whose page has every route.
            None => {
                let _ = window().location().reload();
            }
        }
    });
    view! { <div class="logto_loading" aria-busy="true"></div> }.into_any()
}

/// Whether a native app's webview announces itself (`window.logtoNativeSdk`):
/// its connectors and bridge are the full build's (`native_sdk`), so the
/// page is handed over at once.
#[cfg(not(feature = "full"))]
pub fn native_host() -> bool {
    js_sys::Reflect::get(&window(), &"logtoNativeSdk".into()).is_ok_and(|sdk| sdk.is_object())
}

/// Starts downloading the full build (once; the loader keeps it), for a
/// page this build does not have that is about to open: after a code is
/// sent, the code page downloads while the person reads their messages.
#[cfg(not(feature = "full"))]
pub fn prefetch() {
    use leptos::wasm_bindgen::JsCast;
    if let Ok(prefetch) = js_sys::Reflect::get(&window(), &"__logtoPrefetch".into()) {
        if let Ok(prefetch) = prefetch.dyn_into::<js_sys::Function>() {
            let _ = prefetch.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// The full build has every page: nothing to fetch.
#[cfg(feature = "full")]
pub fn prefetch() {}

/// Starts downloading the full build as soon as the person points at or
/// focuses a link to a route this build does not have, so that the
/// handover after the click is (nearly) instant. Costs nothing to people
/// who only sign in.
#[cfg(not(feature = "full"))]
pub fn prefetch_on_intent() {
    use leptos::{ev, wasm_bindgen::JsCast};
    let intent = move |target: Option<web_sys::EventTarget>| {
        let anchor = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let Some(anchor) = anchor else { return };
        if !crate::flow::route::Route::parse(&anchor.pathname()).is_lite() {
            prefetch();
        }
    };
    let pointer = window_event_listener(ev::pointerover, move |event| intent(event.target()));
    let focus = window_event_listener(ev::focusin, move |event| intent(event.target()));
    on_cleanup(move || {
        pointer.remove();
        focus.remove();
    });
}
