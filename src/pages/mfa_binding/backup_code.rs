//! `/mfa-binding/BackupCode`: backup codes as second factor.

use leptos::prelude::*;

use super::copy;
use crate::{
    components::form::{ActionButton, FormAlert, FormState},
    journey::use_journey,
    shell::PageHeading,
};

/// `/mfa-binding/BackupCode`: the codes, shown once (never stored), to copy,
/// download or print; "Continue" binds them.
#[component]
pub(super) fn BackupCodeBinding() -> impl IntoView {
    let journey = use_journey();
    let experience = journey.experience.clone();
    let t = |key: &str| experience.t(key);
    let form = FormState::new();
    let journeys = journey.journeys();
    let codes = journey.load(form, async move { journeys.backup_codes().await });
    let copied = t("mfa.backup_code_copied");
    let text = move || codes.get().map(|c| c.codes.join("\n")).unwrap_or_default();
    let on_continue = move || {
        let Some(codes) = codes.get_untracked() else {
            return;
        };
        let journeys = journey.journeys();
        journey.run(
            form,
            async move { journeys.bind_backup_codes(&codes).await },
        );
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
            <button type="button" class="button secondary" on:click=move |_| copy(&text(), &copied)>
                {t("action.copy")}
            </button>
            <button type="button" class="button secondary" on:click=print>
                {t("logto_experience.print")}
            </button>
        </div>
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
