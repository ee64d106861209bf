//! Where verification codes "go": nothing is delivered, every message is
//! kept here (newest last) for `GET /__sim/outbox` and printed to the log, so
//! that people and tests can read the codes.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::{
    errors::{ApiError, ApiResult},
    state::Inner,
    users, util,
};

pub const MAX_MESSAGES: usize = 500;

/// Logto's `defaultMessageRateLimitPolicy` (schemas `consts/message-rate-limit.ts`):
/// at most 10 sends to one recipient within 600 seconds.
const SEND_WINDOW: Duration = Duration::from_secs(600);
const MAX_SENDS_PER_RECIPIENT: usize = 10;
/// Recipients tracked at once (the oldest are forgotten past it).
const MAX_RECIPIENTS: usize = 10_000;

/// One bucket per recipient, as `normalizeRecipient` in Logto's
/// `sentinel/message-rate-guard.ts`: e-mail lower-cased, phone as digits.
fn rate_key(recipient: &str) -> String {
    let trimmed = recipient.trim();
    if trimmed.contains('@') {
        trimmed.to_lowercase()
    } else {
        users::normalize_phone(trimmed)
    }
}

/// `429 request.message_rate_limited` when `recipient` already got the
/// maximum within the window (`MessageRateGuard.guard`).
pub fn check_rate(inner: &mut Inner, recipient: &str) -> ApiResult<()> {
    let sends = inner.message_sends.entry(rate_key(recipient)).or_default();
    sends.retain(|time| time.elapsed() < SEND_WINDOW);
    if sends.len() >= MAX_SENDS_PER_RECIPIENT {
        return Err(ApiError::new("request.message_rate_limited"));
    }
    Ok(())
}

/// Counts a send to `recipient` (`MessageRateGuard.record`).
fn record_send(inner: &mut Inner, recipient: &str) {
    if inner.message_sends.len() >= MAX_RECIPIENTS {
        inner.message_sends.retain(|_, sends| {
            sends
                .back()
                .is_some_and(|time| time.elapsed() < SEND_WINDOW)
        });
        if inner.message_sends.len() >= MAX_RECIPIENTS {
            inner.message_sends.clear();
        }
    }
    inner
        .message_sends
        .entry(rate_key(recipient))
        .or_default()
        .push_back(Instant::now());
}

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

/// Records a sent code (and counts it for the recipient's limit) and logs it.
pub fn send(inner: &mut Inner, channel: &str, recipient: &str, code: &str, event: &str) {
    record_send(inner, recipient);
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
