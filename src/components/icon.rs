//! Small line icons, inline SVG in the text colour: one view shape for all
//! of them (only the path data differs), so each costs its path string.

use leptos::prelude::*;

pub const EYE: &str =
    "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Zm10-3a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z";
pub const EYE_OFF: &str =
    "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Zm10-3a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM4 4l16 16";
/// A key: passkeys and security keys.
pub const KEY: &str = "M8 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm4 4h9m-3 0v3m-3-3v2";
/// A building: enterprise single sign-on.
pub const BUILDING: &str =
    "M4 21V5l8-3v19m0-13h8v13M2 21h20M8 8h.01M8 12h.01M8 16h.01M16 12h.01M16 16h.01";
/// A globe: a social connector without a logo.
pub const GLOBE: &str = "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM3 12h18M12 3c2.4 2.5 3.5 5.5 3.5 9s-1.1 6.5-3.5 9c-2.4-2.5-3.5-5.5-3.5-9s1.1-6.5 3.5-9Z";
/// A phone with an app: authenticator (TOTP).
pub const APP: &str =
    "M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm3 16h2";
/// A list: backup codes.
pub const CODES: &str = "M6 3h12v18H6ZM9 8h6m-6 4h6m-6 4h4";
pub const MAIL: &str = "M3 5h18v14H3Zm0 1 9 7 9-7";
/// A speech bubble: a code by SMS.
pub const MESSAGE: &str = "M4 4h16v12H9l-5 4ZM8 9h8m-8 3h5";
pub const INFO: &str = "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 8v5m0-8h.01";
/// A magnifier: nothing found.
pub const SEARCH: &str = "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm9 16-4-4";
/// A padlock: a password.
#[cfg(feature = "full")]
pub const LOCK: &str = "M6 11h12v10H6Zm3 0V7a3 3 0 0 1 6 0v4";
#[cfg(feature = "full")]
pub const CAMERA: &str = "M4 8h3l2-3h6l2 3h3v11H4Zm8 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z";

/// An icon beside a text: hidden from assistive technology, which reads
/// the text.
pub fn icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="logto_icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path></path>
        </svg>
    }
}
