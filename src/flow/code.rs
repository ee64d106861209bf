//! Verification codes: what a pasted code becomes, when "resend" comes
//! back, and where a code goes.

use crate::api::error::MissingProfile;
use crate::api::{Identifier, MfaFactor, MfaIdentifierType, SignInIdentifier, VerificationType};

/// Logto's codes are six digits (sent as a string).
pub const CODE_LENGTH: usize = 6;

/// Seconds before "resend" is offered again (Logto's page counts 59).
pub const RESEND_SECONDS: u32 = 60;

/// The digits of typed or pasted text, at most [`CODE_LENGTH`]: spaces,
/// dashes and any other text ("Your code: 123-456") are dropped;
/// full-width digits from CJK input methods count.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')),
            _ => None,
        })
        .take(CODE_LENGTH)
        .collect()
}

/// Whether the code is complete, so the page may submit it at once.
pub fn is_complete(code: &str) -> bool {
    code.len() == CODE_LENGTH && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whole seconds left before resend, from the send time and now (both in
/// milliseconds, e.g. `Date.now()`); a clock set back restarts the wait.
pub fn resend_remaining(sent_at_ms: f64, now_ms: f64) -> u32 {
    let total = f64::from(RESEND_SECONDS);
    let elapsed = (now_ms - sent_at_ms) / 1000.0;
    if !(0.0..total).contains(&elapsed) {
        return if elapsed < 0.0 { RESEND_SECONDS } else { 0 };
    }
    (total - elapsed).ceil() as u32
}

/// The verification record a code to this identifier creates.
pub fn verification_type(kind: &SignInIdentifier) -> Option<VerificationType> {
    match kind {
        SignInIdentifier::Email => Some(VerificationType::EmailVerificationCode),
        SignInIdentifier::Phone => Some(VerificationType::PhoneVerificationCode),
        _ => None,
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
        assert_eq!(resend_remaining(0.0, 0.0), 60);
        assert_eq!(resend_remaining(0.0, 1.0), 60);
        assert_eq!(resend_remaining(0.0, 1000.0), 59);
        assert_eq!(resend_remaining(0.0, 59_001.0), 1);
        assert_eq!(resend_remaining(0.0, 60_000.0), 0);
        assert_eq!(resend_remaining(0.0, 3_600_000.0), 0);
        assert_eq!(resend_remaining(10_000.0, 5_000.0), 60);
    }

    #[test]
    fn knows_where_codes_go() {
        assert_eq!(
            verification_type(&SignInIdentifier::Email),
            Some(VerificationType::EmailVerificationCode)
        );
        assert_eq!(
            verification_type(&SignInIdentifier::Phone),
            Some(VerificationType::PhoneVerificationCode)
        );
        assert_eq!(verification_type(&SignInIdentifier::Username), None);
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
