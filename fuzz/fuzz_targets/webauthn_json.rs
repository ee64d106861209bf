//! Logto's WebAuthn JSON through the page's types: the options the API
//! layer decodes from Logto's answers, and the results (`webauthn-rs-proto`'s
//! credential types) the page sends back. Whatever decodes must re-encode to JSON that decodes
//! and re-encodes to the same bytes. (Handing the options to
//! `navigator.credentials` builds JavaScript objects, so it only runs in a
//! browser and is not fuzzed here.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::api::{
    error::decode_json, json::FromJson, PasskeyPreflightResponse, WebAuthnAuthenticationResponse,
    WebAuthnPayload, WebAuthnRegistrationResponse,
};
use serde::Serialize;

/// `decode` (the page's way of reading `T`) of what `T` encodes to gives
/// the same encoding again.
fn round_trip<T: Serialize>(body: &[u8], decode: impl Fn(&[u8]) -> Option<T>) {
    let Some(value) = decode(body) else {
        return;
    };
    let json = serde_json::to_vec(&value).expect("encodes");
    let again = decode(&json).expect("its own JSON decodes");
    assert_eq!(serde_json::to_vec(&again).expect("encodes"), json);
}

/// An answer, as the client decodes it.
fn answer<T: FromJson>(body: &[u8]) -> Option<T> {
    decode_json::<T>(200, body).ok()
}

fuzz_target!(|body: &[u8]| {
    round_trip(body, answer::<WebAuthnRegistrationResponse>);
    round_trip(body, answer::<WebAuthnAuthenticationResponse>);
    round_trip(body, answer::<PasskeyPreflightResponse>);
    // The page's result, as Logto's side (and the tests) read it back.
    round_trip(body, |body| serde_json::from_slice::<WebAuthnPayload>(body).ok());
});
