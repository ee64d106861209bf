//! The sign-in logic, free of the browser: what to call next and where to
//! go after an answer. Pages hold the state; these modules decide.

pub mod code;
pub mod landing;
pub mod next_step;
pub mod password_policy;
pub mod redirect;
pub mod sign_in;
pub mod username;
