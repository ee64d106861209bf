//! The sign-in logic, free of the browser: what to call next and where to
//! go after an answer. Pages hold the state; these modules decide.

pub mod redirect;
pub mod sign_in;
