//! The frame around every page, on Logto's stable class names: the
//! development-tenant banner, the branding header with the logo, the
//! operator's custom content beside the form (desktop), the "Powered by
//! Logto" signature; and what the settings change in `<head>`: language and
//! direction, brand colours, dark mode, favicons and custom CSS.

use crate::router::use_location;
use leptos::prelude::*;

use crate::{
    context::{use_experience, Experience},
    flow::route::Route,
    i18n::I18n,
    theme::{brand_properties, image_url, Rgb},
};

const DARK: &str = "(prefers-color-scheme: dark)";

/// Wraps the routed page, in Logto's frame: `#app > div._viewBox >
/// div._container.logto_page-container > main._main.logto_main-content`
/// (docs/drop-in.md §4), so operators' selectors on either apply.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let experience = use_experience();
    let settings = &experience.settings;
    let dark_mode = settings.color.is_dark_mode_enabled;
    let branding = &settings.branding;
    let light_logo = branding.logo_url.clone().filter(|url| image_url(url));
    let dark_logo = branding.dark_logo_url.clone().filter(|url| image_url(url));
    let dark = dark_theme(dark_mode);
    // Logto swaps the image's `src` with the theme (automation checks
    // `img[src=<dark logo>]`), rather than a <picture> source.
    let logo = move || {
        if dark.get() {
            dark_logo.clone().or(light_logo.clone())
        } else {
            light_logo.clone().or(dark_logo.clone())
        }
    };
    let has_logo = logo().is_some();
    let pathname = use_location().path;
    let route = Memo::new(move |_| Route::parse(&pathname.get()));

    let custom_content = settings.custom_content.clone();
    let content = move || {
        custom_content.get(&pathname.get()).cloned().map(|html| {
            view! { <aside class="logto_custom-content" inner_html=html></aside> }
        })
    };
    // Logto's signature: the last child of `main`, with its attributes
    // (`LogtoSignature`); drawn under the card on desktop by CSS.
    let signature = (!settings.hide_logto_branding).then(|| {
        view! {
            <div class="lgt_signature logto_signature" data-logto-signature-container="secured">
                <a
                    href="https://logto.io/?utm_source=sign_in"
                    target="_blank"
                    rel="noopener"
                    aria-label="Powered By Logto"
                    data-logto-signature="secured"
                >
                    "Powered by "
                    <b>"Logto"</b>
                </a>
            </div>
        }
    });
    let back = experience.t("action.nav_back");
    let nav_bar = move || {
        route.get().has_back().then(|| {
            view! {
                <div class="lgt_navBar">
                    <NavButton class="lgt_navButton" text=back.clone() on_press=history_back />
                </div>
            }
        })
    };

    view! {
        <div class="lgt_viewBox">
            <div class="lgt_container logto_page-container">
                {settings.is_development_tenant.then(|| view! { <DevelopmentTenantBanner /> })}
                <div class="logto_layout">
                    <main class="lgt_main logto_main-content">
                        {nav_bar}
                        {has_logo
                            .then(|| {
                                let failed = RwSignal::new(false);
                                // A logo that cannot be loaded takes no room.
                                view! {
                                    <div
                                        class="lgt_header logto_branding-header"
                                        hidden=move || failed.get()
                                    >
                                        <div class="lgt_logoWrapper">
                                            <img
                                                class="lgt_logo logto_logo"
                                                src=logo
                                                alt=""
                                                on:error=move |_| failed.set(true)
                                                // The theme's other logo may load.
                                                on:load=move |_| failed.set(false)
                                            />
                                        </div>
                                    </div>
                                }
                            })} {children()} {signature}
                    </main>
                    {content}
                </div>
            </div>
        </div>
    }
}

/// The development-tenant notice. Custom CSS must not hide it (it tells
/// people that this tenant is not for production), so, as Logto does, its
/// look is set as inline `!important` declarations, which win over any
/// style sheet; through the CSSOM, which Logto's CSP allows.
#[component]
fn DevelopmentTenantBanner() -> impl IntoView {
    let experience = use_experience();
    let banner = NodeRef::<leptos::html::Header>::new();
    Effect::new(move || {
        let Some(banner) = banner.get() else {
            return;
        };
        let style = web_sys::HtmlElement::style(&banner);
        for (name, value) in [
            ("display", "flex"),
            ("align-items", "center"),
            ("justify-content", "center"),
            ("gap", "8px"),
            ("align-self", "stretch"),
            ("visibility", "visible"),
            ("opacity", "1"),
            ("position", "static"),
            ("transform", "none"),
            ("width", "auto"),
            ("height", "auto"),
            ("clip-path", "none"),
            ("margin", "-24px -16px 0"),
            ("padding", "8px 16px"),
            ("font-size", "14px"),
            ("line-height", "20px"),
            ("color", "var(--color-on-notice)"),
            ("background", "var(--color-notice)"),
        ] {
            let _ = style.set_property_with_priority(name, value, "important");
        }
    });
    view! {
        <header class="logto_development-tenant" node_ref=banner>
            {crate::components::icon::icon(crate::components::icon::INFO)}
            {experience.t("development_tenant.notification")}
        </header>
    }
}

