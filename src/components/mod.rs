//! Widgets shared by the pages.

pub mod action_link;
#[cfg(feature = "full")]
pub mod address_form;
#[cfg(feature = "full")]
pub mod avatar_field;
pub mod code_input;
pub mod dialog;
pub mod divider;
pub mod field;
pub mod form;
pub mod icon;
pub mod identifier_field;
pub mod method_switch;
#[cfg(feature = "full")]
pub mod new_credential;
pub mod passkey_sign_in;
#[cfg(feature = "full")]
pub mod password_fields;
pub mod resend;
pub mod social_buttons;
pub mod terms;
pub mod toast;
