//! The i18next syntax Logto's phrases use: `{{name}}` interpolation with the
//! `list`, `list(type: disjunction;)` and `number` formatters, and the
//! rich-text slots (`<a>…</a>`, `<link></link>`) that pages fill with their
//! own elements. Text is never turned into HTML here: a slot is returned as
//! a segment so the page renders it as an element, everything else as text.

/// A value substituted into a phrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(u64),
    List(Vec<String>),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Self {
        Self::Number(value)
    }
}

impl From<Vec<String>> for Arg {
    fn from(value: Vec<String>) -> Self {
        Self::List(value)
    }
}

/// The words lists are joined with, from the phrases' `list` group.
#[derive(Debug, Clone, PartialEq)]
pub struct ListWords {
    pub and: String,
    pub or: String,
    pub separator: String,
}

impl Default for ListWords {
    fn default() -> Self {
        Self {
            and: "and".into(),
            or: "or".into(),
            separator: ",".into(),
        }
    }
}

/// Replaces every `{{name[, format]}}` in `template` with its argument.
/// Unknown names are left visible, so a missing argument is noticed.
pub fn interpolate(template: &str, args: &[(&str, Arg)], words: &ListWords) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, opened)) = rest.split_once("{{") {
        let Some((inner, after)) = opened.split_once("}}") else {
            break;
        };
        out.push_str(before);
        let (name, format) = match inner.split_once(',') {
            Some((name, format)) => (name.trim(), format.trim()),
            None => (inner.trim(), ""),
        };
        match args.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(&render(value, format, words)),
            None => {
                out.push_str("{{");
                out.push_str(inner);
                out.push_str("}}");
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn render(value: &Arg, format: &str, words: &ListWords) -> String {
    match value {
        Arg::Text(text) => text.clone(),
        Arg::Number(number) => number.to_string(),
        Arg::List(items) => {
            let word = if format.contains("disjunction") {
                &words.or
            } else {
                &words.and
            };
            join_list(items, word, &words.separator)
        }
    }
}

/// "a, b and c" in the phrases' own words. Separators without a trailing
/// space in the phrases (`，`, `、`) are full-width and used as they are.
fn join_list(items: &[String], word: &str, separator: &str) -> String {
    let gap = if separator.is_ascii() { " " } else { "" };
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => {
            format!("{} {word} {last}", init.join(&format!("{separator}{gap}")))
        }
    }
}

/// A piece of a phrase with rich-text slots.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    /// `<tag>inner</tag>`: the page renders its own element for `tag`.
    Slot {
        tag: String,
        inner: String,
    },
}

/// Splits `Not received yet? <a>Resend</a>` into text and slots.
/// An unmatched tag stays text.
pub fn segments(phrase: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = phrase;
    while let Some((before, after)) = rest.split_once('<') {
        let slot = after
            .split_once('>')
            .filter(|(tag, _)| !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric()))
            .and_then(|(tag, body)| {
                let close = format!("</{tag}>");
                body.split_once(close.as_str())
                    .map(|(inner, remainder)| (tag, inner, remainder))
            });
        match slot {
            Some((tag, inner, remainder)) => {
                if !before.is_empty() {
                    out.push(Segment::Text(before.to_owned()));
                }
                out.push(Segment::Slot {
                    tag: tag.to_owned(),
                    inner: inner.to_owned(),
                });
                rest = remainder;
            }
            None => {
                out.push(Segment::Text(format!("{before}<")));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest.to_owned()));
    }
    merge_text(out)
}

fn merge_text(segments: Vec<Segment>) -> Vec<Segment> {
    let mut merged: Vec<Segment> = Vec::with_capacity(segments.len());
    for segment in segments {
        match (merged.last_mut(), segment) {
            (Some(Segment::Text(previous)), Segment::Text(text)) => previous.push_str(&text),
            (_, segment) => merged.push(segment),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ListWords {
        ListWords::default()
    }

    #[test]
    fn interpolates_names_and_numbers() {
        let text = interpolate(
            "Resend in {{seconds}} s to {{address}}",
            &[("seconds", 42u64.into()), ("address", "a@b.c".into())],
            &words(),
        );
        assert_eq!(text, "Resend in 42 s to a@b.c");
    }

    #[test]
    fn lists_use_the_phrases_words() {
        let types: Arg = vec!["email".to_string(), "phone".into(), "username".into()].into();
        assert_eq!(
            interpolate(
                "The {{types, list(type: disjunction;)}} is invalid",
                &[("types", types.clone())],
                &words()
            ),
            "The email, phone or username is invalid"
        );
        assert_eq!(
            interpolate("{{items, list}}", &[("items", types)], &words()),
            "email, phone and username"
        );
        let chinese = ListWords {
            and: "和".into(),
            or: "或者".into(),
            separator: "，".into(),
        };
        let two: Arg = vec!["邮箱".to_string(), "手机号".into(), "用户名".into()].into();
        assert_eq!(
            interpolate("{{t, list(type: disjunction;)}}", &[("t", two)], &chinese),
            "邮箱，手机号 或者 用户名"
        );
    }

    #[test]
    fn leaves_unknown_and_broken_placeholders_visible() {
        assert_eq!(interpolate("Hi {{who}}", &[], &words()), "Hi {{who}}");
        assert_eq!(interpolate("Hi {{who", &[], &words()), "Hi {{who");
    }

    #[test]
    fn splits_rich_text_slots() {
        assert_eq!(
            segments("Not received yet? <a>Resend verification code</a>"),
            vec![
                Segment::Text("Not received yet? ".into()),
                Segment::Slot {
                    tag: "a".into(),
                    inner: "Resend verification code".into()
                },
            ]
        );
        assert_eq!(
            segments("By continuing, you agree to the <link></link>."),
            vec![
                Segment::Text("By continuing, you agree to the ".into()),
                Segment::Slot {
                    tag: "link".into(),
                    inner: String::new()
                },
                Segment::Text(".".into()),
            ]
        );
    }

    #[test]
    fn unmatched_tags_stay_text() {
        assert_eq!(
            segments("1 < 2 and <b>bold"),
            vec![Segment::Text("1 < 2 and <b>bold".into())]
        );
        assert_eq!(segments(""), vec![]);
    }
}
