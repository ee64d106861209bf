//! The binary trunk builds: everything lives in the library so that it can be
//! tested natively and embedded by other Leptos applications.

fn main() {
    logto_experience::mount_to_app();
}
