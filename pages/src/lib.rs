//! How Logto serves its sign-in pages, shared by the simulator (`logto-sim`)
//! and the production host (`logto-host`): the built `dist` with
//! `index.html` for every path without a dot, Logto's Content-Security-Policy
//! and its other security headers.

pub mod csp;
pub mod spa;

pub use csp::CspMode;
