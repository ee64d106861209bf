//! "Not received yet? Resend after 59 seconds", then a resend button, for
//! pages that send a code; "code resent" is Logto's toast.

use std::time::Duration;

use leptos::prelude::*;

use crate::{
    api::ApiError,
    components::{form::FormState, toast},
    context::use_experience,
    flow::{
        code::{resend_remaining, resend_wait, RESEND_SECONDS},
        next_step::Field,
    },
    i18n::format::Segment,
    journey::Journey,
    journeys::Outcome,
};

/// When "resend" comes back: a wait (in seconds) from a moment
/// (`Date.now()`). Cheap to copy into handlers.
#[derive(Clone, Copy)]
pub struct ResendTimer {
    since: RwSignal<f64>,
    wait: RwSignal<u32>,
}

impl ResendTimer {
    /// The usual countdown for a code sent at `sent_at`.
    pub fn new(sent_at: f64) -> Self {
        Self {
            since: RwSignal::new(sent_at),
            wait: RwSignal::new(RESEND_SECONDS),
        }
    }

    /// Sends a code with `send` (a journey's call) for the page of `form`:
    /// once sent, `sent` gets what was delivered, the countdown starts
    /// again, the typed `code` is emptied and, when `again` (a resend,
    /// which waits for a request in flight), "code resent" shows as
    /// Logto's toast (announced by its live region);
    /// an error shows at the form and may change the wait.
    pub fn send<T, F>(
        self,
        journey: &Journey,
        form: FormState,
        code: RwSignal<String>,
        again: bool,
        send: F,
        sent: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        F: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        if again && !form.begin() {
            return;
        }
        let journey = journey.clone();
        leptos::task::spawn_local(async move {
            match send.await {
                Ok(delivered) => {
                    sent(delivered);
                    self.sent();
                    if again {
                        toast::show(&journey.experience.t("description.passcode_sent"));
                    }
                    code.set(String::new());
                    form.end();
                }
                Err(error) => {
                    self.after_error(&error);
                    form.fail(Field::Form, journey.message(&error), false);
                }
            }
        });
    }

    /// A code was just sent: the usual countdown again.
    pub fn sent(self) {
        self.restart(RESEND_SECONDS);
    }

    /// After `error` answered a send or a verify: resend at once when the
    /// code cannot work any more, after the window when the address got
    /// too many codes ([`resend_wait`]); else as it was.
    pub fn after_error(self, error: &ApiError) {
        if let Some(wait) = resend_wait(error) {
            self.restart(wait);
        }
    }

    /// [`Self::after_error`] for a journey's failure.
    pub fn follow(self, outcome: &Outcome) {
        if let Outcome::Fail { error, .. } | Outcome::Ask { error, .. } = outcome {
            self.after_error(error);
        }
    }

    fn restart(self, wait: u32) {
        self.since.set(js_sys::Date::now());
        self.wait.set(wait);
    }

    /// Seconds left before resend, ticking every second.
    pub fn remaining(self) -> Memo<u32> {
        let now = RwSignal::new(js_sys::Date::now());
        if let Ok(ticker) =
            set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1))
        {
            on_cleanup(move || ticker.clear());
        }
        let Self { since, wait, .. } = self;
        Memo::new(move |_| resend_remaining(since.get(), now.get().max(since.get()), wait.get()))
    }
}

/// The countdown of `timer`, then the resend button (its slot in the
/// phrase).
#[component]
pub fn Resend(
    timer: ResendTimer,
    on_resend: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let experience = use_experience();
    let remaining = timer.remaining();
    move || {
        let seconds = remaining.get();
        let key = if seconds > 0 {
            "description.resend_after_seconds"
        } else {
            "description.resend_passcode"
        };
        let parts = experience
            .i18n
            .segments(key, &[("seconds", u64::from(seconds).into())])
            .into_iter()
            .map(|segment| match segment {
                // A link without a destination on Logto's page (automation
                // clicks `a` "Resend verification code").
                Segment::Slot { inner, .. } if seconds == 0 => {
                    let on_resend = on_resend.clone();
                    view! {
                        <crate::components::action_link::ActionLink
                            class="link lgt_link"
                            text=inner
                            on_press=move || on_resend()
                        />
                    }
                    .into_any()
                }
                Segment::Slot { inner: text, .. } | Segment::Text(text) => text.into_any(),
            })
            .collect::<Vec<_>>();
        view! { <p class="secondary logto_resend">{parts}</p> }
    }
}
