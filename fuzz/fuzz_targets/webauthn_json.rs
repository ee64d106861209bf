//! Logto's WebAuthn JSON through the page's `webauthn-rs-proto` types: the
//! options the API layer decodes from Logto's answers, and the results the
//! page sends back. Whatever decodes must re-encode to JSON that decodes
//! and re-encodes to the same bytes. (Handing the options to
//! `navigator.credentials` builds JavaScript objects, so it only runs in a
//! browser and is not fuzzed here.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::api::{
    error::decode_json, PasskeyPreflightResponse, WebAuthnAuthenticationResponse,
    WebAuthnPayload, WebAuthnRegistrationResponse,
};
use serde::{de::DeserializeOwned, Serialize};

fn round_trip<T: DeserializeOwned + Serialize>(body: &[u8]) {
    let Ok(value) = decode_json::<T>(200, body) else {
        return;
    };
    let json = serde_json::to_vec(&value).expect("encodes");
    let again = decode_json::<T>(200, &json).expect("its own JSON decodes");
    assert_eq!(serde_json::to_vec(&again).expect("encodes"), json);
}

fuzz_target!(|body: &[u8]| {
    round_trip::<WebAuthnRegistrationResponse>(body);
    round_trip::<WebAuthnAuthenticationResponse>(body);
    round_trip::<PasskeyPreflightResponse>(body);
    round_trip::<WebAuthnPayload>(body);
});
