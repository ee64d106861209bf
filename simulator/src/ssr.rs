//! What Logto core does to an experience `index.html` on its way out
//! (`koa-experience-ssr`): when the page carries the placeholder
//! `"__LOGTO_SSR__"`, it is replaced with a frozen object holding the sign-in
//! experience (with the `appId` and `organizationId` of the `_logto` cookie)
//! and the phrases of the negotiated language, so that the page needs
//! neither well-known request; the settings' custom CSS goes in a
//! `<style data-custom-css>` before `</head>` (not for `?preview=true`), so
//! that it applies at first paint. `Content-Language` names the language.
//!
//! Only the simulator fills it: logto-host serves the page in front of a real
//! Logto, whose data it does not have.

use serde_json::{json, Value};

/// The placeholder, quotes included, as core looks for it.
pub const PLACEHOLDER: &str = "\"__LOGTO_SSR__\"";

/// The data core puts in the page.
pub struct SsrData<'a> {
    pub app_id: Option<&'a str>,
    pub organization_id: Option<&'a str>,
    /// The `/api/.well-known/experience` body.
    pub settings: &'a Value,
    /// The negotiated language and its `/api/.well-known/phrases` body (JSON).
    pub language: &'a str,
    pub phrases: &'a str,
}

/// `html` with the custom CSS and the data in, or `None` when it has no
/// placeholder (core then leaves it alone).
pub fn fill(html: &str, data: &SsrData<'_>, preview: bool) -> Option<String> {
    if !html.contains(PLACEHOLDER) {
        return None;
    }
    // The CSS first, so that only the document's own `</head>` can match
    // (the data could contain one).
    let custom_css = data
        .settings
        .get("customCss")
        .and_then(Value::as_str)
        .filter(|css| !css.is_empty() && !preview);
    let html = match custom_css {
        Some(css) => html.replacen(
            "</head>",
            &format!(
                "<style data-custom-css>{}</style></head>",
                defuse_style_end(css)
            ),
            1,
        ),
        None => html.to_owned(),
    };
    Some(html.replacen(
        PLACEHOLDER,
        &format!("Object.freeze({})", script_json(data)),
        1,
    ))
}

/// The data as JSON that an inline `<script>` cannot end early: every `<`,
/// `>`, `&` and the two line terminators JSON allows but older JavaScript
/// did not (U+2028, U+2029) as `\uXXXX`, which parse back to themselves.
/// They can only occur inside strings, where the escape means the same.
fn script_json(data: &SsrData<'_>) -> String {
    let mut experience = json!({ "data": data.settings });
    if let Some(app_id) = data.app_id {
        experience["appId"] = app_id.into();
    }
    if let Some(organization_id) = data.organization_id {
        experience["organizationId"] = organization_id.into();
    }
    let text = format!(
        r#"{{"signInExperience":{},"phrases":{{"lng":{},"data":{}}}}}"#,
        experience,
        Value::from(data.language),
        data.phrases
    );
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// `</style` in any case becomes `<\/style`: the HTML parser no longer sees
/// an end tag, and CSS reads `\/` as `/`.
fn defuse_style_end(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("</") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let tag = from.get(2..7);
        if tag.is_some_and(|tag| tag.eq_ignore_ascii_case("style")) {
            out.push_str("<\\/");
        } else {
            out.push_str("</");
        }
        rest = &from[2..];
    }
    out.push_str(rest);
    out
}

