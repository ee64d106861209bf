//! Captcha in the browser: the provider's script, added once when the
//! settings enable captcha, and a token from it before the calls that need
//! one (`PUT /api/experience {captchaToken}`). Everything goes through
//! `js_sys::Reflect` on the provider's documented API (`turnstile.render`,
//! `grecaptcha.enterprise.render` / `execute`), so the build gains no
//! bindings; with captcha off, nothing runs but a branch.

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
/// provider runs invisibly or captcha is off).
pub fn widget(settings: &ExperienceSettings) -> Option<impl IntoView> {
    captcha::config(settings)
        .filter(|config| captcha::has_widget(config))
        .map(|_| view! { <div id=WIDGET_ID class="logto_captcha-box"></div> })
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A token from the provider: `Ok(None)` when captcha is off (or its
/// script did not load: the server then answers `session.captcha_required`),
/// `Err(())` when the provider reports an error.
pub async fn token(settings: &ExperienceSettings) -> Result<Option<String>, ()> {
    let Some(config) = captcha::config(settings) else {
        return Ok(None);
    };
    let window: JsValue = window().into();
    // The page's theme: dark when the settings allow it and the system is.
    let dark = settings.color.is_dark_mode_enabled
        && get(&window, "matchMedia")
            .dyn_into::<js_sys::Function>()
            .ok()
            .and_then(|match_media| {
                match_media
                    .call1(&window, &"(prefers-color-scheme: dark)".into())
                    .ok()
            })
            .is_some_and(|query| get(&query, "matches").is_truthy());
    let api = match config.captcha_type {
        CaptchaType::RecaptchaEnterprise => get(&get(&window, "grecaptcha"), "enterprise"),
        _ => get(&window, "turnstile"),
    };
    if api.is_undefined() {
        return Ok(None);
    }
    let site_key = JsValue::from_str(&config.site_key);
    let promise = if captcha::has_widget(config) {
        let Some(element) = document().get_element_by_id(WIDGET_ID) else {
            return Ok(None);
        };
        element.set_inner_html("");
        let Ok(render) = get(&api, "render").dyn_into::<js_sys::Function>() else {
            return Ok(None);
        };
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
            if let Err(error) = render.call2(&api, &element, &options) {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        })
    } else {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"action".into(), &"interaction".into());
        match get(&api, "execute")
            .dyn_into::<js_sys::Function>()
            .map(|execute| execute.call2(&api, &site_key, &options))
        {
            Ok(Ok(promise)) => js_sys::Promise::resolve(&promise),
            _ => return Err(()),
        }
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(token) => Ok(token.as_string().filter(|token| !token.is_empty())),
        Err(_) => Err(()),
    }
}