/// The operator's support e-mail and website, under the message of an
/// error page (Logto's `SupportInfo`); nothing when neither is set.
#[component]
pub fn SupportInfo() -> impl IntoView {
    let experience = use_experience();
    let settings = &experience.settings;
    let email = settings
        .support_email
        .clone()
        .filter(|email| !email.is_empty())
        .map(|email| {
            (
                format!("mailto:{email}"),
                email,
                "description.support_email",
            )
        });
    // Only a web address is a link; anything else would be a script URL.
    let website = settings
        .support_website_url
        .clone()
        .filter(|url| {
            let lower = url.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        })
        .map(|url| (url.clone(), url, "description.support_website"));
    let lines = email
        .into_iter()
        .chain(website)
        .map(|(href, text, key)| {
            let sentence = experience.t(key);
            let (before, after) = sentence
                .split_once("<link></link>")
                .map(|(b, a)| (b.to_owned(), a.to_owned()))
                .unwrap_or((sentence.clone(), String::new()));
            view! {
                <p>
                    {before} <a href=href dir="auto">
                        {text}
                    </a> {after}
                </p>
            }
        })
        .collect::<Vec<_>>();
    (!lines.is_empty()).then(|| view! { <div class="secondary logto_support">{lines}</div> })
}

/// A control drawn like Logto's nav-bar buttons (Back, Skip):
/// `div[role=button][tabindex=0]` as Logto has it, so automation written
/// for Logto's page finds it; Enter and Space press it, as on a button.
#[component]
pub fn NavButton(
    class: &'static str,
    #[prop(into)] text: String,
    on_press: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let press = on_press.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            press();
        }
    };
    view! {
        <div role="button" tabindex="0" class=class on:click=move |_| on_press() on:keydown=on_key>
            {text}
        </div>
    }
}

fn history_back() {
    if let Ok(history) = window().history() {
        let _ = history.back();
    }
}

/// Whether the page is dark now: the settings enable dark mode and the
/// system prefers it (Logto's `AppMeta.tsx`); follows the system's changes,
/// keeping `<html data-theme>`, the `<body>` class and the favicons in step.
fn dark_theme(dark_mode: bool) -> RwSignal<bool> {
    let query = window()
        .match_media(DARK)
        .ok()
        .flatten()
        .filter(|_| dark_mode);
    let dark = RwSignal::new(query.as_ref().is_some_and(|query| query.matches()));
    if let Some(query) = query {
        use leptos::wasm_bindgen::{closure::Closure, JsCast};
        let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |ev: web_sys::MediaQueryListEvent| dark.set(ev.matches()),
        );
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        // The page lives as long as the tab.
        listener.forget();
    }
    let experience = use_experience();
    Effect::new(move || apply_theme(&experience, dark.get()));
    dark
}

/// `<html data-theme>`, the theme class last on `<body>` (Logto:
/// `<hash>_light` / `<hash>_dark`, matched as `body[class$=dark]`), the
/// platform class, and the favicons of the active theme.
fn apply_theme(experience: &Experience, dark: bool) {
    if crate::embed::embedded() {
        return;
    }
    let document = document();
    let theme = if dark { "dark" } else { "light" };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
    if let Some(body) = document.body() {
        let classes = body.class_list();
        // Logto's test of the user agent (`AppMeta.tsx`, `isMobile`).
        let agent = window().navigator().user_agent().unwrap_or_default();
        let mobile = ["Mobi", "Android", "iPhone", "iPad"]
            .iter()
            .any(|word| agent.contains(word));
        let platform = if mobile { "mobile" } else { "desktop" };
        if !classes.contains(platform) {
            let _ = classes.add_1(platform);
        }
        let _ = classes.remove_2("lgt_light", "lgt_dark");
        let _ = classes.add_1(&format!("lgt_{theme}"));
    }
    let branding = &experience.settings.branding;
    let light = branding.favicon.as_deref();
    let favicon = if dark {
        branding.dark_favicon.as_deref().or(light)
    } else {
        light
    };
    if let Some(favicon) = favicon.filter(|url| image_url(url)) {
        for (rel, id) in [
            ("shortcut icon", "logto-favicon"),
            ("apple-touch-icon", "logto-touch-icon"),
        ] {
            head_element("link", id, &[("rel", rel), ("href", favicon)], "");
        }
    }
}

