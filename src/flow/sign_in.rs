//! One-screen password sign-in: `PUT /api/experience` is sent as soon as the
//! page shows (while the person types), so the click costs three calls:
//! verify the password, identify, submit.

use crate::api::{Identifier, SignInIdentifier};

/// What `identifier` is, as Logto's page guesses it on a one-field form:
/// `@` means email, digits (with an optional `+`) mean phone, anything else a
/// username; only types the settings enable are returned. A national phone
/// number is read in `country` (the picker's ISO code).
pub fn classify(
    input: &str,
    enabled: &[SignInIdentifier],
    country: Option<&str>,
) -> Option<Identifier> {
    let value = input.trim();
    if value.is_empty() {
        return None;
    }
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let phone = digits.strip_prefix('+').unwrap_or(&digits);
    let guess = if value.contains('@') {
        Identifier::email(value)
    } else if phone.len() >= 3 && phone.chars().all(|c| c.is_ascii_digit()) {
        let country = country.filter(|_| !value.starts_with('+'));
        match crate::phone::parse(value, country) {
            Some(number) => Identifier::phone(number.to_logto()),
            None => Identifier::phone(phone),
        }
    } else {
        Identifier::username(value)
    };
    if enabled.contains(&guess.identifier_type) {
        Some(guess)
    } else if enabled.contains(&SignInIdentifier::Username) {
        // A username may look like a number.
        Some(Identifier::username(value))
    } else {
        None
    }
}

/// Logto's email check (`^\S+@\S+\.\S+$`): something, `@`, something
/// with a dot inside.
pub fn looks_like_email(value: &str) -> bool {
    if value.chars().any(char::is_whitespace) {
        return false;
    }
    match value.split_once('@') {
        // A dot with something on both sides.
        Some((local, domain)) if !local.is_empty() => domain
            .get(1..domain.len().saturating_sub(1))
            .is_some_and(|inner| inner.contains('.')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(looks_like_email("jane@sso.example.com"));
        assert!(looks_like_email("a@b.c"));
        assert!(!looks_like_email("jane@localhost"));
        assert!(!looks_like_email("@x.io"));
        assert!(!looks_like_email("jane @x.io"));
        assert!(!looks_like_email("jane@.io"));
        assert!(!looks_like_email("jane@x."));
    }

    const ALL: [SignInIdentifier; 3] = [
        SignInIdentifier::Username,
        SignInIdentifier::Email,
        SignInIdentifier::Phone,
    ];

    #[test]
    fn classifies_identifiers() {
        assert_eq!(
            classify(" ada ", &ALL, None),
            Some(Identifier::username("ada"))
        );
        assert_eq!(
            classify("ada@example.com", &ALL, None),
            Some(Identifier::email("ada@example.com"))
        );
        assert_eq!(
            classify("+1 (555) 555-0100", &ALL, Some("GB")),
            Some(Identifier::phone("15555550100"))
        );
        assert_eq!(classify("", &ALL, None), None);
        // A national number in the picked country, trunk prefix dropped.
        assert_eq!(
            classify("020 7946 0000", &ALL, Some("GB")),
            Some(Identifier::phone("442079460000"))
        );
        assert_eq!(
            classify("12345", &[SignInIdentifier::Username], None),
            Some(Identifier::username("12345"))
        );
        assert_eq!(classify("a@b.c", &[SignInIdentifier::Phone], None), None);
    }
}
