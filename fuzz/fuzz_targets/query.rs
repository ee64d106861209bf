//! Query-string parsing of the page (`session::query_param`,
//! `query_pairs`, `Query::parse`), and its round trip with the API
//! client's `encodeURIComponent`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::{
    api::client::encode_component,
    fuzzing::session::{query_pairs, query_param, Query},
};

fuzz_target!(|data: (&str, &str)| {
    let (search, value) = data;
    let query = Query::parse(search);
    assert_eq!(query.app_id, query_param(search, "app_id"));
    assert_eq!(query.ui_locales, query_param(search, "ui_locales"));
    let pairs = query_pairs(search);
    assert!(pairs.len() <= search.len() + 1);

    // What the client encodes, the page decodes to the same text.
    let encoded = format!("?x=1&name={}&y=2", encode_component(value));
    let decoded = query_param(&encoded, "name");
    if value.is_empty() {
        assert_eq!(decoded, None);
    } else {
        assert_eq!(decoded.as_deref(), Some(value));
    }
    assert!(query_pairs(&encoded).contains(&("name".to_owned(), value.to_owned())));
});
