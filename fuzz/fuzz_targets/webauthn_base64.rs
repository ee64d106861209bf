//! The page's base64url codec for WebAuthn's binary fields. The options
//! conversion around it (`to_js`, `credential_json`) builds and reads
//! JavaScript objects, so it only runs in a browser and is not fuzzed here.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::fuzzing::webauthn::{base64url_decode, base64url_encode};

fuzz_target!(|data: (&[u8], &str)| {
    let (bytes, text) = data;
    let encoded = base64url_encode(bytes);
    assert!(encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(base64url_decode(&encoded).as_deref(), Some(bytes));
    if let Some(decoded) = base64url_decode(text) {
        assert!(decoded.len() <= text.len() * 3 / 4 + 1);
    }
});
