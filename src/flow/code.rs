//! Verification codes: what a pasted code becomes, when "resend" comes
//! back, and where a code goes.

use crate::api::error::MissingProfile;
use crate::api::{ApiError, ErrorCode, Identifier, MfaFactor, MfaIdentifierType, SignInIdentifier};

/// Logto's codes are six digits (sent as a string).
pub const CODE_LENGTH: usize = 6;

/// Seconds before "resend" is offered again (Logto's page counts 59).
pub const RESEND_SECONDS: u32 = 60;

/// The window of Logto's per-recipient send limit
/// (`defaultMessageRateLimitPolicy`: 10 codes to one address within 600
/// seconds). `request.message_rate_limited` carries no data, so the page
/// cannot tell when the oldest send leaves the window: after the whole
/// window, a send is certain to pass.
pub const MESSAGE_RATE_WINDOW_SECONDS: u32 = 600;

/// The digits of typed or pasted text, at most [`CODE_LENGTH`]: spaces,
/// dashes and any other text ("Your code: 123-456") are dropped;
/// full-width digits from CJK input methods count.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            // Full-width digits: the same offset from their zero as ASCII's.
            '\u{FF10}'..='\u{FF19}' => char::from_digit(u32::from(c).saturating_sub(0xFF10), 10),
            _ => None,
        })
        .take(CODE_LENGTH)
        .collect()
}

/// Whether the code is complete, so the page may submit it at once.
pub fn is_complete(code: &str) -> bool {
    code.len() == CODE_LENGTH && code.bytes().all(|b| b.is_ascii_digit())
}

/// The code after `typed` went into box `index` of the six boxes: `boxes`
/// holds one character per box, a space for an empty one. One digit fills
/// the box; several (a paste, an autofill, automation filling one box with
/// the whole code) fill the boxes from there on, or all of them when they
/// are a whole code; nothing empties the box. Also returns the box to
/// focus next.
pub fn place(boxes: &str, index: usize, typed: &str) -> (String, usize) {
    let digits: Vec<char> = normalize(typed).chars().collect();
    let mut cells: Vec<char> = boxes
        .chars()
        .chain(std::iter::repeat(' '))
        .take(CODE_LENGTH)
        .collect();
    let index = index.min(CODE_LENGTH - 1);
    let start = if digits.len() == CODE_LENGTH {
        0
    } else {
        index
    };
    for (cell, digit) in cells.iter_mut().skip(start).zip(&digits) {
        *cell = *digit;
    }
    if digits.is_empty() {
        if let Some(cell) = cells.get_mut(index) {
            *cell = ' ';
        }
    }
    let next = start.saturating_add(digits.len()).min(CODE_LENGTH - 1);
    let code: String = cells.into_iter().collect();
    (code.trim_end().to_owned(), next)
}

/// Whole seconds left of a `wait` (in seconds) that started at `since_ms`,
/// at `now_ms` (both in milliseconds, e.g. `Date.now()`); a clock set back
/// restarts the wait.
pub fn resend_remaining(since_ms: f64, now_ms: f64, wait: u32) -> u32 {
    let total = f64::from(wait);
    let elapsed = (now_ms - since_ms) / 1000.0;
    if !(0.0..total).contains(&elapsed) {
        return if elapsed < 0.0 { wait } else { 0 };
    }
    (total - elapsed).ceil() as u32
}

/// Seconds before trying again, when `error` says: the whole rate-limit
/// window for `request.message_rate_limited` (another code to the same
/// address), a gateway's `Retry-After`, else `None` (no wait is known).
pub fn retry_after(error: &ApiError) -> Option<u32> {
    match error {
        ApiError::TooManyRequests { retry_after } => *retry_after,
        _ => error
            .is(&ErrorCode::RequestMessageRateLimited)
            .then_some(MESSAGE_RATE_WINDOW_SECONDS),
    }
}

/// The wait before "resend" after `error` answered a send or a verify:
/// `Some(0)` when the code can never be used any more (already used or
/// gone, for another address, expired, too many tries: only a new one
/// helps, so resend is offered at once), the rate-limit window when the
/// address got too many codes, `None` to keep the countdown as it is (a
/// mistyped code, say).
pub fn resend_wait(error: &ApiError) -> Option<u32> {
    use ErrorCode as C;
    let Some(code) = error.code() else {
        return retry_after(error);
    };
    match code {
        C::VerificationCodeNotFound
        | C::SessionVerificationSessionNotFound
        | C::VerificationCodeEmailMismatch
        | C::VerificationCodePhoneMismatch
        | C::VerificationCodeExpired
        | C::VerificationCodeExceedMaxTry => Some(0),
        _ => retry_after(error),
    }
}

/// Where an MFA code goes (the user's primary address of that type).
pub fn mfa_target(factor: &MfaFactor) -> Option<MfaIdentifierType> {
    match factor {
        MfaFactor::EmailVerificationCode => Some(MfaIdentifierType::Email),
        MfaFactor::PhoneVerificationCode => Some(MfaIdentifierType::Phone),
        _ => None,
    }
}

/// The identifier types a continue page for a missing item accepts (the
/// code goes to what is typed there); empty for non-address items.
pub fn profile_targets(missing: &MissingProfile) -> Vec<SignInIdentifier> {
    match missing {
        MissingProfile::Email => vec![SignInIdentifier::Email],
        MissingProfile::Phone => vec![SignInIdentifier::Phone],
        MissingProfile::EmailOrPhone => vec![SignInIdentifier::Email, SignInIdentifier::Phone],
        _ => Vec::new(),
    }
}

