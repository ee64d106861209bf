//! Where verification codes "go": nothing is delivered, every message is
//! kept here (newest last) for `GET /__sim/outbox` and printed to the log, so
//! that people and tests can read the codes.

use serde::Serialize;

use crate::{state::Inner, util};

pub const MAX_MESSAGES: usize = 500;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// `email` or `phone`.
    pub channel: String,
    pub recipient: String,
    pub code: String,
    /// The interaction event the code was requested for.
    pub interaction_event: String,
    /// Epoch milliseconds.
    pub time: u128,
    /// The same instant in RFC 3339, for humans.
    pub sent_at: String,
}

/// Records a sent code and logs it.
pub fn send(inner: &mut Inner, channel: &str, recipient: &str, code: &str, event: &str) {
    let time = util::now_ms();
    println!("logto-sim: {event} verification code {code} sent to {channel} {recipient}");
    if inner.outbox.len() >= MAX_MESSAGES {
        inner.outbox.pop_front();
    }
    inner.outbox.push_back(Message {
        channel: channel.to_string(),
        recipient: recipient.to_string(),
        code: code.to_string(),
        interaction_event: event.to_string(),
        time,
        sent_at: util::rfc3339(time),
    });
}
