//! "Not received yet? Resend after 59 seconds", then a resend button, for
//! pages that send a code; and the "code resent" status.

use std::time::Duration;

use leptos::prelude::*;

use crate::{context::use_experience, flow::code::resend_remaining, i18n::format::Segment};

/// Seconds left before resend, counting from `sent_at` (`Date.now()`).
pub fn countdown(sent_at: RwSignal<f64>) -> Memo<u32> {
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(ticker) =
        set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1))
    {
        on_cleanup(move || ticker.clear());
    }
    Memo::new(move |_| resend_remaining(sent_at.get(), now.get().max(sent_at.get())))
}

/// The countdown, then the resend button (its slot in the phrase);
/// `resent` announces a new code.
#[component]
pub fn Resend(
    remaining: Memo<u32>,
    resent: ReadSignal<bool>,
    on_resend: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let experience = use_experience();
    let sent_notice = experience.t("description.passcode_sent");
    let line = move || {
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
                Segment::Slot { inner, .. } if seconds == 0 => {
                    let on_resend = on_resend.clone();
                    view! {
                        <button type="button" class="link" on:click=move |_| on_resend()>
                            {inner}
                        </button>
                    }
                    .into_any()
                }
                Segment::Slot { inner: text, .. } | Segment::Text(text) => text.into_any(),
            })
            .collect::<Vec<_>>();
        view! { <p class="secondary logto_resend">{parts}</p> }
    };
    view! {
        {line}
        <p role="status" class="logto_toast">
            {move || resent.get().then(|| sent_notice.clone())}
        </p>
    }
}