/// The `appId` and `organizationId` of the `_logto` cookie `/oidc/auth`
/// sets (URL-encoded JSON); nothing when it is absent or unreadable.
pub fn logto_cookie(value: Option<&str>) -> (Option<String>, Option<String>) {
    let parsed: Value = value
        .map(crate::util::url_decode)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let field = |name| parsed.get(name).and_then(Value::as_str).map(str::to_owned);
    (field("appId"), field("organizationId"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><script>window.logtoSsr = \"__LOGTO_SSR__\";</script></head><body></body></html>";

    fn data(settings: &Value) -> SsrData<'_> {
        SsrData {
            app_id: Some("demo-app"),
            organization_id: None,
            settings,
            language: "fr",
            phrases: r#"{"translation":{"action":{"sign_in":"Connexion"}}}"#,
        }
    }

    /// The JSON between `Object.freeze(` and `);`, parsed.
    fn injected(html: &str) -> Value {
        let start = html.find("Object.freeze(").unwrap() + "Object.freeze(".len();
        let end = html.rfind(");</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    }

    #[test]
    fn fills_the_placeholder_with_settings_and_phrases() {
        let settings = json!({"color": {"isDarkModeEnabled": true}, "customCss": null});
        let html = fill(PAGE, &data(&settings), false).unwrap();
        assert!(!html.contains("__LOGTO_SSR__"));
        assert!(html.contains("window.logtoSsr = Object.freeze({"));
        assert!(!html.contains("data-custom-css"));
        assert_eq!(
            injected(&html),
            json!({
                "signInExperience": {"appId": "demo-app", "data": settings},
                "phrases": {"lng": "fr", "data": {"translation": {"action": {"sign_in": "Connexion"}}}},
            })
        );
    }

    #[test]
    fn leaves_a_page_without_the_placeholder_alone() {
        let settings = json!({"customCss": "body{}"});
        assert_eq!(
            fill("<html><head></head></html>", &data(&settings), false),
            None
        );
        // Core looks for the quoted placeholder only.
        assert_eq!(fill("__LOGTO_SSR__</head>", &data(&settings), false), None);
    }

    #[test]
    fn escapes_what_could_end_the_script() {
        let tricky = "</script><script>alert(1)</script> & \u{2028}\u{2029}";
        let settings = json!({"customContent": {"/sign-in": tricky}});
        let html = fill(PAGE, &data(&settings), false).unwrap();
        let script = &html[html.find("Object.freeze(").unwrap()..];
        for raw in ["</script><script>", "&", "\u{2028}", "\u{2029}"] {
            assert!(
                !script[..script.find(");</script>").unwrap()].contains(raw),
                "{raw:?}"
            );
        }
        assert!(html.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"));
        assert!(html.contains(r" \u0026 \u2028\u2029"));
        // Exactly the page's own script end remains.
        assert_eq!(html.matches("</script>").count(), 1);
        assert_eq!(
            injected(&html)["signInExperience"]["data"]["customContent"]["/sign-in"],
            tricky
        );
    }

    #[test]
    fn custom_css_goes_before_the_head_end_and_cannot_close_its_element() {
        let css = ".a{content:\"</STYLE >\"} .b{content:\"</style\n>\"} .c{content:\"</p>\"}";
        let settings = json!({"customCss": css});
        let html = fill(PAGE, &data(&settings), false).unwrap();
        assert!(html.contains(
            "<style data-custom-css>.a{content:\"<\\/STYLE >\"} .b{content:\"<\\/style\n>\"} .c{content:\"</p>\"}</style></head>"
        ));
        // The CSS is in the head once, and still in the data as it is.
        assert_eq!(html.matches("data-custom-css").count(), 1);
        assert_eq!(
            injected(&html)["signInExperience"]["data"]["customCss"],
            css
        );
    }

    #[test]
    fn no_custom_css_in_preview() {
        let settings = json!({"customCss": ".a{}"});
        let html = fill(PAGE, &data(&settings), true).unwrap();
        assert!(!html.contains("data-custom-css"));
        assert!(html.contains("Object.freeze("));
    }

    #[test]
    fn reads_the_logto_cookie() {
        assert_eq!(
            logto_cookie(Some(
                "%7B%22appId%22%3A%22demo-app%22%2C%22organizationId%22%3A%22o1%22%7D"
            )),
            (Some("demo-app".into()), Some("o1".into()))
        );
        assert_eq!(
            logto_cookie(Some(r#"{"appId":"a"}"#)),
            (Some("a".into()), None)
        );
        assert_eq!(logto_cookie(Some("garbage")), (None, None));
        assert_eq!(logto_cookie(None), (None, None));
    }
}
