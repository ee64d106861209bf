//! Phone number normalisation: typed or pasted input, with or without a
//! selected country, and the display of stored numbers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::fuzzing::phone;

fuzz_target!(|data: (&str, Option<&str>)| {
    let (input, country) = data;
    if let Some(number) = phone::parse(input, country) {
        let logto = number.to_logto();
        // E.164: digits only, at most 15, a known calling code first.
        assert!(logto.bytes().all(|b| b.is_ascii_digit()), "{logto}");
        assert!(logto.len() <= 15 && number.national.len() >= 4, "{logto}");
        assert!(phone::by_calling_code(number.calling_code).is_some());
        assert!(number.display().starts_with('+'));
    }
    let shown = phone::display(input);
    assert!(!shown.is_empty() || input.is_empty());
    let _ = phone::default_country(input);
    if let Some(country) = country {
        let _ = phone::picker(country);
    }
});
