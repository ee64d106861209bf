//! Logto's password policy checker (packages/toolkit/core-kit/src/
//! password-policy.ts), minus the "pwned" check, which needs the internet.
//! The issue list is what `password.rejected` carries in `data`.

use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Length {
    pub min: usize,
    pub max: usize,
}

impl Default for Length {
    fn default() -> Self {
        Self { min: 8, max: 256 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct CharacterTypes {
    pub min: usize,
}

impl Default for CharacterTypes {
    fn default() -> Self {
        Self { min: 1 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Rejects {
    pub repetition_and_sequence: bool,
    pub user_info: bool,
    pub words: Vec<String>,
}

impl Default for Rejects {
    fn default() -> Self {
        Self {
            repetition_and_sequence: true,
            user_info: true,
            words: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PasswordPolicy {
    pub length: Length,
    pub character_types: CharacterTypes,
    pub rejects: Rejects,
}

/// What the password must not contain, from the user being created or updated.
#[derive(Debug, Clone, Default)]
pub struct UserInfo {
    pub name: Option<String>,
    pub username: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

const SYMBOLS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const SEQUENCES: &[&str] = &[
    "0123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1qaz",
    "2wsx",
    "3edc",
    "4rfv",
    "5tgb",
    "6yhn",
    "7ujm",
    "8ik",
    "9ol",
];
const THRESHOLD: usize = 3;
const TOLERANCE: usize = 3;

impl PasswordPolicy {
    /// The issues of `password`, in Logto's order; empty when accepted.
    pub fn check(&self, password: &str, user: &UserInfo) -> Vec<Value> {
        let chars: Vec<char> = password.chars().collect();
        let mut issues = Vec::new();
        if chars.len() < self.length.min {
            issues.push(json!({"code": "password_rejected.too_short", "interpolation": {"min": self.length.min}}));
        } else if chars.len() > self.length.max {
            issues.push(json!({"code": "password_rejected.too_long", "interpolation": {"max": self.length.max}}));
        }
        match char_types(&chars) {
            None => issues.push(json!({"code": "password_rejected.unsupported_characters"})),
            Some(types) if types < self.character_types.min => issues.push(
                json!({"code": "password_rejected.character_types", "interpolation": {"min": self.character_types.min}}),
            ),
            Some(_) => {}
        }

        // Restricted phrases only count when they cover nearly all of it.
        // (Longer inputs are already rejected as too long; skip the
        // quadratic scan rather than let a huge body stall the server.)
        if chars.len() > MAX_ANALYSED {
            return issues;
        }
        let lower: Vec<char> = chars.iter().map(|ch| lower_char(*ch)).collect();
        let words: Vec<Vec<char>> = self
            .rejects
            .words
            .iter()
            .map(|word| word.chars().map(lower_char).collect())
            .collect();
        let info = user_phrases(user);
        let mut covered = vec![false; chars.len()];
        let mut codes: Vec<&str> = Vec::new();
        let mut fill = |start: usize, len: usize, code: &'static str| {
            if len == 0 {
                return;
            }
            for flag in covered.iter_mut().skip(start).take(len) {
                *flag = true;
            }
            if !codes.contains(&code) {
                codes.push(code);
            }
        };
        for i in 0..chars.len() {
            let rest = &lower[i..];
            if self.rejects.repetition_and_sequence {
                fill(i, repetition_length(rest), "restricted.repetition");
                fill(i, sequence_length(rest), "restricted.sequence");
            }
            if !words.is_empty() {
                fill(i, longest_prefix(rest, &words), "restricted.words");
            }
            if self.rejects.user_info {
                fill(i, user_info_length(rest, &info), "restricted.user_info");
            }
        }
        let threshold = chars.len().saturating_sub(TOLERANCE).max(1);
        if covered.iter().filter(|flag| **flag).count() > threshold {
            issues.extend(
                codes
                    .into_iter()
                    .map(|code| json!({"code": format!("password_rejected.{code}")})),
            );
        }
        issues
    }
}

/// Passwords longer than this skip the restricted-phrase scan.
const MAX_ANALYSED: usize = 1024;

fn lower_char(ch: char) -> char {
    ch.to_lowercase().next().unwrap_or(ch)
}

/// The length of the longest of `phrases` that `rest` starts with.
fn longest_prefix(rest: &[char], phrases: &[Vec<char>]) -> usize {
    phrases
        .iter()
        .filter(|phrase| !phrase.is_empty() && rest.starts_with(phrase))
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

/// User-info phrases, lower-cased: (name, joined name, name words), then
/// username, e-mail local part and phone.
struct UserPhrases {
    name: Option<Vec<char>>,
    name_parts: Vec<Vec<char>>,
    others: Vec<Vec<char>>,
}

fn user_phrases(user: &UserInfo) -> UserPhrases {
    let lower = |text: &str| -> Vec<char> { text.chars().map(lower_char).collect() };
    let mut name_parts = Vec::new();
    if let Some(name) = &user.name {
        name_parts.push(lower(&name.split_whitespace().collect::<String>()));
        name_parts.extend(name.split(' ').map(lower));
    }
    let mut others = Vec::new();
    if let Some(username) = &user.username {
        others.push(lower(username));
    }
    if let Some(email) = &user.email {
        others.push(lower(email.split('@').next().unwrap_or_default()));
    }
    if let Some(phone) = &user.phone {
        others.push(lower(phone));
    }
    UserPhrases {
        name: user.name.as_deref().map(lower),
        name_parts,
        others,
    }
}

fn user_info_length(rest: &[char], info: &UserPhrases) -> usize {
    let name = match &info.name {
        // The whole name is the longest match; its parts only count without it.
        Some(name) if !name.is_empty() && rest.starts_with(name) => name.len(),
        _ => longest_prefix(rest, &info.name_parts),
    };
    name.max(longest_prefix(rest, &info.others))
}

/// Number of character classes, or `None` for a character outside them.
fn char_types(chars: &[char]) -> Option<usize> {
    let mut seen = [false; 4];
    for ch in chars {
        let class = match ch {
            'a'..='z' => 0,
            'A'..='Z' => 1,
            '0'..='9' => 2,
            _ if SYMBOLS.contains(*ch) => 3,
            _ => return None,
        };
        seen[class] = true;
    }
    Some(seen.iter().filter(|flag| **flag).count())
}

fn repetition_length(rest: &[char]) -> usize {
    let Some(first) = rest.first() else {
        return 0;
    };
    let len = rest.iter().take_while(|ch| *ch == first).count();
    if len >= THRESHOLD {
        len
    } else {
        0
    }
}

fn is_sequential(value: &str) -> bool {
    let lower = value.to_lowercase();
    SEQUENCES.iter().any(|sequence| {
        let reversed: String = sequence.chars().rev().collect();
        sequence.contains(&lower) || reversed.contains(&lower)
    })
}

fn sequence_length(rest: &[char]) -> usize {
    let mut value = String::new();
    let mut len = 0;
    for ch in rest {
        let mut next = value.clone();
        next.push(*ch);
        if value.is_empty() || is_sequential(&next) {
            value = next;
            len += 1;
        } else {
            break;
        }
    }
    if len >= THRESHOLD {
        len
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> PasswordPolicy {
        serde_json::from_value(json!({
            "length": {"min": 10, "max": 64},
            "characterTypes": {"min": 3},
            "rejects": {"pwned": false, "repetitionAndSequence": true, "userInfo": true, "words": ["contract", "logto"]}
        }))
        .unwrap()
    }

    fn codes(issues: &[Value]) -> Vec<&str> {
        issues
            .iter()
            .map(|issue| issue["code"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn matches_recorded_rejections() {
        let user = UserInfo {
            username: Some("reg4_192308434b".into()),
            ..UserInfo::default()
        };
        let policy = policy();
        assert_eq!(
            policy.check("short", &user),
            vec![
                json!({"code": "password_rejected.too_short", "interpolation": {"min": 10}}),
                json!({"code": "password_rejected.character_types", "interpolation": {"min": 3}}),
            ]
        );
        assert_eq!(
            codes(&policy.check("alllowercaseletters", &user)),
            ["password_rejected.character_types"]
        );
        assert_eq!(
            codes(&policy.check("Aaaaaaa1234567!", &user)),
            [
                "password_rejected.restricted.repetition",
                "password_rejected.restricted.sequence"
            ]
        );
        assert!(policy.check("Logto-Contract-99x", &user).is_empty());
        assert!(policy.check("reg4_192308434b-X1!abc", &user).is_empty());
        assert_eq!(
            codes(&policy.check("Pässwörd-ñ-€-9x", &user)),
            ["password_rejected.unsupported_characters"]
        );
        assert!(policy.check("Zq8#mLw2!vRt", &user).is_empty());
    }

    #[test]
    fn defaults_apply_to_missing_keys() {
        let policy: PasswordPolicy = serde_json::from_value(json!({})).unwrap();
        assert_eq!(policy.length.min, 8);
        assert_eq!(
            policy.check("short", &UserInfo::default()),
            vec![json!({"code": "password_rejected.too_short", "interpolation": {"min": 8}})]
        );
    }
}
