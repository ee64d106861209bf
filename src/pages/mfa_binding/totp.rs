//! `/mfa-binding/Totp`: an authenticator app as second factor.

use leptos::prelude::*;

use super::{copy, OtherFactors, Skip};
use crate::{
    components::{
        code_input::CodeInputForm,
        form::FormState,
        trust_device::{TrustDevice, TrustOptIn},
    },
    flow::next_step::Field,
    journey::use_journey,
    shell::PageHeading,
};

/// The TOTP secret in groups of four, as authenticator apps show it.
fn groups(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect()
}

/// `/mfa-binding/Totp`: the server's QR code and the key to copy, then the
/// first code from the app.
#[component]
pub(super) fn TotpBinding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = {
        let experience = experience.clone();
        move |key: &str| experience.t(key)
    };
    let code = RwSignal::new(String::new());
    let form = FormState::new().input(Field::Code, "code", code);
    let journeys = journey.journeys();
    let secret = journey.load(form, async move { journeys.totp_secret().await });
    let show_key = RwSignal::new(false);
    let opt_in = TrustOptIn::new(&journey);

    let verify = move |digits: String| {
        let Some(secret) = secret.get_untracked() else {
            return;
        };
        let journeys = journey.journeys();
        let trust = opt_in.ticked();
        journey.run(form, async move {
            journeys.bind_totp(&secret, digits, trust).await
        });
    };
    let t2 = t.clone();
    let qr_alt = t("mfa.scan_qr_code");
    let copied_text = t("mfa.secret_key_copied");
    let copy_text = t("action.copy");
    let secret_view = move || {
        secret.get().map(|s| {
            // Only an image data URL is shown: never a server string as markup.
            let qr = s
                .secret_qr_code
                .starts_with("data:image/")
                .then(|| s.secret_qr_code.clone());
            let key = s.secret.clone();
            let copied_text = copied_text.clone();
            let copy_text = copy_text.clone();
            let qr_alt = qr_alt.clone();
            view! {
                {qr
                    .map(|src| {
                        view! {
                            <div class="lgt_qrCode" hidden=move || show_key.get()>
                                <img
                                    class="logto_qr-code"
                                    src=src
                                    alt=qr_alt
                                    width="180"
                                    height="180"
                                />
                            </div>
                        }
                    })}
                <div class="logto_secret lgt_copySecret" hidden=move || !show_key.get()>
                    // Groups of four by CSS: the text is the bare key, which
                    // automation reads from `div._rawSecret`.
                    <div id="totp-secret" class="lgt_rawSecret">
                        {groups(&key)
                            .into_iter()
                            .map(|group| view! { <span>{group}</span> })
                            .collect::<Vec<_>>()}
                    </div>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| copy(&key, &copied_text)
                    >
                        {copy_text}
                    </button>
                </div>
            }
        })
    };
    let toggle = {
        let (scan, key) = (
            t("mfa.want_to_scan_qr_code"),
            t("mfa.qr_code_not_available"),
        );
        move || {
            if show_key.get() {
                scan.clone()
            } else {
                key.clone()
            }
        }
    };
    let step = |n: u32, key: &str| {
        experience.i18n.t_with(
            "mfa.step",
            &[("step", n.to_string().into()), ("content", t(key).into())],
        )
    };
    view! {
        <PageHeading text=t("mfa.add_authenticator_app") />
        <h2>{step(1, "mfa.scan_qr_code")}</h2>
        <p class="secondary">
            {move || {
                t2(
                    if show_key.get() {
                        "mfa.copy_and_paste_key_description"
                    } else {
                        "mfa.scan_qr_code_description"
                    },
                )
            }}
        </p>
        {secret_view}
        // A link as on Logto's page (automation clicks `a` "Can’t scan the QR
        // code?"), acting as the disclosure button it is.
        <a
            href="#"
            role="button"
            class="link"
            aria-expanded=move || show_key.get().to_string()
            on:click=move |ev| {
                ev.prevent_default();
                show_key.update(|v| *v = !*v);
            }
        >
            {toggle}
        </a>
        <h2>{step(2, "mfa.enter_one_time_code")}</h2>
        <p class="secondary">{t("mfa.enter_one_time_code_link_description")}</p>
        <CodeInputForm form name="totpCode" code verify hold=opt_in.shown()>
            <TrustDevice opt_in />
        </CodeInputForm>
        <OtherFactors />
        <Skip form />
    }
}
