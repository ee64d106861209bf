use super::*;

fn logto(input: &str, country: Option<&str>) -> Option<String> {
    parse(input, country).map(|n| n.to_logto())
}

#[test]
fn the_table_is_well_formed() {
    let all: Vec<_> = countries().collect();
    assert!(all.len() > 240, "{}", all.len());
    for c in &all {
        assert_eq!(c.iso.len(), 2);
        assert!(c.iso.bytes().all(|b| b.is_ascii_uppercase()), "{c:?}");
        assert!((1..=3).contains(&c.calling_code.len()), "{c:?}");
        assert!(c.calling_code.bytes().all(|b| b.is_ascii_digit()), "{c:?}");
        assert!(c.trunk.bytes().all(|b| b.is_ascii_digit()), "{c:?}");
    }
    let mut isos: Vec<_> = all.iter().map(|c| c.iso).collect();
    isos.sort_unstable();
    isos.dedup();
    assert_eq!(isos.len(), all.len(), "duplicate ISO codes");
    // Calling codes are prefix-free, so the longest-prefix match is exact.
    for a in &all {
        for b in &all {
            if a.calling_code != b.calling_code {
                assert!(!b.calling_code.starts_with(a.calling_code), "{a:?} {b:?}");
            }
        }
    }
}

#[test]
fn looks_countries_up() {
    assert_eq!(
        country("gb"),
        Some(Country {
            iso: "GB",
            calling_code: "44",
            trunk: "0"
        })
    );
    assert_eq!(country("US").unwrap().trunk, "1");
    assert_eq!(country("ES").unwrap().trunk, "");
    assert_eq!(country("ZZ"), None);
    assert_eq!(by_calling_code("1").unwrap().iso, "US");
    assert_eq!(by_calling_code("7").unwrap().iso, "RU");
    assert_eq!(by_calling_code("44").unwrap().iso, "GB");
    assert_eq!(by_calling_code("358").unwrap().iso, "FI");
    assert_eq!(by_calling_code("999"), None);
    assert_eq!(country("DE").unwrap().dial(), "+49");
    let list = picker("DE");
    assert_eq!(list[0].iso, "DE");
    assert_eq!(list[1].iso, "US");
    assert_eq!(list.len(), countries().count());
    assert_eq!(picker("ZZ")[0].iso, "US");
}

#[test]
fn parses_international_input() {
    assert_eq!(
        logto("+1 415-555-0100", None).as_deref(),
        Some("14155550100")
    );
    assert_eq!(
        logto("+1 (415) 555-0100", Some("DE")).as_deref(),
        Some("14155550100")
    );
    assert_eq!(
        logto("0044 20 7946 0000", Some("US")).as_deref(),
        Some("442079460000")
    );
    assert_eq!(
        logto("+44 (0)20 7946 0000", None).as_deref(),
        Some("442079460000")
    );
    assert_eq!(
        logto("011 44 20 7946 0000", Some("US")).as_deref(),
        Some("442079460000")
    );
    assert_eq!(
        logto("+86 138 0013 8000", None).as_deref(),
        Some("8613800138000")
    );
    assert_eq!(
        logto("+358 40 1234567", None).as_deref(),
        Some("358401234567")
    );
    // Italy keeps its leading 0 (no trunk prefix).
    assert_eq!(
        logto("+39 06 1234 5678", None).as_deref(),
        Some("390612345678")
    );
    // Logto's own format, as stored and pasted.
    assert_eq!(logto("14155550100", None).as_deref(), Some("14155550100"));
    // Full-width digits and plus from CJK input methods.
    assert_eq!(
        logto("＋８１ ９０ １２３４ ５６７８", None).as_deref(),
        Some("819012345678")
    );
}

#[test]
fn parses_national_input_with_a_selected_country() {
    assert_eq!(
        logto("(415) 555 0100", Some("US")).as_deref(),
        Some("14155550100")
    );
    assert_eq!(
        logto("1 415 555 0100", Some("US")).as_deref(),
        Some("14155550100")
    );
    assert_eq!(
        logto("020 7946 0000", Some("GB")).as_deref(),
        Some("442079460000")
    );
    assert_eq!(
        logto("030 123456", Some("de")).as_deref(),
        Some("4930123456")
    );
    assert_eq!(
        logto("06 12345678", Some("FR")).as_deref(),
        Some("33612345678")
    );
    assert_eq!(
        logto("612 345 678", Some("ES")).as_deref(),
        Some("34612345678")
    );
    assert_eq!(
        logto("06 1234 5678", Some("IT")).as_deref(),
        Some("390612345678")
    );
    // Russia: the trunk 8 only before a whole number, 800 stays toll-free.
    assert_eq!(
        logto("8 912 345-67-89", Some("RU")).as_deref(),
        Some("79123456789")
    );
    assert_eq!(
        logto("800 555 35 35", Some("RU")).as_deref(),
        Some("78005553535")
    );
    assert_eq!(
        logto("8 029 123-45-67", Some("BY")).as_deref(),
        Some("375291234567")
    );
    assert_eq!(
        logto("06 20 123 4567", Some("HU")).as_deref(),
        Some("36201234567")
    );
    assert_eq!(
        logto("090-1234-5678", Some("JP")).as_deref(),
        Some("819012345678")
    );
}

#[test]
fn refuses_what_is_no_number() {
    assert_eq!(parse("", Some("US")), None);
    assert_eq!(parse("call me", Some("US")), None);
    assert_eq!(parse("415x555", Some("US")), None);
    assert_eq!(parse("+999 1234567", None), None);
    assert_eq!(parse("123", Some("US")), None);
    assert_eq!(parse("+1 23", None), None);
    assert_eq!(parse("+1 2345678901234567", None), None);
    assert_eq!(parse("1+415", None), None);
}

#[test]
fn displays_numbers() {
    let n = parse("(415) 555 0100", Some("US")).unwrap();
    assert_eq!(n.display(), "+1 4155550100");
    assert_eq!(display("14155550100"), "+1 4155550100");
    assert_eq!(display("+442079460000"), "+44 2079460000");
    assert_eq!(display("****0100"), "****0100");
    assert_eq!(display("not a number"), "not a number");
}

#[test]
fn default_country_from_the_language() {
    assert_eq!(default_country("en-US"), "US");
    assert_eq!(default_country("en-GB"), "GB");
    assert_eq!(default_country("en"), "US");
    assert_eq!(default_country("de"), "DE");
    assert_eq!(default_country("de-AT"), "AT");
    assert_eq!(default_country("fr"), "FR");
    assert_eq!(default_country("pt-BR"), "BR");
    assert_eq!(default_country("zh-CN"), "CN");
    assert_eq!(default_country("zh-Hant"), "TW");
    assert_eq!(default_country("zh-Hant-HK"), "HK");
    assert_eq!(default_country("zh"), "CN");
    assert_eq!(default_country("ja"), "JP");
    assert_eq!(default_country("ko-KR"), "KR");
    // Language codes that are other countries' ISO codes.
    assert_eq!(default_country("ar"), "SA");
    assert_eq!(default_country("sv"), "SE");
    assert_eq!(default_country("ca"), "ES");
    assert_eq!(default_country("uk"), "UA");
    assert_eq!(default_country("es-419"), "ES");
    assert_eq!(default_country("sr_Latn_RS"), "RS");
    assert_eq!(default_country(""), "US");
    assert_eq!(default_country("tlh"), "US");
}
