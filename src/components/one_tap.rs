//! Google One Tap on the sign-in and registration pages: Google's script
//! and its `#g_id_onload` element, as Logto's page renders them
//! (`components/GoogleOneTap`). Google's prompt posts the credential to
//! the connector's callback page, which signs the person in.

use leptos::prelude::*;

use crate::{
    flow::one_tap::{self, SCRIPT},
    identity_provider::callback_uri,
    journey::use_journey,
};

/// Adds the widget while the page is shown, when the settings enable One
/// Tap. Both elements go when the page does, so that the script runs again
/// (and reads the element again) on the next page that has it.
#[component]
pub fn GoogleOneTap(context: &'static str) -> impl IntoView {
    let journey = use_journey();
    let settings = &journey.experience.settings;
    let Some(attributes) = one_tap::widget(settings, context, callback_uri) else {
        return;
    };
    let document = document();
    let (Some(head), Some(body)) = (document.head(), document.body()) else {
        return;
    };
    let (Ok(script), Ok(onload)) = (
        document.create_element("script"),
        document.create_element("div"),
    ) else {
        return;
    };
    let _ = script.set_attribute("src", SCRIPT);
    let _ = script.set_attribute("async", "");
    let _ = onload.set_attribute("id", "g_id_onload");
    for (name, value) in &attributes {
        let _ = onload.set_attribute(name, value);
    }
    // The element first: the script reads it when it has loaded.
    let _ = body.append_child(&onload);
    let _ = head.append_child(&script);
    let elements = StoredValue::new_local([script, onload]);
    on_cleanup(move || {
        elements.try_with_value(|elements| elements.iter().for_each(web_sys::Element::remove));
    });
}
