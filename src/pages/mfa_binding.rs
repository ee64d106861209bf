//! `/mfa-onboarding`, `/mfa-binding` and `/mfa-binding/<factor>`: adding a
//! second factor when the server asks for one (`user.suggest_mfa`,
//! `user.missing_mfa`, `session.mfa.suggest_additional_mfa`,
//! `session.mfa.backup_code_required`). Each factor page verifies the new
//! factor, binds it (`POST /profile/mfa`) and submits; the server then asks
//! for the next thing (backup codes, say) or redirects.

use leptos::prelude::*;

use crate::{
    api::{
        ApiError, BackupCodesResponse, BindMfaRequest, MfaFactor, SignInIdentifier,
        TotpSecretResponse, TotpVerifyRequest, WebAuthnRegistrationResponse, WebAuthnVerifyRequest,
    },
    components::{
        address_form::AddressForm,
        code_input::CodeInputForm,
        form::{ActionButton, FormAlert, FormState},
    },
    flow::{
        mfa::Row,
        next_step::{Field, Via},
    },
    journey::{self, use_journey, Journey},
    shell::{NavButton, PageHeading},
    webauthn,
};

/// The phrase naming a factor in the list, and its description.
fn factor_keys(factor: &MfaFactor) -> (&'static str, &'static str) {
    match factor {
        MfaFactor::Totp => ("mfa.totp", "mfa.link_totp_description"),
        MfaFactor::WebAuthn => ("mfa.webauthn", "mfa.link_webauthn_description"),
        MfaFactor::BackupCode => ("mfa.backup_code", "mfa.link_backup_code_description"),
        MfaFactor::EmailVerificationCode => (
            "mfa.email_verification_code",
            "mfa.link_email_verification_code_description",
        ),
        MfaFactor::PhoneVerificationCode => (
            "mfa.phone_verification_code",
            "mfa.link_phone_verification_code_description",
        ),
        MfaFactor::Unknown(_) => ("mfa.add_mfa_factors", "mfa.add_mfa_description"),
    }
}

/// Runs `work` (a binding) and submits, settling the answer on `form`.
fn bind_and_submit<F>(journey: &Journey, form: FormState, work: F)
where
    F: std::future::Future<Output = Result<(), ApiError>> + 'static,
{
    let journeys = journey.journeys();
    journey.finish(form, journeys.session.event(), Via::Other, async move {
        work.await?;
        journeys.submit().await
    });
}

/// "Skip", when the server lets the person go on without a factor.
#[component]
fn Skip(form: FormState) -> impl IntoView {
    let journey = use_journey();
    let binding = journey::session().mfa_binding().unwrap_or_default();
    binding.skippable.then(|| {
        let text = journey.experience.t("action.nav_skip");
        let skip = move || {
            let client = journey.experience.client.clone();
            let suggestion = binding.suggestion;
            bind_and_submit(&journey, form, async move {
                if suggestion {
                    client.mfa_suggestion_skipped().await
                } else {
                    client.mfa_skipped().await
                }
            });
        };
        view! { <NavButton class="link logto_skip lgt_skipButton" text on_press=skip /> }
    })
}

/// "Switch to another method" when the server offers several factors.
#[component]
fn OtherFactors() -> impl IntoView {
    let experience = crate::context::use_experience();
    let several = journey::session()
        .mfa_binding()
        .is_some_and(|b| b.has_other_factors());
    several.then(|| {
        view! { <a href=experience.href("/mfa-binding")>{experience.t("mfa.link_another_mfa_factor")}</a> }
    })
}

