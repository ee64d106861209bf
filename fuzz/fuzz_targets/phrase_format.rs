//! Phrase formatting with arbitrary phrases and values: `{{name}}`
//! interpolation with the list and number formats, plural categories, and
//! the rich-text segments, also through `I18n` over arbitrary phrases JSON.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use logto_experience::{
    api::Phrases,
    fuzzing::{
        format::{interpolate, segments, ListWords},
        plural,
    },
    i18n::{Arg, I18n, Segment},
};

#[derive(Debug, Arbitrary)]
enum Value<'a> {
    Text(&'a str),
    Number(u64),
    List(Vec<&'a str>),
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    template: &'a str,
    args: Vec<(&'a str, Value<'a>)>,
    and: &'a str,
    or: &'a str,
    separator: &'a str,
    language: &'a str,
    count: u64,
    key: &'a str,
    phrases: &'a str,
}

fuzz_target!(|input: Input| {
    let args: Vec<(&str, Arg)> = input
        .args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Value::Text(text) => Arg::Text((*text).to_owned()),
                Value::Number(number) => Arg::Number(*number),
                Value::List(items) => Arg::List(items.iter().map(|s| (*s).to_owned()).collect()),
            };
            (*name, value)
        })
        .collect();
    let words = ListWords {
        and: input.and.to_owned(),
        or: input.or.to_owned(),
        separator: input.separator.to_owned(),
    };

    let text = interpolate(input.template, &args, &words);
    // Without placeholders or arguments, nothing changes.
    if args.is_empty() || !input.template.contains("{{") {
        assert_eq!(text, input.template);
    }

    // Segments put back together are the phrase: nothing is lost or added.
    let rebuilt: String = segments(input.template)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text,
            Segment::Slot { tag, inner } => format!("<{tag}>{inner}</{tag}>"),
        })
        .collect();
    assert_eq!(rebuilt, input.template);

    let category = plural::category(input.language, input.count);
    assert!(["zero", "one", "two", "few", "many", "other"].contains(&category));

    // The page's own path: phrases from the server, then a lookup.
    let phrases = Phrases::from_response(200, Some(input.language), input.phrases.as_bytes()).ok();
    let i18n = I18n::new(phrases);
    let _ = i18n.t_count(input.key, input.count, &args);
    let _ = i18n.t_with(input.key, &args);
    let _ = i18n.segments(input.key, &args);
    let _ = i18n.is_rtl();
});
