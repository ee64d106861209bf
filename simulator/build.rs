//! Generates Logto's texts from its published npm packages (installed by the
//! set-up from the committed package-lock.json): every language of
//! `@logto/phrases-experience` as `/api/.well-known/phrases` serves it, and the
//! error messages of `@logto/phrases`. See `tools/phrases.mjs`.

use std::{env, process::Command};

fn main() {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for path in ["../tools/phrases.mjs", "../package-lock.json"] {
        println!("cargo::rerun-if-changed={path}");
    }
    let status = Command::new("node")
        .args(["../tools/phrases.mjs", "simulator"])
        .arg(&out)
        .status()
        .unwrap_or_else(|error| panic!("node, to generate Logto's phrases: {error}"));
    assert!(
        status.success(),
        "tools/phrases.mjs failed: Logto's texts come from the npm packages that `make setup` installs"
    );
}
