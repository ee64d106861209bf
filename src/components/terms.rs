//! The terms of use and privacy policy, as the settings ask: a sentence
//! with links ("By continuing, you agree to …"), the links alone, or a
//! checkbox that must be ticked before the action it guards. A real
//! checkbox, unlike Logto's `role=radio`. Unticked, the action asks in
//! Logto's "Agree" dialog and goes on once agreed
//! (`packages/experience/src/hooks/use-terms.ts`, `termsValidation`).

use std::rc::Rc;

use leptos::prelude::*;

use crate::{
    components::dialog::{Question, QuestionSignal},
    context::{use_experience, Experience},
    flow::landing::Terms,
    journeys::Session,
};

/// A page's agreement: the box, whose state is kept in the session (the
/// provider's callback and the code page read it before registering), and
/// the dialog that asks when it is not ticked.
#[derive(Clone, Copy)]
pub struct TermsGate {
    pub terms: Terms,
    agreed: RwSignal<bool>,
    question: QuestionSignal,
}

impl TermsGate {
    /// The gate of a page showing `terms`; the dialog opens in `question`.
    pub fn new(terms: Terms, question: QuestionSignal) -> Self {
        Self {
            terms,
            agreed: RwSignal::new(Session::browser().terms_agreed()),
            question,
        }
    }

    /// Ticks or unticks the box.
    pub fn set(&self, agreed: bool) {
        self.agreed.set(agreed);
        Session::browser().agree_to_terms(agreed);
    }

    /// Whether the action must wait for the person to agree.
    pub fn pending(&self) -> bool {
        self.terms == Terms::Checkbox && !self.agreed.get_untracked()
    }

    /// Runs `action` at once, or once the person agreed in the dialog
    /// (which ticks the box); Cancel leaves everything as it was.
    pub fn then(&self, experience: &Experience, action: Rc<dyn Fn()>) {
        if !self.pending() {
            return action();
        }
        let gate = *self;
        ask(
            experience,
            self.question,
            Rc::new(move || {
                gate.set(true);
                action();
            }),
        );
    }
}

/// Logto's "Agree" dialog: `agreed` runs after the person agreed (and the
/// agreement is recorded in the session).
pub fn ask(experience: &Experience, question: QuestionSignal, agreed: Rc<dyn Fn()>) {
    question.set(Some(Question {
        message: terms_message(experience),
        confirm: experience.t("action.agree"),
        cancel: Some(experience.t("action.cancel")),
        on_confirm: Rc::new(move || {
            Session::browser().agree_to_terms(true);
            agreed();
        }),
        on_cancel: None,
    }));
}

/// "To proceed, please agree to the …": the documents the settings link
/// to, as Logto's dialog names them (`TermsLinks` of the configured URLs).
pub fn terms_message(experience: &Experience) -> String {
    let documents = crate::flow::magic_link::terms_documents(&experience.settings);
    agree_sentence(experience, &documents)
}

/// The "agree" sentence naming `documents` (phrase keys), joined with "and".
pub fn agree_sentence(experience: &Experience, documents: &[&str]) -> String {
    let names: Vec<String> = documents.iter().map(|key| experience.t(key)).collect();
    experience
        .i18n
        .t_with("description.agree_with_terms_modal", &[])
        .replace(
            "<link></link>",
            &names.join(&format!(" {} ", experience.t("description.and"))),
        )
}

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

/// The terms of a page; `gate` holds the checkbox's state.
#[component]
pub fn TermsAgreement(gate: TermsGate) -> impl IntoView {
    let experience = use_experience();
    match gate.terms {
        Terms::Hidden => ().into_any(),
        Terms::Links => view! { <p class="secondary logto_terms">{links()}</p> }.into_any(),
        Terms::Agreement => {
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
                    prop:checked=move || gate.agreed.get()
                    on:change=move |ev| gate.set(event_target_checked(&ev))
                />
                <label for="terms">{experience.t("description.agree_with_terms")}</label>
                " "
                {links()}
            </div>
        }
        .into_any(),
    }
}
