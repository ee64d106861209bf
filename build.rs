//! Generates the page's bundled English from Logto's published phrases
//! (`@logto/phrases-experience`, installed by the set-up from
//! package-lock.json): the keys the source names, plus our own texts
//! (`src/i18n/own.en.json`). See `tools/phrases.mjs`.

use std::{env, path::PathBuf, process::Command};

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("en.json");
    for path in ["src", "tools/phrases.mjs", "package-lock.json"] {
        println!("cargo::rerun-if-changed={path}");
    }
    // The lite build (no `full` feature) bundles only its own modules' keys.
    let variant = if env::var_os("CARGO_FEATURE_FULL").is_some() {
        "full"
    } else {
        "lite"
    };
    let status = Command::new("node")
        .args(["tools/phrases.mjs", "page"])
        .arg(&out)
        .args(["src", variant])
        .status()
        .unwrap_or_else(|error| panic!("node, to generate the bundled phrases: {error}"));
    assert!(
        status.success(),
        "tools/phrases.mjs failed: the bundled English comes from the npm packages that `make setup` installs"
    );
}
