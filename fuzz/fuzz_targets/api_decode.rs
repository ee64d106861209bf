//! Every decoder of the page's API answers, on any status and any body:
//! settings, phrases, each Experience API response type through
//! `decode_json` / `decode_optional_json` / `decode_empty`, and
//! `ApiError::from_response` (with its typed `data`).
//!
//! Input: one byte picks the status, the rest is the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logto_experience::api::{
    error::{decode_empty, decode_json, decode_optional_json},
    ApiError, AuthorizationUriResponse, BackupCodesResponse, ConsentInfo, ExperienceSettings,
    InteractionState, PasskeyPreflightResponse, Phrases, RedirectResponse, SsoConnectorsResponse,
    TotpSecretResponse, VerificationIdResponse, WebAuthnAuthenticationResponse,
    WebAuthnRegistrationResponse,
};

/// Statuses the page meets, and a few it should not.
const STATUSES: &[u16] = &[
    200, 201, 204, 299, 300, 302, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 504, 0, 999,
];

fn check<T>(status: u16, body: &[u8], result: Result<T, ApiError>) {
    let success = (200..300).contains(&status);
    if let Err(error) = &result {
        // Every error that came from an answer remembers its status.
        assert_eq!(error.status(), Some(status));
        let _ = error.to_string();
        let _ = (error.code(), error.data());
    }
    if !success {
        assert!(result.is_err(), "status {status} decoded as success");
    }
    let _ = body;
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(pick) % STATUSES.len()];

    check(
        status,
        body,
        ExperienceSettings::from_response(status, body),
    );
    let language = std::str::from_utf8(&body[..body.len().min(8)]).ok();
    check(status, body, Phrases::from_response(status, language, body));
    check(
        status,
        body,
        decode_json::<VerificationIdResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<AuthorizationUriResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<TotpSecretResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<WebAuthnRegistrationResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<WebAuthnAuthenticationResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<PasskeyPreflightResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<BackupCodesResponse>(status, body),
    );
    check(
        status,
        body,
        decode_json::<SsoConnectorsResponse>(status, body),
    );
    check(status, body, decode_json::<InteractionState>(status, body));
    check(status, body, decode_json::<ConsentInfo>(status, body));
    check(status, body, decode_json::<RedirectResponse>(status, body));
    check(
        status,
        body,
        decode_optional_json::<RedirectResponse>(status, body),
    );
    check(status, body, decode_empty(status, body));

    let error = ApiError::from_response(status, body);
    assert_eq!(error.status(), Some(status));
    if let ApiError::NotJson { excerpt, .. } = &error {
        // An excerpt for logs: at most 200 characters and the ellipsis.
        assert!(excerpt.chars().count() <= 201);
    }
    let _ = error.to_string();
});
