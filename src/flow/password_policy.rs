//! The password policy on the client: the same fast check the server runs
//! first (length, character types, unsupported characters), so most
//! mistakes show before a request; the server's `password.rejected` issues
//! map to the same rules, so both render rule by rule.
//!
//! Pwned, repetition/sequence, personal-information and word checks stay on
//! the server: they need the network or the user's data.

use crate::api::error::{PasswordIssue, PasswordIssueCode};
use crate::api::settings::PasswordPolicy;

/// Logto's symbol set (`PasswordPolicyChecker.symbols`): ASCII punctuation
/// and space. Anything outside letters, digits and these is unsupported.
pub const SYMBOLS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";

/// The effective policy, defaults applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub min_length: u32,
    pub max_length: u32,
    /// Of lowercase, uppercase, digits, symbols (1–4).
    pub min_character_types: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Self::from_settings(&PasswordPolicy::default())
    }
}

impl Policy {
    pub fn from_settings(policy: &PasswordPolicy) -> Self {
        Self {
            min_length: policy.effective_min_length(),
            max_length: policy.effective_max_length(),
            min_character_types: policy.effective_min_character_types().clamp(1, 4),
        }
    }
}

/// A failed rule, from the client check or the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    TooShort {
        min: u64,
    },
    TooLong {
        max: u64,
    },
    CharacterTypes {
        min: u64,
    },
    UnsupportedCharacters,
    Pwned,
    Repetition,
    Sequence,
    UserInfo,
    Words,
    /// An issue code this client does not know (`password_rejected.*`).
    Other(String),
}

impl Rule {
    /// The phrase key of the rule's own message, e.g.
    /// `error.password_rejected.too_short` (for `restricted.*` rules this is
    /// the list item, e.g. "repeated characters").
    pub fn phrase_key(&self) -> String {
        let suffix = match self {
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::CharacterTypes { .. } => "character_types",
            Self::UnsupportedCharacters => "unsupported_characters",
            Self::Pwned => "pwned",
            Self::Repetition => "restricted.repetition",
            Self::Sequence => "restricted.sequence",
            Self::UserInfo => "restricted.user_info",
            Self::Words => "restricted.words",
            Self::Other(code) => return format!("error.{code}"),
        };
        format!("error.password_rejected.{suffix}")
    }

    /// The phrase's interpolation values.
    pub fn args(&self) -> Vec<(&'static str, u64)> {
        match self {
            Self::TooShort { min } | Self::CharacterTypes { min } => vec![("min", *min)],
            Self::TooLong { max } => vec![("max", *max)],
            _ => Vec::new(),
        }
    }

    /// A `restricted.*` rule: Logto lists these together in one sentence.
    pub fn is_restricted(&self) -> bool {
        matches!(
            self,
            Self::Repetition | Self::Sequence | Self::UserInfo | Self::Words
        )
    }
}

/// The phrase key of Logto's one message for several `restricted.*` rules.
pub const RESTRICTED_FOUND: &str = "error.password_rejected.restricted_found";

/// The server's fast check, on the client: at most one length rule, then
/// either unsupported characters or too few character types. Lengths count
/// UTF-16 units, as the server does.
pub fn check(policy: &Policy, password: &str) -> Vec<Rule> {
    let mut rules = Vec::new();
    let length = password.encode_utf16().count() as u64;
    if length < u64::from(policy.min_length) {
        rules.push(Rule::TooShort {
            min: policy.min_length.into(),
        });
    } else if length > u64::from(policy.max_length) {
        rules.push(Rule::TooLong {
            max: policy.max_length.into(),
        });
    }
    let mut kinds = 0u8;
    for c in password.chars() {
        kinds |= match c {
            'a'..='z' => 1,
            'A'..='Z' => 2,
            '0'..='9' => 4,
            c if SYMBOLS.contains(c) => 8,
            _ => {
                rules.push(Rule::UnsupportedCharacters);
                return rules;
            }
        };
    }
    if kinds.count_ones() < policy.min_character_types {
        rules.push(Rule::CharacterTypes {
            min: policy.min_character_types.into(),
        });
    }
    rules
}

