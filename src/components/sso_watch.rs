//! Enterprise SSO noticed while the person types an email (Logto's
//! `use-single-sign-on-watch.ts`): 300 ms after the last keystroke the
//! domain is looked up quietly; while the email typed is one with SSO, the
//! form turns into a "Single Sign-On" form (no password, its own button).

use std::time::Duration;

use leptos::prelude::*;

use crate::{context::Experience, journeys::SsoChoice};

/// Logto's debounce: one lookup once the typing pauses.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The watch on one identifier input. Cheap to copy into handlers.
#[derive(Clone, Copy)]
pub struct SsoWatch {
    typed: RwSignal<String>,
    found: RwSignal<Option<SsoChoice>>,
}

impl SsoWatch {
    /// Watches `typed` (nothing happens while SSO is off).
    pub fn new(experience: &Experience, typed: RwSignal<String>) -> Self {
        let watch = Self {
            typed,
            found: RwSignal::new(None),
        };
        if !experience.settings.single_sign_on_enabled {
            return watch;
        }
        let journeys = experience.journeys();
        let pending = StoredValue::new_local(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let value = typed.get();
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let journeys = journeys.clone();
            let lookup = move || {
                leptos::task::spawn_local(async move {
                    let choice = journeys.watch_sso(&value).await;
                    // An answer for what is no longer typed is dropped.
                    if typed.get_untracked() == value {
                        watch.found.set(choice);
                    }
                });
            };
            pending.set_value(set_timeout_with_handle(lookup, DEBOUNCE).ok());
        });
        on_cleanup(move || {
            if let Some(handle) = pending.try_get_value().flatten() {
                handle.clear();
            }
        });
        watch
    }

    /// The SSO of the email typed now, once found (tracked).
    pub fn choice(self) -> Option<SsoChoice> {
        let typed = self.typed.get();
        self.found
            .get()
            .filter(|choice| choice.email == typed.trim())
    }

    /// As [`Self::choice`], untracked (in handlers).
    pub fn choice_now(self) -> Option<SsoChoice> {
        untrack(move || self.choice())
    }
}
