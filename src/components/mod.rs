//! Widgets shared by the pages.

pub mod code_input;
pub mod dialog;
pub mod field;
pub mod form;
pub mod identifier_field;
pub mod password_fields;
pub mod resend;
pub mod terms;
