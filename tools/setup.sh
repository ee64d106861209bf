#!/usr/bin/env bash
# Installs everything the build and the tests need, from the package
# registries only (crates.io, npm, Debian). Idempotent: with everything
# present it only checks versions and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

step() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust targets and the nightly std sources the JavaScript build rebuilds for
# the MVP feature set (wasm2js cannot read reference types or multi-value).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  step "installing the nightly toolchain (JavaScript build only)"
  rustup toolchain install nightly --profile minimal
fi
if ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
  step "adding rust-src to nightly"
  rustup component add rust-src --toolchain nightly
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    rustup component add "$component"
  fi
done

# Cargo tools, built from crates.io (no prebuilt downloads are reachable).
# Their own release profiles (trunk's: fat LTO, one codegen unit) are tuned
# for the binary, not for a build on a fresh machine: these tools spend
# their time waiting on cargo and binaryen, so they are built quickly.
# wasm-bindgen stays optimised: it rewrites every binary of the build.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~4 min)"
  # Not --locked: one of its locked dependencies is gone from the index.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! has_version trunk "$TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (~3 min)"
  # Unoptimised: it drives cargo and the binaryen tools, whose time it
  # waits on; built in 186 s instead of 341 at opt-level 1.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi
if ! has_version leptosfmt "$LEPTOSFMT_VERSION"; then
  step "installing leptosfmt $LEPTOSFMT_VERSION (~2 min)"
  # Unoptimised too: it formats a few dozen files once per run.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked --force
fi

# Debian's Chromium and ChromeDriver for every browser test.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  step "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Python 3 with its lzma module: tools/pack.py packs the builds with it,
# tools/package.sh writes the upload zip.
if ! python3 -c 'import lzma, zipfile' >/dev/null 2>&1; then
  step "installing Debian's python3"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3 >/dev/null
fi

# Every crate the builds need, fetched once here because the page's builds
# run offline (Trunk.toml): the workspace's, for every platform (build scripts
# and proc macros run on the host), and the standard library's own
# dependencies, which `-Zbuild-std` compiles from rust-src with its own
# lockfile. Quick when the registry cache already has them.
step "fetching crates (the workspace's and, for -Zbuild-std, the standard library's)"
cargo fetch --locked --quiet
cargo +nightly fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown
tools/nightly-flags.sh --check

# npm tools from the committed lockfile: binaryen 132 (wasm-opt, wasm2js),
# esbuild, playwright-core, axe-core, and Logto's published phrases
# (@logto/phrases-experience, @logto/phrases), from which the crates' build
# scripts generate every Logto text they embed. Reinstalled only when the
# lockfile changes.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm tools from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

step "ready (wasm-bindgen $WASM_BINDGEN_VERSION, trunk $TRUNK_VERSION, binaryen $(node_modules/.bin/wasm-opt --version | awk '{print $3}'))"
