//! One module per route of Logto's sign-in experience.

pub mod account_suspended;
pub mod not_found;
pub mod sign_in;
pub mod unknown_session;
