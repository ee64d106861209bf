//! Widgets shared by the pages.

pub mod action_link;
#[cfg(feature = "full")]
pub mod address_form;
pub mod code_input;
pub mod dialog;
pub mod field;
pub mod form;
pub mod identifier_field;
pub mod passkey_sign_in;
#[cfg(feature = "full")]
pub mod password_fields;
pub mod resend;
pub mod social_buttons;
pub mod terms;
pub mod toast;