/// "Sent to …": the address as people read it (`+1 4155550100`).
pub fn sent_to(identifier: &Identifier) -> String {
    match identifier.identifier_type {
        SignInIdentifier::Phone => crate::phone::display(&identifier.value),
        _ => identifier.value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_take_digits_pastes_and_deletions() {
        assert_eq!(place("", 0, "1"), ("1".to_owned(), 1));
        assert_eq!(place("12", 2, "3"), ("123".to_owned(), 3));
        // A whole code goes into all boxes, wherever it was pasted.
        assert_eq!(
            place("9", 3, "Your code: 123-456"),
            ("123456".to_owned(), 5)
        );
        assert_eq!(place("", 0, "123456"), ("123456".to_owned(), 5));
        // Part of one fills from the box on.
        assert_eq!(place("1", 1, "234"), ("1234".to_owned(), 4));
        // Deleting leaves a gap, and the code is incomplete.
        let (gap, next) = place("123456", 2, "");
        assert_eq!((gap.as_str(), next), ("12 456", 2));
        assert!(!is_complete(&gap));
        assert_eq!(place(&gap, 2, "7"), ("127456".to_owned(), 3));
        assert_eq!(place("12345", 5, "6"), ("123456".to_owned(), 5));
        assert_eq!(place("1", 0, ""), (String::new(), 0));
    }

    #[test]
    fn normalizes_pasted_codes() {
        assert_eq!(normalize("123456"), "123456");
        assert_eq!(normalize(" 123 456 "), "123456");
        assert_eq!(normalize("123-456"), "123456");
        assert_eq!(normalize("Your code: 123-456."), "123456");
        assert_eq!(normalize("1234567"), "123456");
        assert_eq!(normalize("１２３４５６"), "123456");
        assert_eq!(normalize("12a"), "12");
        assert!(is_complete(&normalize("12 34 56")));
        assert!(!is_complete("12345"));
        assert!(!is_complete("12345a"));
    }

    #[test]
    fn counts_down_to_resend() {
        let wait = RESEND_SECONDS;
        assert_eq!(resend_remaining(0.0, 0.0, wait), 60);
        assert_eq!(resend_remaining(0.0, 1.0, wait), 60);
        assert_eq!(resend_remaining(0.0, 1000.0, wait), 59);
        assert_eq!(resend_remaining(0.0, 59_001.0, wait), 1);
        assert_eq!(resend_remaining(0.0, 60_000.0, wait), 0);
        assert_eq!(resend_remaining(0.0, 3_600_000.0, wait), 0);
        assert_eq!(resend_remaining(10_000.0, 5_000.0, wait), 60);
        // No wait: resend at once.
        assert_eq!(resend_remaining(0.0, 0.0, 0), 0);
        // The rate-limit window.
        assert_eq!(resend_remaining(0.0, 1000.0, 600), 599);
    }

    fn error(status: u16, code: &str) -> ApiError {
        let body = format!(r#"{{"code":"{code}","message":"m"}}"#);
        ApiError::from_response(status, body.as_bytes())
    }

    #[test]
    fn a_code_that_cannot_work_any_more_may_be_resent_at_once() {
        for code in [
            "verification_code.not_found",
            "verification_code.email_mismatch",
            "verification_code.phone_mismatch",
            "verification_code.expired",
            "verification_code.exceed_max_try",
            "session.verification_session_not_found",
        ] {
            assert_eq!(resend_wait(&error(400, code)), Some(0), "{code}");
        }
        // A mistyped code: the countdown goes on.
        assert_eq!(
            resend_wait(&error(400, "verification_code.code_mismatch")),
            None
        );
        assert_eq!(resend_wait(&ApiError::Timeout), None);
    }

    #[test]
    fn a_rate_limited_address_waits_the_whole_window() {
        let limited = error(429, "request.message_rate_limited");
        assert_eq!(retry_after(&limited), Some(600));
        assert_eq!(resend_wait(&limited), Some(600));
        assert_eq!(retry_after(&error(429, "request.rate_limited")), None);
        // A gateway in front of Logto says how long, in `Retry-After`.
        let gateway = ApiError::TooManyRequests {
            retry_after: Some(30),
        };
        assert_eq!(retry_after(&gateway), Some(30));
        assert_eq!(resend_wait(&gateway), Some(30));
        assert_eq!(
            retry_after(&error(400, "verification_code.not_found")),
            None
        );
    }

    #[test]
    fn knows_where_codes_go() {
        assert_eq!(
            mfa_target(&MfaFactor::PhoneVerificationCode),
            Some(MfaIdentifierType::Phone)
        );
        assert_eq!(mfa_target(&MfaFactor::Totp), None);
        assert_eq!(
            profile_targets(&MissingProfile::EmailOrPhone),
            [SignInIdentifier::Email, SignInIdentifier::Phone]
        );
        assert!(profile_targets(&MissingProfile::Password).is_empty());
        assert_eq!(sent_to(&Identifier::phone("14155550100")), "+1 4155550100");
        assert_eq!(sent_to(&Identifier::email("a@b.co")), "a@b.co");
    }
}
