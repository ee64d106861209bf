//! The terms of use and privacy policy, as the settings ask: a sentence
//! with links ("By continuing, you agree to …") or a checkbox that must be
//! ticked before the action it guards. A real checkbox, unlike Logto's
//! `role=radio`.

use leptos::prelude::*;

use crate::{context::use_experience, flow::landing::Terms};

/// The links to the configured documents, joined with "and".
fn links() -> impl IntoView {
    let experience = use_experience();
    let settings = &experience.settings;
    let documents = [
        (&settings.terms_of_use_url, "description.terms_of_use"),
        (&settings.privacy_policy_url, "description.privacy_policy"),
    ];
    let mut views = Vec::new();
    for (url, key) in documents {
        let Some(url) = url.as_deref().filter(|url| !url.is_empty()) else {
            continue;
        };
        if !views.is_empty() {
            views.push(format!(" {} ", experience.t("description.and")).into_any());
        }
        views.push(
            view! {
                <a href=url.to_owned() target="_blank" rel="noopener noreferrer">
                    {experience.t(key)}
                </a>
            }
            .into_any(),
        );
    }
    views
}

/// The agreement of a form; `agreed` is ticked by the checkbox.
#[component]
pub fn TermsAgreement(terms: Terms, agreed: RwSignal<bool>) -> impl IntoView {
    let experience = use_experience();
    match terms {
        Terms::Hidden => ().into_any(),
        Terms::Links => {
            let sentence = experience.t("description.auto_agreement");
            let (before, after) = sentence
                .split_once("<link></link>")
                .map(|(b, a)| (b.to_owned(), a.to_owned()))
                .unwrap_or((sentence.clone(), String::new()));
            view! { <p class="secondary logto_terms">{before} {links()} {after}</p> }.into_any()
        }
        Terms::Checkbox => view! {
            <div class="logto_terms logto_terms-checkbox">
                <input
                    type="checkbox"
                    id="terms"
                    name="termsAgreement"
                    prop:checked=move || agreed.get()
                    on:change=move |ev| agreed.set(event_target_checked(&ev))
                />
                <label for="terms">{experience.t("description.agree_with_terms")}</label>
                " "
                {links()}
            </div>
        }
        .into_any(),
    }
}
