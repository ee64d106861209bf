//! Username checks. Sign-in and forgot password apply only the hard rule
//! (non-empty, no leading digit, `[A-Za-z0-9_]`) so that usernames created
//! before a stricter policy keep working; registration and the set-username
//! page apply the tenant's `usernamePolicy` too, as the server does.

use crate::api::settings::UsernamePolicy;

/// A failed username rule: render with `error.<key>` and the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsernameError {
    Required,
    StartsWithNumber,
    InvalidCharset,
    TooShort { min: u32 },
    TooLong { max: u32 },
    UppercaseNotAllowed,
    LowercaseNotAllowed,
    NumbersNotAllowed,
    UnderscoreNotAllowed,
}

impl UsernameError {
    /// The phrase key, e.g. `error.username_too_short`.
    pub fn phrase_key(&self) -> &'static str {
        match self {
            Self::Required => "error.username_required",
            Self::StartsWithNumber => "error.username_should_not_start_with_number",
            Self::InvalidCharset => "error.username_invalid_charset",
            Self::TooShort { .. } => "error.username_too_short",
            Self::TooLong { .. } => "error.username_too_long",
            Self::UppercaseNotAllowed => "error.username_uppercase_not_allowed",
            Self::LowercaseNotAllowed => "error.username_lowercase_not_allowed",
            Self::NumbersNotAllowed => "error.username_numbers_not_allowed",
            Self::UnderscoreNotAllowed => "error.username_underscore_not_allowed",
        }
    }

    /// The phrase's interpolation values.
    pub fn args(&self) -> Vec<(&'static str, u64)> {
        match self {
            Self::TooShort { min } => vec![("min", (*min).into())],
            Self::TooLong { max } => vec![("max", (*max).into())],
            _ => Vec::new(),
        }
    }
}

/// The hard rule, for sign-in and forgot password.
pub fn check_hard(username: &str) -> Result<(), UsernameError> {
    let mut chars = username.chars();
    match chars.next() {
        None => Err(UsernameError::Required),
        Some(c) if c.is_ascii_digit() => Err(UsernameError::StartsWithNumber),
        Some(_)
            if !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            Err(UsernameError::InvalidCharset)
        }
        Some(_) => Ok(()),
    }
}

/// The hard rule plus the tenant's policy, for new usernames.
pub fn check(username: &str, policy: &UsernamePolicy) -> Result<(), UsernameError> {
    check_hard(username)?;
    // ASCII only by now: bytes are characters.
    let length = username.len();
    if length < policy.min_length as usize {
        return Err(UsernameError::TooShort {
            min: policy.min_length,
        });
    }
    if length > policy.max_length as usize {
        return Err(UsernameError::TooLong {
            max: policy.max_length,
        });
    }
    let allowed = &policy.allowed_chars;
    let has = |f: fn(&u8) -> bool| username.as_bytes().iter().any(f);
    if !allowed.uppercase && has(u8::is_ascii_uppercase) {
        Err(UsernameError::UppercaseNotAllowed)
    } else if !allowed.lowercase && has(u8::is_ascii_lowercase) {
        Err(UsernameError::LowercaseNotAllowed)
    } else if !allowed.numbers && has(u8::is_ascii_digit) {
        Err(UsernameError::NumbersNotAllowed)
    } else if !allowed.underscore && has(|b| *b == b'_') {
        Err(UsernameError::UnderscoreNotAllowed)
    } else {
        Ok(())
    }
}

/// The username requirements sentence: `description.username_requirements`
/// (`{{items, list}}`) over these items; `None` for the permissive default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsernameRequirements {
    /// `description.username_requirement.length` with `min`/`max`.
    pub length: Option<(u32, u32)>,
    /// `description.username_requirement.characters` with `characters`
    /// (a list of these `description.username_character.*` phrases).
    pub characters: Option<Vec<&'static str>>,
}

/// The parts of the requirements sentence, `None` when nothing restricts.
pub fn requirements(policy: &UsernamePolicy) -> Option<UsernameRequirements> {
    let defaults = UsernamePolicy::default();
    let a = &policy.allowed_chars;
    let kinds = [
        (a.uppercase, "description.username_character.uppercase"),
        (a.lowercase, "description.username_character.lowercase"),
        (a.numbers, "description.username_character.number"),
        (a.underscore, "description.username_character.underscore"),
    ];
    let length = (policy.min_length > defaults.min_length
        || policy.max_length < defaults.max_length)
        .then_some((policy.min_length, policy.max_length));
    let characters = kinds.iter().any(|(on, _)| !on).then(|| {
        kinds
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, k)| *k)
            .collect()
    });
    (length.is_some() || characters.is_some())
        .then_some(UsernameRequirements { length, characters })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::settings::AllowedChars;

    #[test]
    fn hard_rule() {
        assert_eq!(check_hard(""), Err(UsernameError::Required));
        assert_eq!(check_hard("1ada"), Err(UsernameError::StartsWithNumber));
        assert_eq!(
            check_hard("ada lovelace"),
            Err(UsernameError::InvalidCharset)
        );
        assert_eq!(check_hard("adé"), Err(UsernameError::InvalidCharset));
        assert_eq!(check_hard("_Ada_1"), Ok(()));
        // Sign-in ignores the policy: an old long name still passes.
        assert_eq!(check_hard(&"a".repeat(300)), Ok(()));
    }

    #[test]
    fn tenant_policy() {
        let policy = UsernamePolicy {
            case_sensitive: false,
            min_length: 4,
            max_length: 8,
            allowed_chars: AllowedChars {
                lowercase: true,
                uppercase: false,
                numbers: true,
                underscore: false,
            },
        };
        assert_eq!(
            check("abc", &policy),
            Err(UsernameError::TooShort { min: 4 })
        );
        assert_eq!(
            check("abcdefghi", &policy),
            Err(UsernameError::TooLong { max: 8 })
        );
        assert_eq!(
            check("Abcd", &policy),
            Err(UsernameError::UppercaseNotAllowed)
        );
        assert_eq!(
            check("ab_cd", &policy),
            Err(UsernameError::UnderscoreNotAllowed)
        );
        assert_eq!(
            check("1abcd", &policy),
            Err(UsernameError::StartsWithNumber)
        );
        assert_eq!(check("abcd1", &policy), Ok(()));
        assert_eq!(UsernameError::TooShort { min: 4 }.args(), [("min", 4)]);
        let reqs = requirements(&policy).unwrap();
        assert_eq!(reqs.length, Some((4, 8)));
        assert_eq!(
            reqs.characters.unwrap(),
            [
                "description.username_character.lowercase",
                "description.username_character.number"
            ]
        );
        assert_eq!(requirements(&UsernamePolicy::default()), None);
        assert_eq!(check("Ada_1", &UsernamePolicy::default()), Ok(()));
    }

    #[test]
    fn phrase_keys_exist_in_the_recorded_english() {
        let has = crate::flow::fixtures::english_has;
        for e in [
            UsernameError::Required,
            UsernameError::StartsWithNumber,
            UsernameError::InvalidCharset,
            UsernameError::TooShort { min: 1 },
            UsernameError::TooLong { max: 1 },
            UsernameError::UppercaseNotAllowed,
            UsernameError::LowercaseNotAllowed,
            UsernameError::NumbersNotAllowed,
            UsernameError::UnderscoreNotAllowed,
        ] {
            assert!(has(e.phrase_key()), "{}", e.phrase_key());
        }
        assert!(has("description.username_requirements"));
        assert!(has("description.username_requirement.length"));
        assert!(has("description.username_character.number"));
    }
}
