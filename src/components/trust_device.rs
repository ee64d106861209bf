//! "Trust this device for N days", on the MFA pages where Logto's page has
//! it (verifying or setting up an authenticator app or WebAuthn, verifying
//! an email or SMS code: `TrustedDeviceOptIn` and
//! `use-trusted-device-opt-in.ts` in packages/experience), when the tenant
//! offers it: a checkbox, unticked at first. Ticked, the verification asks
//! for the trust before it submits; while the box is there, a complete code
//! waits for "Continue", so that the person can still tick it.

use leptos::prelude::*;

use crate::journey::Journey;

/// The box's state on one page.
#[derive(Clone, Copy)]
pub struct TrustOptIn {
    /// `None` while the offer is asked for; then the days offered, if any.
    offer: RwSignal<Option<Option<u32>>>,
    ticked: RwSignal<bool>,
}

impl TrustOptIn {
    /// Asks the server whether the box is offered now (only when the
    /// settings turn the feature on; otherwise nothing shows and nothing
    /// is asked).
    pub(crate) fn new(journey: &Journey) -> Self {
        let journeys = journey.journeys();
        let asks = journeys.offers_trusted_device();
        let offer = RwSignal::new((!asks).then_some(None));
        if asks {
            leptos::task::spawn_local(async move {
                offer.set(Some(journeys.trusted_device_offer().await));
            });
        }
        Self {
            offer,
            ticked: RwSignal::new(false),
        }
    }

    /// Whether the box is on the page.
    pub(crate) fn shown(self) -> Signal<bool> {
        Signal::derive(move || matches!(self.offer.get(), Some(Some(_))))
    }

    /// Whether the person asked to trust this device.
    pub(crate) fn ticked(self) -> bool {
        self.ticked.get_untracked() && matches!(self.offer.get_untracked(), Some(Some(_)))
    }
}

/// The checkbox (named `createTrustedDevice`, as on Logto's page); while
/// the offer is asked for, an empty line of its height keeps the page
/// still.
#[component]
pub(crate) fn TrustDevice(opt_in: TrustOptIn) -> impl IntoView {
    move || match opt_in.offer.get() {
        None => view! { <div class="logto_trust-device-placeholder" aria-hidden="true"></div> }
            .into_any(),
        Some(None) => ().into_any(),
        Some(Some(days)) => {
            let label = crate::context::use_experience().i18n.t_count(
                "mfa.trust_this_device",
                u64::from(days),
                &[],
            );
            view! {
                <div class="field logto_checkbox-field logto_trust-device">
                    <input
                        type="checkbox"
                        id="trust-device"
                        name="createTrustedDevice"
                        prop:checked=move || opt_in.ticked.get()
                        on:change=move |ev| opt_in.ticked.set(event_target_checked(&ev))
                    />
                    <label for="trust-device">{label}</label>
                </div>
            }
            .into_any()
        }
    }
}
