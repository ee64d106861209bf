//! The simulator's WebAuthn verification, which decodes CBOR by hand:
//! attestation objects, authenticator data and COSE keys from the input,
//! and arbitrary client data, must be refused, never panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use logto_sim::webauthn::{
    cbor, verify_authentication, verify_registration, Authentication, Expected, PublicKey,
    Registration,
};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    cbor: &'a [u8],
    id: &'a str,
    client_data_json: &'a str,
    attestation_object: &'a str,
    authenticator_data: &'a str,
    signature: &'a str,
    user_handle: Option<&'a str>,
    counter: u32,
    user_verification: bool,
}

fuzz_target!(|input: Input| {
    if let Some((_, used)) = cbor::decode_prefix(input.cbor) {
        assert!(used <= input.cbor.len());
    }
    let _ = cbor::decode(input.cbor);
    if let Ok((_, key)) = PublicKey::from_cose(input.cbor) {
        let _ = key.verify(input.cbor, input.cbor);
    }
    let expected = Expected {
        challenge: "Y2hhbGxlbmdl",
        origin: "http://localhost:8080",
        rp_id: "localhost",
        require_user_verification: input.user_verification,
    };
    let _ = verify_registration(
        &Registration {
            id: input.id,
            raw_id: input.id,
            client_data_json: input.client_data_json,
            attestation_object: input.attestation_object,
        },
        &expected,
    );
    let _ = verify_authentication(
        &Authentication {
            id: input.id,
            raw_id: input.id,
            client_data_json: input.client_data_json,
            authenticator_data: input.authenticator_data,
            signature: input.signature,
            user_handle: input.user_handle,
        },
        &expected,
        input.cbor,
        input.counter,
    );
});
