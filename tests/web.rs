//! Components tested in headless Chromium with wasm-bindgen-test
//! (`make test` runs them through wasm-bindgen-test-runner and chromedriver).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use logto_experience::components::field::TextField;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let document = document();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

#[wasm_bindgen_test]
async fn text_field_is_labelled_and_bound_to_its_signal() {
    let root = container();
    let value = RwSignal::new("ada".to_string());
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <TextField name="identifier" label="Username" autocomplete="username" value=value /> }
    });
    leptos::task::tick().await;

    let input: HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let label = root.query_selector("label").unwrap().unwrap();
    assert_eq!(input.name(), "identifier");
    assert_eq!(input.value(), "ada");
    assert_eq!(
        input.get_attribute("autocomplete").as_deref(),
        Some("username")
    );
    assert_eq!(label.get_attribute("for").as_deref(), Some("identifier"));
    assert_eq!(label.text_content().as_deref(), Some("Username"));

    input.set_value("grace");
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
    assert_eq!(value.get_untracked(), "grace");

    value.set("hopper".to_string());
    leptos::task::tick().await;
    assert_eq!(input.value(), "hopper");
}

#[wasm_bindgen_test]
async fn text_field_error_is_an_alert_that_describes_the_input() {
    let root = container();
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TextField
                name="password"
                label="Password"
                autocomplete="current-password"
                input_type="password"
                value=value
                error=error
            />
        }
    });
    leptos::task::tick().await;
    let input = root.query_selector("input").unwrap().unwrap();
    assert_eq!(input.get_attribute("aria-invalid"), None);
    assert!(root.query_selector("[role=alert]").unwrap().is_none());

    error.set(Some("Incorrect password".to_string()));
    leptos::task::tick().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("password-error")
    );
    let alert = root.query_selector("#password-error").unwrap().unwrap();
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(alert.text_content().as_deref(), Some("Incorrect password"));

    error.set(None);
    leptos::task::tick().await;
    assert_eq!(input.get_attribute("aria-invalid"), None);
    assert!(root.query_selector("#password-error").unwrap().is_none());
}

/// The page reads JSON with the browser's parser: the same values as
/// serde_json's (the native tests' parser) for what Logto sends.
#[wasm_bindgen_test]
fn browser_json_parse_gives_serde_json_values() {
    use logto_experience::api::json::parse;
    let text = r#"{"a":[1,-2,3.5,"x\u00e9\ud83d\ude00",true,null],"b":{"c":"d","e":{}},
        "big":9007199254740992,"neg":-9007199254740992,"small":1e-7,"z":0}"#;
    let page = parse(text.as_bytes()).unwrap();
    let serde: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(page, serde);
    assert_eq!(page["a"][0].as_u64(), Some(1));
    assert_eq!(page["a"][1].as_i64(), Some(-2));
    // An integral number is an integer, however it is written.
    assert_eq!(parse(b"2e3").unwrap().as_u64(), Some(2000));
    assert_eq!(parse(b"-0").unwrap().as_u64(), Some(0));
    for bad in ["", "{", "{'a':1}", "[1,]", "nul", "\"\\x\""] {
        assert_eq!(parse(bad.as_bytes()), None, "{bad}");
    }
    // Not UTF-8.
    assert_eq!(parse(b"\"\xff\""), None);
}