/// `/mfa-onboarding`: "Turn on 2-step verification?" (`user.suggest_mfa`).
#[component]
pub fn MfaOnboarding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let form = FormState::new();
    let act = move |enable: bool| {
        let client = journey.experience.client.clone();
        bind_and_submit(&journey, form, async move {
            if enable {
                client.mfa_enabled().await
            } else {
                client.mfa_skipped().await
            }
        });
    };
    let act2 = act.clone();
    view! {
        <PageHeading text=experience.t("mfa.onboarding") />
        <p class="secondary">{experience.t("mfa.onboarding_description")}</p>
        <FormAlert form />
        <ActionButton
            form
            text=experience.t("mfa.enable_mfa")
            ready=true
            on_click=move || act(true)
        />
        <NavButton
            class="link logto_skip lgt_skipButton"
            text=experience.t("action.nav_skip")
            on_press=move || act2(false)
        />
    }
}

/// `/mfa-binding`: the factors the server offers.
#[component]
pub fn MfaBindingFactors() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let binding = journey::session().mfa_binding().unwrap_or_default();
    let form = FormState::new();
    let (title, description) = if binding.suggestion {
        (
            "mfa.add_another_mfa_factor",
            "mfa.add_another_mfa_description",
        )
    } else {
        ("mfa.add_mfa_factors", "mfa.add_mfa_description")
    };
    let session = journey::session();
    let rows = binding
        .rows()
        .into_iter()
        .map(|row| match row {
            Row::Offer(factor) => {
                let (name, about) = factor_keys(&factor);
                let path = format!("/mfa-binding/{}", factor.as_str());
                let href = experience.href(&path);
                // A button with `div._name`, as Logto's `MfaFactorButton`
                // (automation clicks `button div[class$=name]`).
                view! {
                    <button
                        type="button"
                        class="button secondary logto_factor lgt_mfaFactorButton"
                        on:click=move |_| crate::router::navigate(&href, false)
                    >
                        <div class="lgt_name">{experience.t(name)}</div>
                        <div class="secondary lgt_description">{experience.t(about)}</div>
                    </button>
                }
                .into_any()
            }
            // Set up already: the address it goes to, not a link.
            Row::Bound(factor) => {
                let (name, _) = factor_keys(&factor);
                view! {
                    <div class="logto_factor logto_factor-bound">
                        <span>{experience.t(name)}</span>
                        <span class="secondary">{session.mfa_masked(&factor)}</span>
                        <span class="logto_badge">
                            {experience.t("account_center.security.configured")}
                        </span>
                    </div>
                }
                .into_any()
            }
        })
        .collect::<Vec<_>>();
    view! {
        <PageHeading text=experience.t(title) />
        <p class="secondary">{experience.t(description)}</p>
        <div class="logto_factor-list lgt_factorList">{rows}</div>
        <FormAlert form />
        <Skip form />
    }
}

/// `/mfa-binding/<factor>`.
#[component]
pub fn MfaBind(factor: MfaFactor) -> impl IntoView {
    match factor {
        MfaFactor::Totp => view! { <TotpBinding /> }.into_any(),
        MfaFactor::WebAuthn => view! { <WebAuthnBinding /> }.into_any(),
        MfaFactor::BackupCode => view! { <BackupCodeBinding /> }.into_any(),
        MfaFactor::EmailVerificationCode => {
            view! { <AddressBinding kind=SignInIdentifier::Email /> }.into_any()
        }
        MfaFactor::PhoneVerificationCode => {
            view! { <AddressBinding kind=SignInIdentifier::Phone /> }.into_any()
        }
        MfaFactor::Unknown(_) => view! { <MfaBindingFactors /> }.into_any(),
    }
}

/// Loads what a factor page needs from the server once, showing the error
/// on `form` when that fails.
fn prepare<T, F>(journey: &Journey, form: FormState, load: F) -> RwSignal<Option<T>>
where
    T: Send + Sync + 'static,
    F: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let loaded = RwSignal::new(None);
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        match load.await {
            Ok(value) => loaded.set(Some(value)),
            Err(error) => {
                let event = journey::session().event();
                if let Some(Err((_, message))) =
                    journey.settle(form, &event, &Via::Other, Err(error))
                {
                    form.fail(Field::Form, message, false);
                }
            }
        }
    });
    loaded
}

/// The TOTP secret in groups of four, as authenticator apps show it.
fn groups(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect()
}

