//! `POST /api/experience/profile {type: "extraProfile"}` as Logto 1.42's
//! `ProfileValidator.validateAndParseCustomProfile` does it: reserved keys
//! are `name_conflict_*` errors, a wrongly typed built-in key is core's bare
//! 500, and the values are staged split into `name`, `avatar`, `profile`
//! and `customData`.

mod common;

use axum::http::StatusCode;
use common::{config, Browser};
use serde_json::{json, Value};

fn extra_fields() -> Value {
    json!({"customProfileFields": [
        {"name": "nickname", "type": "Text", "required": true},
        {"name": "age", "type": "Number", "required": false},
    ]})
}

/// A registration with a username and password staged.
async fn registering(username: &str) -> Browser {
    let mut browser = Browser::new(config(extra_fields()));
    browser.begin("Register").await;
    for body in [
        json!({"type": "username", "value": username}),
        json!({"type": "password", "value": "Fresh-Passw0rd!"}),
    ] {
        let staged = browser.api("POST", "/profile", body).await;
        assert_eq!(staged.status, StatusCode::NO_CONTENT, "{}", staged.text);
    }
    browser
}

async fn extra(browser: &mut Browser, values: Value) -> common::Response {
    browser
        .api(
            "POST",
            "/profile",
            json!({"type": "extraProfile", "values": values}),
        )
        .await
}

#[tokio::test]
async fn reserved_keys_are_name_conflicts_in_logtos_order() {
    let mut browser = registering("conflicts").await;
    for (values, code) in [
        (
            json!({"preferredUsername": "ada"}),
            "custom_profile_fields.name_conflict_built_in_prop",
        ),
        // The built-in check comes first.
        (
            json!({"username": "ada", "preferredUsername": "ada"}),
            "custom_profile_fields.name_conflict_built_in_prop",
        ),
        (
            json!({"username": "ada"}),
            "custom_profile_fields.name_conflict_sign_in_identifier",
        ),
        // `null` fits the column guards, so it is a conflict too.
        (
            json!({"primaryEmail": null, "phone": "15555550100"}),
            "custom_profile_fields.name_conflict_sign_in_identifier",
        ),
        (
            json!({"email": "ada@example.com", "onboarding": "x"}),
            "custom_profile_fields.name_conflict_sign_in_identifier",
        ),
        (
            json!({"nickname": "ada", "adminConsolePreferences": "x"}),
            "custom_profile_fields.name_conflict_custom_data",
        ),
        (
            json!({"defaultTenantId": "default"}),
            "custom_profile_fields.name_conflict_custom_data",
        ),
    ] {
        let response = extra(&mut browser, values.clone()).await;
        assert_eq!(
            (response.status, response.code().as_str()),
            (StatusCode::BAD_REQUEST, code),
            "{values}: {}",
            response.text
        );
        assert_eq!(response.json()["data"], Value::Null, "{values}");
    }
    // Nothing was staged by the refused submissions.
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await;
    assert_eq!(state.json()["profile"].get("customData"), None);
}

#[tokio::test]
async fn a_wrongly_typed_built_in_key_is_logtos_internal_server_error() {
    let mut browser = registering("typed").await;
    for values in [
        json!({"preferredUsername": 7}),
        // A parse error of the first guard wins over a later conflict.
        json!({"preferredUsername": null, "username": "ada"}),
        json!({"username": 5}),
        json!({"username": "a".repeat(129)}),
        json!({"onboarding": {}}),
        json!({"name": null}),
        json!({"name": 1}),
        json!({"avatar": "not a url"}),
        json!({"avatar": "https://"}),
        json!({"givenName": 42}),
        json!({"profile": {"givenName": "Ada"}}),
        json!({"address": "1 Main St"}),
        json!({"address": {"country": 44}}),
    ] {
        let response = extra(&mut browser, values.clone()).await;
        assert_eq!(
            response.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{values}: {}",
            response.text
        );
        // core's koa-error-handler: no code, no data, always English.
        assert_eq!(
            response.json(),
            json!({"message": "Internal server error."}),
            "{values}"
        );
    }
    // A conflict found before the misfit still answers 400.
    let response = extra(
        &mut browser,
        json!({"preferredUsername": "ada", "username": 5}),
    )
    .await;
    assert_eq!(
        response.code(),
        "custom_profile_fields.name_conflict_built_in_prop"
    );
    // The key regex is the request guard's, before any of this.
    let response = extra(&mut browser, json!({"user-name": 5})).await;
    assert_eq!(
        (response.status, response.code().as_str()),
        (StatusCode::BAD_REQUEST, "guard.invalid_input")
    );
}

