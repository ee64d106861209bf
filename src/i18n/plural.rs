//! CLDR plural categories, for the i18next `key_one` / `key_other` suffixes.
//!
//! Implemented here rather than through `Intl.PluralRules` so that the rules
//! are testable natively and cost no JavaScript round trip; the built-in
//! languages of Logto's phrases are covered, others fall back to English's.

/// The plural category of `count` in `language` (a BCP 47 tag):
/// `zero`, `one`, `two`, `few`, `many` or `other`.
pub fn category(language: &str, count: u64) -> &'static str {
    let base = language.split(['-', '_']).next().unwrap_or_default();
    match base {
        // No plural forms.
        "ja" | "ko" | "zh" | "th" | "tr" | "fa" | "id" | "vi" => "other",
        "fr" => one_for_zero_and_one(count),
        "pt" if language.eq_ignore_ascii_case("pt-BR") => one_for_zero_and_one(count),
        "ar" => match count {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ => match count % 100 {
                3..=10 => "few",
                11..=99 => "many",
                _ => "other",
            },
        },
        "ru" | "uk" => slavic(count, true),
        "pl" => {
            if count == 1 {
                "one"
            } else {
                slavic(count, false)
            }
        }
        "cs" | "sk" => match count {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        _ => {
            if count == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// French and Brazilian Portuguese: 0 and 1 are singular.
fn one_for_zero_and_one(count: u64) -> &'static str {
    if count <= 1 {
        "one"
    } else if count.is_multiple_of(1_000_000) {
        "many"
    } else {
        "other"
    }
}

/// Russian, Ukrainian and (for counts other than 1) Polish integers.
fn slavic(count: u64, one_by_last_digit: bool) -> &'static str {
    let (last, last_two) = (count % 10, count % 100);
    if one_by_last_digit && last == 1 && last_two != 11 {
        "one"
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        "few"
    } else {
        "many"
    }
}

#[cfg(test)]
mod tests {
    use super::category;

    #[test]
    fn english_and_german() {
        assert_eq!(category("en", 1), "one");
        assert_eq!(category("en", 0), "other");
        assert_eq!(category("de", 2), "other");
    }

    #[test]
    fn french_counts_zero_as_one() {
        assert_eq!(category("fr", 0), "one");
        assert_eq!(category("fr", 1), "one");
        assert_eq!(category("fr", 2), "other");
        assert_eq!(category("pt-PT", 0), "other");
        assert_eq!(category("pt-BR", 0), "one");
    }

    #[test]
    fn arabic_has_six_forms() {
        let forms: Vec<_> = [0, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| category("ar", n))
            .collect();
        assert_eq!(forms, ["zero", "one", "two", "few", "many", "other"]);
    }

    #[test]
    fn slavic_languages() {
        assert_eq!(category("ru", 21), "one");
        assert_eq!(category("ru", 11), "many");
        assert_eq!(category("uk-UA", 3), "few");
        assert_eq!(category("pl-PL", 1), "one");
        assert_eq!(category("pl-PL", 21), "many");
        assert_eq!(category("pl-PL", 22), "few");
        assert_eq!(category("cs", 3), "few");
    }

    #[test]
    fn languages_without_plurals() {
        assert_eq!(category("ja", 1), "other");
        assert_eq!(category("zh-CN", 5), "other");
    }
}
