//! A question or notice in a modal dialog: "No account found, create one?",
//! "Your password has expired", an alert before going back.
//!
//! The native `<dialog>` opened with `showModal()` traps the focus, closes
//! on Escape, gives the focus back when closed and is announced as a
//! dialog, with nothing to re-implement. For operators' CSS and automation
//! written for Logto's react-modal (`.ReactModalPortal
//! div[role=dialog][aria-modal=true].ReactModal__Content`), it also says
//! its role and modality explicitly and carries react-modal's class names
//! (docs/drop-in.md §9.4).

use std::rc::Rc;

use leptos::{html, prelude::*};

/// What the dialog says and does.
#[derive(Clone)]
pub struct Question {
    pub message: String,
    /// The confirm button's text.
    pub confirm: String,
    /// The cancel button's text; `None` for a notice with one button.
    pub cancel: Option<String>,
    /// Run on confirm (after the dialog closed).
    pub on_confirm: Rc<dyn Fn()>,
    /// Run on the cancel button (after the dialog closed); it only closes
    /// when `None`.
    pub on_cancel: Option<Rc<dyn Fn()>>,
}

/// Where a page keeps its open question (none while `None`).
pub type QuestionSignal = RwSignal<Option<Question>, LocalStorage>;

/// A new, closed question slot.
pub fn question_signal() -> QuestionSignal {
    RwSignal::new_local(None)
}

/// Shows the page's `question` while it is set.
#[component]
pub fn QuestionDialog(question: QuestionSignal) -> impl IntoView {
    move || {
        question.get().map(|q| {
            let dialog = NodeRef::<html::Dialog>::new();
            // Open as a modal once it is in the document.
            Effect::new(move || {
                if let Some(dialog) = dialog.get() {
                    if !dialog.open() {
                        let _ = dialog.show_modal();
                    }
                }
            });
            // Closed before it leaves the document, so that the browser
            // gives the focus back to what had it (the button that asked):
            // a modal dialog removed while open leaves the focus nowhere.
            let close = move || {
                if let Some(dialog) = dialog.get_untracked() {
                    dialog.close();
                }
                question.set(None);
            };
            let confirm = {
                let on_confirm = q.on_confirm.clone();
                move |_| {
                    close();
                    on_confirm();
                }
            };
            let cancel = q.cancel.clone().map(|text| {
                let on_cancel = q.on_cancel.clone();
                let cancel = move |_| {
                    close();
                    if let Some(on_cancel) = &on_cancel {
                        on_cancel();
                    }
                };
                view! {
                    <button type="button" class="button secondary" on:click=cancel>
                        {text}
                    </button>
                }
            });
            // Escape: the browser closes the dialog itself (focus given
            // back), then says so; only this question's state is dropped
            // (a confirm may already have asked the next one).
            let asked = q.on_confirm.clone();
            let closed = move |_: leptos::ev::Event| {
                let current = question.with_untracked(|open| {
                    open.as_ref()
                        .is_some_and(|open| Rc::ptr_eq(&open.on_confirm, &asked))
                });
                if current {
                    question.set(None);
                }
            };
            view! {
                <div class="ReactModalPortal logto_dialog-portal">
                    <dialog
                        node_ref=dialog
                        class="logto_dialog ReactModal__Content"
                        role="dialog"
                        aria-modal="true"
                        // Named by its question (an explicit dialog role
                        // needs a name).
                        aria-labelledby="dialog-message"
                        on:close=closed
                    >
                        <p id="dialog-message">{q.message}</p>
                        <div class="logto_dialog-actions">
                            {cancel}
                            <button type="button" class="button primary" autofocus on:click=confirm>
                                {q.confirm}
                            </button>
                        </div>
                    </dialog>
                </div>
            }
        })
    }
}
