//! The bridge a native app's webview injects as `window.logtoNativeSdk`
//! (Logto's native SDKs; `packages/experience/src/utils/native-sdk.ts`):
//! read into [`NativeSdk`] through `js_sys::Reflect`, and the social
//! sign-in handed to the app with its `getPostMessage()`. The full build
//! only: the lite build hands a native webview over to it
//! (`handover::native_host`).

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::flow::native::{NativeMessage, NativeSdk};

fn bridge() -> Option<Object> {
    let value = Reflect::get(&leptos::prelude::window(), &"logtoNativeSdk".into()).ok()?;
    value.dyn_into::<Object>().ok()
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The app's bridge, when this page runs in a native app's webview.
pub fn read() -> Option<NativeSdk> {
    let bridge = bridge()?;
    let supported = field(&bridge, "supportedConnector");
    let targets = field(&supported, "nativeTargets");
    let native_targets = if Array::is_array(&targets) {
        Array::from(&targets)
            .iter()
            .filter_map(|target| target.as_string())
            .collect()
    } else {
        Vec::new()
    };
    let sdk = NativeSdk {
        platform: field(&bridge, "platform").as_string().unwrap_or_default(),
        callback_link: field(&bridge, "callbackLink")
            .as_string()
            .filter(|link| !link.is_empty()),
        can_post: field(&bridge, "getPostMessage").is_function(),
        universal: field(&supported, "universal").as_bool().unwrap_or(false),
        native_targets,
    };
    sdk.is_native_webview().then_some(sdk)
}

/// Hands `message` to the app: `getPostMessage()({callbackUri, redirectTo})`.
/// `false` when the bridge refused it.
pub fn post(message: &NativeMessage) -> bool {
    let Some(bridge) = bridge() else {
        return false;
    };
    let Ok(get) = field(&bridge, "getPostMessage").dyn_into::<Function>() else {
        return false;
    };
    let Ok(post) = get
        .call0(&bridge)
        .and_then(|post| post.dyn_into::<Function>())
    else {
        return false;
    };
    let data = Object::new();
    let set = |name: &str, value: &str| Reflect::set(&data, &name.into(), &value.into()).is_ok();
    set("callbackUri", &message.callback_uri)
        && set("redirectTo", &message.redirect_to)
        && post.call1(&JsValue::NULL, &data).is_ok()
}
