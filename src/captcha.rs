//! Captcha in the browser: the provider's script, added once when the
//! settings enable captcha, and a token from it before the calls that need
//! one (`PUT /api/experience {captchaToken}`). Everything goes through
//! `js_sys::Reflect` on the provider's documented API (`turnstile.render`,
//! `grecaptcha.enterprise.ready` / `render` / `execute`), so the build gains no
//! bindings; with captcha off, nothing runs but a branch.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::{
    api::settings::{CaptchaType, ExperienceSettings},
    flow::captcha,
};

/// The element the widget renders into.
pub const WIDGET_ID: &str = "captcha-box";
const SCRIPT_ID: &str = "captcha-script";

/// Adds the provider's script to the page, once.
pub fn load(settings: &ExperienceSettings) {
    let Some(config) = captcha::config(settings) else {
        return;
    };
    let document = document();
    if document.get_element_by_id(SCRIPT_ID).is_some() {
        return;
    }
    let (Ok(script), Some(body)) = (document.create_element("script"), document.body()) else {
        return;
    };
    let _ = script.set_attribute("id", SCRIPT_ID);
    let _ = script.set_attribute("async", "");
    let _ = script.set_attribute("src", &captcha::script_url(config));
    let _ = body.append_child(&script);
}

/// Where the widget shows, in forms that need a token (nothing when the
/// provider runs invisibly or captcha is off). A Turnstile widget keeps
/// running (refreshing its token) until removed: it goes with its form.
pub fn widget(settings: &ExperienceSettings) -> Option<impl IntoView> {
    captcha::config(settings)
        .filter(|config| captcha::has_widget(config))
        .map(|_| {
            on_cleanup(remove_rendered);
            view! { <div id=WIDGET_ID class="logto_captcha-box"></div> }
        })
}

thread_local! {
    /// The Turnstile widget rendered last (its id from `turnstile.render`).
    static RENDERED: Cell<Option<String>> = const { Cell::new(None) };
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn function(target: &JsValue, key: &str) -> Option<js_sys::Function> {
    get(target, key).dyn_into().ok()
}

/// `turnstile.remove(id)` for the widget rendered last, if any: Turnstile
/// wants each widget removed before another takes its place.
fn remove_rendered() {
    let Some(id) = RENDERED.with(Cell::take) else {
        return;
    };
    let api = get(&window().into(), "turnstile");
    if let Some(remove) = function(&api, "remove") {
        let _ = remove.call1(&api, &JsValue::from_str(&id));
    }
}

/// The provider's API object, once usable: reCAPTCHA Enterprise's script
/// defines `grecaptcha.enterprise.ready` first and the rest when loaded,
/// so `execute` and `render` wait for `ready`'s callback.
async fn provider(captcha_type: &CaptchaType) -> Option<JsValue> {
    let window: JsValue = window().into();
    if *captcha_type != CaptchaType::RecaptchaEnterprise {
        return Some(get(&window, "turnstile")).filter(|api| !api.is_undefined());
    }
    let enterprise = |window: &JsValue| get(&get(window, "grecaptcha"), "enterprise");
    let ready = function(&enterprise(&window), "ready")?;
    let api = enterprise(&window);
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        if let Err(error) = ready.call1(&api, &done) {
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    });
    wasm_bindgen_futures::JsFuture::from(loaded).await.ok()?;
    Some(enterprise(&window)).filter(|api| !api.is_undefined())
}

/// A token from the provider: `Ok(None)` when captcha is off (or its
/// script did not load: the server then answers `session.captcha_required`),
/// `Err(())` when the provider reports an error. Each call renders a new
/// widget (or executes anew): tokens are single-use.
pub async fn token(settings: &ExperienceSettings) -> Result<Option<String>, ()> {
    let Some(config) = captcha::config(settings) else {
        return Ok(None);
    };
    let window: JsValue = window().into();
    // The page's theme: dark when the settings allow it and the system is.
    let dark = settings.color.is_dark_mode_enabled
        && function(&window, "matchMedia")
            .and_then(|match_media| {
                match_media
                    .call1(&window, &"(prefers-color-scheme: dark)".into())
                    .ok()
            })
            .is_some_and(|query| get(&query, "matches").is_truthy());
    let Some(api) = provider(&config.captcha_type).await else {
        return Ok(None);
    };
    let site_key = JsValue::from_str(&config.site_key);
    let promise = if captcha::has_widget(config) {
        let document = document();
        let Some(container) = document.get_element_by_id(WIDGET_ID) else {
            return Ok(None);
        };
        let Some(render) = function(&api, "render") else {
            return Ok(None);
        };
        // The previous widget goes, and the new one gets an element of its
        // own: reCAPTCHA refuses to render twice into the same element.
        remove_rendered();
        container.set_inner_html("");
        let Ok(element) = document.create_element("div") else {
            return Ok(None);
        };
        let _ = container.append_child(&element);
        let is_turnstile = config.captcha_type != CaptchaType::RecaptchaEnterprise;
        js_sys::Promise::new(&mut |resolve, reject| {
            let options = js_sys::Object::new();
            let set = |key: &str, value: &JsValue| {
                let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), value);
            };
            set("sitekey", &site_key);
            set(
                "theme",
                &JsValue::from_str(if dark { "dark" } else { "light" }),
            );
            if is_turnstile {
                set("size", &JsValue::from_str("flexible"));
            }
            set(
                "callback",
                &Closure::once_into_js(move |token: JsValue| {
                    let _ = resolve.call1(&JsValue::NULL, &token);
                }),
            );
            let failed = reject.clone();
            set(
                "error-callback",
                &Closure::once_into_js(move |code: JsValue| {
                    let _ = failed.call1(&JsValue::NULL, &code);
                }),
            );
            match render.call2(&api, &element, &options) {
                Ok(id) if is_turnstile => RENDERED.with(|rendered| rendered.set(id.as_string())),
                Ok(_) => {}
                Err(error) => {
                    let _ = reject.call1(&JsValue::NULL, &error);
                }
            }
        })
    } else {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"action".into(), &"interaction".into());
        match function(&api, "execute").map(|execute| execute.call2(&api, &site_key, &options)) {
            Some(Ok(promise)) => js_sys::Promise::resolve(&promise),
            _ => return Err(()),
        }
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(token) => Ok(token.as_string().filter(|token| !token.is_empty())),
        Err(_) => Err(()),
    }
}
