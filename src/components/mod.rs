//! Widgets shared by the pages. The text field is public: an accessible,
//! labelled input for views of one's own.

pub(crate) mod action_link;
#[cfg(feature = "full")]
pub(crate) mod address_form;
#[cfg(feature = "full")]
pub(crate) mod avatar_field;
#[cfg(feature = "full")]
pub(crate) mod code_input;
pub(crate) mod dialog;
pub(crate) mod divider;
#[cfg(feature = "full")]
pub(crate) mod factor_button;
pub mod field;
pub(crate) mod form;
pub(crate) mod icon;
pub(crate) mod identifier_field;
pub(crate) mod method_switch;
#[cfg(feature = "full")]
pub(crate) mod new_credential;
#[cfg(feature = "full")]
pub(crate) mod one_tap;
#[cfg(feature = "full")]
pub(crate) mod passkey_sign_in;
#[cfg(feature = "full")]
pub(crate) mod password_fields;
#[cfg(feature = "full")]
pub(crate) mod resend;
pub(crate) mod social_buttons;
pub(crate) mod sso_link;
#[cfg(feature = "full")]
pub(crate) mod sso_watch;
pub(crate) mod terms;
pub(crate) mod toast;
#[cfg(feature = "full")]
pub(crate) mod trust_device;
