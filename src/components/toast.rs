//! Logto's transient toast (the sentinel's "Too many attempts…", "The
//! verification code has been resent", the copy notices, "Password
//! changed"), in a portal at the end of `<body>` as Logto's react-modal puts it (`.ReactModalPortal >
//! div._toastContainer > div[role=toast]._toast`).
//!
//! `role=toast` is no ARIA role (axe: `aria-roles`), so the visible box that
//! carries it, for operators' CSS and for automation written for Logto's
//! page, is hidden from assistive technology, and a visually hidden
//! `role=alert` live region with the same text is what screen readers
//! announce (docs/drop-in.md §9.2). The box goes after a few seconds, as on
//! Logto's page; the live region keeps the text until the next toast.

use leptos::prelude::*;

const PORTAL: &str = "logto-toast";
/// As long as Logto's toast shows (`shared/components/Toast`).
const SHOWN_MS: u64 = 3000;

/// Shows `text` as the toast, replacing any previous one.
pub fn show(text: &str) {
    let document = document();
    let Some(body) = document.body() else {
        return;
    };
    if let Some(old) = document.get_element_by_id(PORTAL) {
        old.remove();
    }
    let element = |tag: &str, attributes: &[(&str, &str)]| {
        let element = document.create_element(tag).ok()?;
        for (name, value) in attributes {
            let _ = element.set_attribute(name, value);
        }
        Some(element)
    };
    let (Some(portal), Some(container), Some(visible), Some(live)) = (
        element("div", &[("id", PORTAL), ("class", "ReactModalPortal")]),
        element(
            "div",
            &[("class", "lgt_toastContainer ReactModal__Overlay")],
        ),
        element(
            "div",
            &[
                ("role", "toast"),
                ("aria-hidden", "true"),
                ("class", "lgt_toast ReactModal__Content logto_toast-box"),
            ],
        ),
        element(
            "div",
            &[
                ("role", "alert"),
                ("class", "lgt_toastText logto_visually-hidden"),
            ],
        ),
    ) else {
        return;
    };
    visible.set_text_content(Some(text));
    let _ = container.append_child(&visible);
    let _ = portal.append_child(&container);
    let _ = portal.append_child(&live);
    let _ = body.append_child(&portal);
    // Filled once in the document, so that it is announced.
    live.set_text_content(Some(text));
    set_timeout(
        move || {
            let _ = visible.set_attribute("hidden", "");
        },
        std::time::Duration::from_millis(SHOWN_MS),
    );
}