/// The server's `password.rejected` issues as rules, in server order.
pub fn from_server(issues: &[PasswordIssue]) -> Vec<Rule> {
    use PasswordIssueCode as P;
    issues
        .iter()
        .map(|issue| match &issue.code {
            P::TooShort => Rule::TooShort {
                min: issue.min().unwrap_or(0),
            },
            P::TooLong => Rule::TooLong {
                max: issue.max().unwrap_or(0),
            },
            P::CharacterTypes => Rule::CharacterTypes {
                min: issue.min().unwrap_or(0),
            },
            P::UnsupportedCharacters => Rule::UnsupportedCharacters,
            P::Pwned => Rule::Pwned,
            P::RestrictedRepetition => Rule::Repetition,
            P::RestrictedSequence => Rule::Sequence,
            P::RestrictedUserInfo => Rule::UserInfo,
            P::RestrictedWords => Rule::Words,
            P::Unknown(code) => Rule::Other(code.clone()),
        })
        .collect()
}

/// One part of the requirements sentence: a plural phrase key
/// (`description.password_requirement.length` / `.character_types`, pick
/// `_one`/`_other`... by `count`), joined into
/// [`REQUIREMENTS`] (`{{items, list}}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    pub key: &'static str,
    pub count: u64,
}

/// The sentence that wraps the [`requirements`] items.
pub const REQUIREMENTS: &str = "description.password_requirements";

/// The requirements sentence parts; empty means no sentence. Like Logto,
/// the length is left out when the character types already imply it.
pub fn requirements(policy: &Policy) -> Vec<Requirement> {
    let mut items = Vec::new();
    if policy.min_length > policy.min_character_types {
        items.push(Requirement {
            key: "description.password_requirement.length",
            count: policy.min_length.into(),
        });
    }
    if policy.min_character_types > 1 {
        items.push(Requirement {
            key: "description.password_requirement.character_types",
            count: policy.min_character_types.into(),
        });
    }
    items
}

/// Safari's `passwordrules` attribute, so that its generator makes a
/// password the policy accepts: the first `min_character_types` classes
/// required, the others allowed, nothing outside Logto's set.
pub fn passwordrules(policy: &Policy) -> String {
    const CLASSES: [&str; 4] = ["lower", "upper", "digit", "special"];
    let required = (policy.min_character_types as usize).clamp(1, 4);
    let mut rules = format!(
        "minlength: {}; maxlength: {};",
        policy.min_length, policy.max_length
    );
    let (required, allowed) = CLASSES.split_at(required);
    for class in required {
        rules.push_str(" required: ");
        rules.push_str(class);
        rules.push(';');
    }
    if !allowed.is_empty() {
        rules.push_str(" allowed: ");
        rules.push_str(&allowed.join(", "));
        rules.push(';');
    }
    rules
}