/// Writes `text` to the clipboard; `false` when the browser refuses.
fn copy(text: &str) -> bool {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::JsCast;
    let navigator = Reflect::get(&window(), &"navigator".into()).ok();
    let clipboard = navigator.and_then(|n| Reflect::get(&n, &"clipboard".into()).ok());
    let write = clipboard
        .as_ref()
        .and_then(|c| Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok());
    match (clipboard, write) {
        (Some(clipboard), Some(write)) => write.call1(&clipboard, &text.into()).is_ok(),
        _ => false,
    }
}

/// `/mfa-binding/Totp`: the server's QR code and the key to copy, then the
/// first code from the app.
#[component]
fn TotpBinding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = {
        let experience = experience.clone();
        move |key: &str| experience.t(key)
    };
    let code = RwSignal::new(String::new());
    let form = FormState::new().input(Field::Code, "code", code);
    let client = experience.client.clone();
    let secret = prepare(&journey, form, async move { client.totp_secret().await });
    let show_key = RwSignal::new(false);
    let copied = RwSignal::new(false);

    let verify = {
        let journey = journey.clone();
        move |digits: String| {
            let Some(TotpSecretResponse {
                verification_id, ..
            }) = secret.get_untracked()
            else {
                return;
            };
            let client = journey.experience.client.clone();
            bind_and_submit(&journey, form, async move {
                let request = TotpVerifyRequest {
                    code: digits,
                    verification_id: Some(verification_id.clone()),
                };
                client.totp_verify(&request).await?;
                client
                    .bind_mfa(&BindMfaRequest {
                        factor: MfaFactor::Totp,
                        verification_id,
                    })
                    .await
            });
        }
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
                        on:click=move |_| copied.set(copy(&key))
                    >
                        {copy_text}
                    </button>
                    <p role="status" class="logto_notice" hidden=move || !copied.get()>
                        {copied_text}
                    </p>
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
        <CodeInputForm form name="totpCode" code verify />
        <OtherFactors />
        <Skip form />
    }
}

/// Runs a WebAuthn registration with prepared `options` and hands the
/// credential to `bind`; ceremony errors show on `form`.
pub fn create_credential<B, F>(
    journey: &Journey,
    form: FormState,
    options: RwSignal<Option<WebAuthnRegistrationResponse>>,
    bind: B,
) where
    B: FnOnce(String) -> F + 'static,
    F: std::future::Future<Output = Result<(), ApiError>> + 'static,
{
    let Some(prepared) = options.get_untracked() else {
        return;
    };
    if !form.begin() {
        return;
    }
    let journey = journey.clone();
    leptos::task::spawn_local(async move {
        let client = journey.experience.client.clone();
        match webauthn::register(&prepared.registration_options).await {
            Ok(payload) => {
                form.end();
                let id = prepared.verification_id.clone();
                bind_and_submit(&journey, form, async move {
                    let request = WebAuthnVerifyRequest {
                        verification_id: Some(id.clone()),
                        payload,
                    };
                    client.web_authn_registration_verify(&request).await?;
                    bind(id).await
                });
            }
            Err(error) => {
                let key = error.phrase(true);
                match key {
                    Some(key) => form.fail(Field::Form, journey.experience.t(key), false),
                    None => form.end(),
                }
            }
        }
    });
}

/// `/mfa-binding/WebAuthn`: a passkey or security key as second factor.
/// The options are fetched when the page opens, so that the browser's
/// prompt opens straight from the click (Safari requires it).
#[component]
fn WebAuthnBinding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let form = FormState::new();
    let supported = webauthn::supported();
    let options = if supported {
        let client = experience.client.clone();
        prepare(&journey, form, async move {
            client.web_authn_registration().await
        })
    } else {
        form.fail(Field::Form, t("mfa.webauthn_not_supported"), false);
        RwSignal::new(None)
    };
    let create = {
        let journey = journey.clone();
        move || {
            let client = journey.experience.client.clone();
            create_credential(&journey, form, options, move |id| async move {
                client
                    .bind_mfa(&BindMfaRequest {
                        factor: MfaFactor::WebAuthn,
                        verification_id: id,
                    })
                    .await
            });
        }
    };
    view! {
        <PageHeading text=t("mfa.create_a_passkey") />
        <p class="secondary">{t("mfa.create_passkey_description")}</p>
        <FormAlert form />
        {supported
            .then(|| {
                let ready = Signal::derive(move || options.get().is_some());
                view! { <ActionButton form text=t("mfa.create_a_passkey") ready on_click=create /> }
            })}
        <OtherFactors />
        <Skip form />
    }
}

