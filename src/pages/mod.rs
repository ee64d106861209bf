//! One module per route of Logto's sign-in experience.

pub mod account_suspended;
pub mod callback;
pub mod consent;
pub mod continue_profile;
pub mod create_passkey;
pub mod device;
pub mod forgot_password;
pub mod mfa_binding;
pub mod mfa_verification;
pub mod not_found;
pub mod one_time_token;
pub mod register;
pub mod sign_in;
pub mod sign_in_passkey;
pub mod single_sign_on;
pub mod unknown_session;
pub mod verification_code;
