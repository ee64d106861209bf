//! `/one-time-token/error`: why a magic link cannot be used.

use leptos::prelude::*;

use crate::{
    context::use_experience,
    flow::magic_link::{self, Text},
    journeys::{Key, Session},
    shell::PageHeading,
};

/// `/one-time-token/error`.
#[component]
pub fn OneTimeTokenError() -> impl IntoView {
    let experience = use_experience();
    let record = Session::browser().get(Key::MagicLinkError);
    let text = |text| match text {
        Text::Phrase(key) => experience.t(&key),
        Text::Server(words) => words,
    };
    let (title, message) = magic_link::error_texts(record.as_deref());
    let (title, message) = (text(title), text(message));
    view! {
        <div class="logto_error-page">
            <span class="logto_error-mark">
                {crate::components::icon::icon(crate::components::icon::INFO)}
            </span>
            <PageHeading text=title />
            <p class="secondary">{message}</p>
            <crate::shell::SupportInfo />
        </div>
    }
}
