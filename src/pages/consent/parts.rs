//! The parts of the consent page: the person, a group of scopes, and the
//! agreement under the buttons.

use leptos::prelude::*;

use crate::{
    api::{ConsentInfo, ConsentUser},
    context::{use_experience, Experience},
    flow::{
        consent::{self, ScopeGroup, ScopeText},
        redirect,
    },
};

/// The person the consent is for: avatar, name (or id) and identifier.
#[component]
pub fn UserCard(user: ConsentUser) -> impl IntoView {
    let experience = use_experience();
    let name = user
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            experience
                .i18n
                .t_with("description.user_id", &[("id", user.id.clone().into())])
        });
    let identifier = user
        .primary_email
        .clone()
        .or(user.primary_phone.clone())
        .or(user.username.clone())
        .unwrap_or_default();
    let initial = name
        .chars()
        .next()
        .unwrap_or('?')
        .to_uppercase()
        .to_string();
    let avatar = match user.avatar.filter(|url| redirect::checked(url).is_ok()) {
        Some(url) => view! { <img class="logto_avatar" src=url alt="" /> }.into_any(),
        None => view! {
            <span class="logto_avatar" aria-hidden="true">
                {initial}
            </span>
        }
        .into_any(),
    };
    view! {
        <div class="logto_user-card">
            {avatar} <div>
                <div class="logto_user-name">{name}</div>
                <div class="secondary">{identifier}</div>
            </div>
        </div>
    }
}

/// One group of scopes as a native disclosure.
pub(super) fn scope_group(
    experience: &Experience,
    group: ScopeGroup,
    unnamed: &str,
) -> impl IntoView {
    let name = group.name.unwrap_or_else(|| experience.t(unnamed));
    let items = group
        .scopes
        .into_iter()
        .map(|scope| {
            let text = match scope {
                ScopeText::Phrase(key) => experience.t(&key),
                ScopeText::Text(text) => text,
            };
            view! { <li>{text}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <details class="logto_scope-group" open=group.open>
            <summary>{name}</summary>
            <ul>{items}</ul>
        </details>
    }
}

/// "By authorizing, you agree to the application's terms ..." (or where
/// it redirects to, without documents).
#[component]
pub(super) fn Agreement(info: ConsentInfo, name: String) -> impl IntoView {
    let experience = use_experience();
    let origin = info.redirect_uri.as_deref().map(consent::redirect_origin);
    let app = &info.application;
    let documents: Vec<(String, &str)> = [
        (&app.terms_of_use_url, "description.terms_of_use"),
        (&app.privacy_policy_url, "description.privacy_policy"),
    ]
    .into_iter()
    .filter_map(|(url, key)| {
        url.clone()
            .filter(|url| redirect::checked(url).is_ok() && url.starts_with("http"))
            .map(|url| (url, key))
    })
    .collect();
    let agreement = if documents.is_empty() {
        origin.map(|origin| {
            let text = experience
                .i18n
                .t_with("description.redirect_to", &[("name", origin.into())]);
            view! { <p class="secondary logto_consent-note">{text}</p> }.into_any()
        })
    } else {
        let key = if origin.is_some() {
            "description.authorize_agreement_with_redirect"
        } else {
            "description.authorize_agreement"
        };
        let sentence = experience.i18n.t_with(
            key,
            &[
                ("name", name.clone().into()),
                ("uri", origin.unwrap_or_default().into()),
            ],
        );
        let (before, after) = sentence
            .split_once("<link></link>")
            .map(|(b, a)| (b.to_owned(), a.to_owned()))
            .unwrap_or((sentence.clone(), String::new()));
        let mut links = Vec::new();
        for (url, key) in documents {
            if !links.is_empty() {
                links.push(format!(" {} ", experience.t("description.and")).into_any());
            }
            links.push(
                view! {
                    <a href=url target="_blank" rel="noopener noreferrer">
                        {experience.t(key)}
                    </a>
                }
                .into_any(),
            );
        }
        Some(
            view! { <p class="secondary logto_consent-note">{before} {links} {after}</p> }
                .into_any(),
        )
    };
    agreement
}