/// `minlength` / `maxlength` attributes of new-password inputs.
pub fn length_attributes(policy: &Policy) -> (u32, u32) {
    (policy.min_length, policy.max_length)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiError, ErrorData};

    fn recorded_policy(name: &str) -> Policy {
        Policy::from_settings(&crate::flow::fixtures::settings(name).password_policy)
    }

    #[test]
    fn defaults_apply_to_missing_keys() {
        let policy = Policy::from_settings(&PasswordPolicy::default());
        assert_eq!(
            policy,
            Policy {
                min_length: 8,
                max_length: 256,
                min_character_types: 1
            }
        );
        let partial: PasswordPolicy =
            crate::api::json::from_value(&serde_json::json!({"characterTypes": {"min": 3}}))
                .unwrap();
        let policy = Policy::from_settings(&partial);
        assert_eq!((policy.min_length, policy.min_character_types), (8, 3));
        assert_eq!(
            recorded_policy("password-policy"),
            Policy {
                min_length: 10,
                max_length: 64,
                min_character_types: 3
            }
        );
    }

    #[test]
    fn checks_like_the_server() {
        let strict = recorded_policy("password-policy");
        assert_eq!(
            check(&strict, "abc"),
            [Rule::TooShort { min: 10 }, Rule::CharacterTypes { min: 3 }]
        );
        assert_eq!(
            check(&strict, "abcdefghij1"),
            [Rule::CharacterTypes { min: 3 }]
        );
        assert!(check(&strict, "Abcdefghij1").is_empty());
        assert!(
            check(&strict, "abcdefgh 1!").is_empty(),
            "space is a symbol"
        );
        assert_eq!(
            check(&strict, &"Aa1".repeat(30)),
            [Rule::TooLong { max: 64 }]
        );
        assert_eq!(
            check(&strict, "Abcdefghij1é"),
            [Rule::UnsupportedCharacters]
        );
        assert_eq!(
            check(&strict, "é"),
            [Rule::TooShort { min: 10 }, Rule::UnsupportedCharacters]
        );
        let default = Policy::default();
        assert!(check(&default, "password").is_empty());
        // The server also counts no character types in an empty password.
        assert_eq!(
            check(&default, ""),
            [Rule::TooShort { min: 8 }, Rule::CharacterTypes { min: 1 }]
        );
        // UTF-16 length, as JavaScript counts.
        assert_eq!(check(&default, "😀😀😀😀"), [Rule::UnsupportedCharacters]);
    }

    #[test]
    fn maps_recorded_server_rejections() {
        let body = br#"{"code":"password.rejected","message":"m","data":[{"code":"password_rejected.too_short","interpolation":{"min":10}},{"code":"password_rejected.character_types","interpolation":{"min":3}}]}"#;
        let Some(ErrorData::PasswordRejected(issues)) =
            ApiError::from_response(422, body).data().cloned()
        else {
            panic!("typed data")
        };
        let rules = from_server(&issues);
        assert_eq!(
            rules,
            [Rule::TooShort { min: 10 }, Rule::CharacterTypes { min: 3 }]
        );
        // The client check of the same password gives the same rules.
        assert_eq!(check(&recorded_policy("password-policy"), "abc"), rules);
        assert_eq!(rules[0].phrase_key(), "error.password_rejected.too_short");
        assert_eq!(rules[0].args(), [("min", 10)]);

        let body = br#"{"code":"password.rejected","message":"m","data":[{"code":"password_rejected.restricted.repetition"},{"code":"password_rejected.restricted.sequence"},{"code":"password_rejected.future"}]}"#;
        let Some(ErrorData::PasswordRejected(issues)) =
            ApiError::from_response(422, body).data().cloned()
        else {
            panic!("typed data")
        };
        let rules = from_server(&issues);
        assert_eq!(rules[2], Rule::Other("password_rejected.future".into()));
        assert_eq!(rules[2].phrase_key(), "error.password_rejected.future");
        assert_eq!(
            Rule::Sequence.phrase_key(),
            "error.password_rejected.restricted.sequence"
        );
    }

    #[test]
    fn phrase_keys_exist_in_the_recorded_english() {
        let has = crate::flow::fixtures::english_has;
        for rule in [
            Rule::TooShort { min: 1 },
            Rule::TooLong { max: 1 },
            Rule::CharacterTypes { min: 1 },
            Rule::UnsupportedCharacters,
            Rule::Pwned,
            Rule::Repetition,
            Rule::Sequence,
            Rule::UserInfo,
            Rule::Words,
        ] {
            assert!(has(&rule.phrase_key()), "{}", rule.phrase_key());
        }
        assert!(has(RESTRICTED_FOUND));
        assert!(has(REQUIREMENTS));
        for item in requirements(&recorded_policy("password-policy")) {
            assert!(has(&format!("{}_other", item.key)), "{}", item.key);
        }
    }

    #[test]
    fn requirement_sentence_parts() {
        let strict = recorded_policy("password-policy");
        assert_eq!(
            requirements(&strict),
            [
                Requirement {
                    key: "description.password_requirement.length",
                    count: 10
                },
                Requirement {
                    key: "description.password_requirement.character_types",
                    count: 3
                }
            ]
        );
        assert_eq!(requirements(&Policy::default()).len(), 1);
        let lax = Policy {
            min_length: 1,
            max_length: 256,
            min_character_types: 1,
        };
        assert!(requirements(&lax).is_empty());
        // Four types imply four characters: only the types are listed.
        let types = Policy {
            min_length: 4,
            max_length: 256,
            min_character_types: 4,
        };
        assert_eq!(requirements(&types).len(), 1);
    }

    #[test]
    fn safari_password_rules() {
        assert_eq!(
            passwordrules(&Policy::default()),
            "minlength: 8; maxlength: 256; required: lower; allowed: upper, digit, special;"
        );
        assert_eq!(
            passwordrules(&recorded_policy("password-policy")),
            "minlength: 10; maxlength: 64; required: lower; required: upper; required: digit; allowed: special;"
        );
        let all = Policy {
            min_character_types: 4,
            ..Policy::default()
        };
        assert!(passwordrules(&all).ends_with("required: special;"));
        assert_eq!(length_attributes(&Policy::default()), (8, 256));
    }
}