#[tokio::test]
async fn staged_values_are_split_like_logto() {
    let mut browser = registering("splitter").await;
    let staged = extra(
        &mut browser,
        json!({
            "name": "Ada Lovelace",
            "avatar": "https://cdn.example.com/ada.png",
            "nickname": "ada",
            "givenName": "Ada",
            "familyName": "",
            "address": {"country": "UK", "planet": "Earth"},
            "age": 36,
            "newsletter": true,
        }),
    )
    .await;
    assert_eq!(staged.status, StatusCode::NO_CONTENT, "{}", staged.text);
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await
        .json();
    // `Profile.sanitizedData`: no password digest, no `submitted` flag.
    assert_eq!(
        state["profile"],
        json!({
            "username": "splitter",
            "name": "Ada Lovelace",
            "avatar": "https://cdn.example.com/ada.png",
            "profile": {
                "nickname": "ada",
                "givenName": "Ada",
                "familyName": "",
                "address": {"country": "UK"},
            },
            "customData": {"age": 36, "newsletter": true},
        })
    );

    // Each submission replaces the last (`unsafeSet` spreads the parsed
    // `{name, avatar, profile, customData}`), an empty avatar is allowed.
    let again = extra(&mut browser, json!({"nickname": "lady-a", "avatar": ""})).await;
    assert_eq!(again.status, StatusCode::NO_CONTENT, "{}", again.text);
    let state = browser
        .call("GET", "/api/experience/interaction", None)
        .await
        .json();
    assert_eq!(
        state["profile"],
        json!({
            "username": "splitter",
            "avatar": "",
            "profile": {"nickname": "lady-a"},
            "customData": {},
        })
    );
    // The required `nickname` is found in `profile`; the optional `age`
    // may stay empty once the form was submitted.
    let created = browser.api("POST", "/identification", json!({})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let text = browser.finish().await;
    assert!(text.contains("splitter"), "{text}");
}

#[tokio::test]
async fn a_required_custom_field_is_looked_up_in_custom_data_too() {
    let mut browser = Browser::new(config(json!({"customProfileFields": [
        {"name": "age", "type": "Number", "required": true},
    ]})));
    browser.begin("Register").await;
    browser
        .api(
            "POST",
            "/profile",
            json!({"type": "username", "value": "counted"}),
        )
        .await;
    browser
        .api(
            "POST",
            "/profile",
            json!({"type": "password", "value": "Fresh-Passw0rd!"}),
        )
        .await;
    let create = browser.api("POST", "/identification", json!({})).await;
    assert_eq!(
        (create.status, create.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "user.missing_profile")
    );
    assert_eq!(
        create.json()["data"],
        json!({"missingProfile": ["extraProfile"]})
    );
    // A null value does not count.
    extra(&mut browser, json!({"age": null})).await;
    let create = browser.api("POST", "/identification", json!({})).await;
    assert_eq!(create.code(), "user.missing_profile");
    extra(&mut browser, json!({"age": 40})).await;
    let create = browser.api("POST", "/identification", json!({})).await;
    assert_eq!(create.status, StatusCode::CREATED, "{}", create.text);
    let text = browser.finish().await;
    assert!(text.contains("counted"), "{text}");
}