/// `/mfa-binding/BackupCode`: the codes, shown once (never stored), to copy,
/// download or print; "Continue" binds them.
#[component]
fn BackupCodeBinding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let form = FormState::new();
    let client = experience.client.clone();
    let codes = prepare(&journey, form, async move {
        client.backup_code_generate().await
    });
    let copied = RwSignal::new(false);
    let text = move || codes.get().map(|c| c.codes.join("\n")).unwrap_or_default();
    let on_continue = {
        let journey = journey.clone();
        move || {
            let Some(BackupCodesResponse {
                verification_id, ..
            }) = codes.get_untracked()
            else {
                return;
            };
            let client = journey.experience.client.clone();
            bind_and_submit(&journey, form, async move {
                client
                    .bind_mfa(&BindMfaRequest {
                        factor: MfaFactor::BackupCode,
                        verification_id,
                    })
                    .await
            });
        }
    };
    let download = move || {
        format!(
            "data:text/plain;charset=utf-8,{}",
            crate::api::client::encode_component(&text())
        )
    };
    let print = |_| {
        let _ = window().print();
    };
    view! {
        <PageHeading text=t("mfa.save_backup_code") />
        <p class="secondary">{t("mfa.save_backup_code_description")}</p>
        <ul class="logto_backup-codes lgt_backupCodes" aria-label=t("mfa.backup_code")>
            {move || {
                codes
                    .get()
                    .map(|c| {
                        c.codes
                            .into_iter()
                            .map(|code| {
                                view! {
                                    <li>
                                        <span>{code}</span>
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>()
                    })
            }}
        </ul>
        <div class="logto_backup-actions">
            <a class="button secondary" href=download download="backup_code.txt">
                {t("action.download")}
            </a>
            <button
                type="button"
                class="button secondary"
                on:click=move |_| copied.set(copy(&text()))
            >
                {t("action.copy")}
            </button>
            <button type="button" class="button secondary" on:click=print>
                {t("logto_experience.print")}
            </button>
        </div>
        <p role="status" class="logto_notice" hidden=move || !copied.get()>
            {t("mfa.backup_code_copied")}
        </p>
        <p class="secondary">{t("mfa.backup_code_hint")}</p>
        <FormAlert form />
        <ActionButton
            form
            text=t("action.continue")
            ready=Signal::derive(move || codes.get().is_some())
            on_click=on_continue
        />
    }
}

/// `/mfa-binding/EmailVerificationCode` and `.../PhoneVerificationCode`: the
/// address to link; its code is checked on `/continue/verification-code`,
/// which then binds it as a factor.
#[component]
fn AddressBinding(kind: SignInIdentifier) -> impl IntoView {
    let form = FormState::new();
    let (heading, description, factor) = match kind {
        SignInIdentifier::Phone => (
            "mfa.link_phone_verification_code_description",
            "mfa.link_phone_2fa_description",
            MfaFactor::PhoneVerificationCode,
        ),
        _ => (
            "mfa.link_email_verification_code_description",
            "mfa.link_email_2fa_description",
            MfaFactor::EmailVerificationCode,
        ),
    };
    view! {
        <AddressForm
            types=vec![kind]
            heading
            description
            back=format!("/mfa-binding/{}", factor.as_str())
            mfa=true
            form
        />
        <OtherFactors />
        <Skip form />
    }
}