/// The page's heading; also sets the document title to the heading's
/// phrase, as Logto's `PageMeta` does with each layout's title key (`title`
/// only where Logto's differs from the heading: switch account). On every page but the first the focus moves to the
/// page's first field, or to the heading (`tabindex=-1`) when it has none,
/// so that after a navigation the keyboard and the screen reader start on
/// the new page instead of staying on the link that was clicked.
#[component]
pub fn PageHeading(
    #[prop(into)] text: String,
    #[prop(optional, into)] title: Option<String>,
) -> impl IntoView {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SHOWN: AtomicBool = AtomicBool::new(false);
    document().set_title(title.as_deref().unwrap_or(&text));
    let heading = NodeRef::<leptos::html::H1>::new();
    // A page the full build shows after a handover also follows a
    // navigation (the loader marks <html data-handover>).
    let handed_over = || {
        document()
            .document_element()
            .is_some_and(|root| root.has_attribute("data-handover"))
    };
    if SHOWN.swap(true, Ordering::Relaxed) || handed_over() {
        Effect::new(move || {
            if let Some(heading) = heading.get() {
                // The new step's first field when it has one, so that the
                // person can type at once; else the heading.
                let field = document()
                    .query_selector("main form input:not([hidden])")
                    .ok()
                    .flatten();
                match field {
                    Some(field) => {
                        use leptos::wasm_bindgen::JsCast;
                        let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                    None => {
                        let _ = heading.focus();
                    }
                }
            }
        });
    }
    // Logto's title is `div._headline` on landing pages, else `div._title`
    // (automation: `div[class$=title]`); ours stays an h1 inside it.
    let landing = use_context::<crate::router::Location>()
        .is_some_and(|location| Route::parse(&location.path.get_untracked()).is_landing());
    view! {
        <div class=if landing { "lgt_headline" } else { "lgt_title" }>
            <h1 tabindex="-1" node_ref=heading>
                {text}
            </h1>
        </div>
    }
}

/// `<html lang dir>` from the language of the texts.
pub fn apply_language(i18n: &I18n) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", i18n.language());
        let _ = root.set_attribute("dir", if i18n.is_rtl() { "rtl" } else { "ltr" });
    }
}

/// Applies the settings to `<head>` and `<html>`; idempotent (Retry).
pub fn apply_head(experience: &Experience) {
    apply_language(&experience.i18n);
    let settings = &experience.settings;
    let color = &settings.color;
    let dark_mode = color.is_dark_mode_enabled;
    let document = document();
    if let Some(root) = document.document_element() {
        // style/main.css switches the page's own colours on this.
        let _ = if dark_mode {
            root.set_attribute("data-dark-mode", "")
        } else {
            root.remove_attribute("data-dark-mode")
        };
    }
    let mut css = String::new();
    if let Some(primary) = Rgb::parse(&color.primary_color) {
        css += &format!("body{{{}}}", brand_properties(primary, false));
    }
    if let Some(dark) = Rgb::parse(&color.dark_primary_color).filter(|_| dark_mode) {
        css += &format!("@media {DARK}{{body{{{}}}}}", brand_properties(dark, true));
    }
    head_element("style", "logto-brand", &[], &css);
    // The operator's own CSS, last so that it wins. Logto core may have put
    // it in the head already, for the first paint: that copy moves last.
    if let Some(custom) = settings.custom_css.as_deref() {
        match (
            document.head(),
            document
                .query_selector("style[data-custom-css]")
                .ok()
                .flatten(),
        ) {
            (Some(head), Some(inlined)) => {
                let _ = head.append_child(&inlined);
            }
            _ => head_element("style", "logto-custom-css", &[], custom),
        }
    }
}

/// Finds (by `id`) or appends an element to `<head>` and sets it up.
fn head_element(tag: &str, id: &str, attributes: &[(&str, &str)], text: &str) {
    let document = document();
    let Some(head) = document.head() else {
        return;
    };
    let element = match document.get_element_by_id(id) {
        Some(element) => element,
        None => {
            let Ok(element) = document.create_element(tag) else {
                return;
            };
            element.set_id(id);
            let _ = head.append_child(&element);
            element
        }
    };
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
}
