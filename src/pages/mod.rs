//! One module per route of Logto's sign-in experience. The first-load
//! ("lite") build has the sign-in pages only (`Route::LITE`); the others
//! are compiled into the full build alone.

pub mod account_suspended;
#[cfg(feature = "full")]
pub mod callback;
#[cfg(feature = "full")]
pub mod consent;
#[cfg(feature = "full")]
pub mod continue_profile;
#[cfg(feature = "full")]
pub mod create_passkey;
#[cfg(feature = "full")]
pub mod device;
#[cfg(feature = "full")]
pub mod forgot_password;
#[cfg(feature = "full")]
pub mod mfa_binding;
#[cfg(feature = "full")]
pub mod mfa_verification;
#[cfg(feature = "full")]
pub mod native;
#[cfg(feature = "full")]
pub mod not_found;
#[cfg(feature = "full")]
pub mod one_time_token;
#[cfg(feature = "full")]
pub mod register;
pub mod sign_in;
#[cfg(feature = "full")]
pub mod sign_in_methods;
#[cfg(feature = "full")]
pub mod sign_in_passkey;
#[cfg(feature = "full")]
pub mod single_sign_on;
pub mod unknown_session;
#[cfg(feature = "full")]
pub mod verification_code;
