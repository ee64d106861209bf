#!/usr/bin/env bash
# The size flags of the page's release builds, as the nightly toolchain on
# this machine supports them. Both delivery paths rebuild the standard
# library with `-Zbuild-std` (nightly only), and the flags that shrink it
# have changed names over time: rather than pinning one nightly (rustup
# cannot download another on every machine), probe the one that is here and
# use what it has, saying what it lacks.
#
#   eval "$(tools/nightly-flags.sh)"   sets SIZE_FLAGS and BUILD_STD_FEATURES
#   tools/nightly-flags.sh --check     says which nightly and flags, or what is missing
set -euo pipefail

fail() {
  echo "nightly: $*" >&2
  echo "nightly: the release builds need a Rust toolchain named 'nightly' with the rust-src component:" >&2
  echo "nightly:   rustup toolchain install nightly --profile minimal && rustup component add rust-src --toolchain nightly" >&2
  exit 1
}

rustc +nightly --version >/dev/null 2>&1 || fail "no toolchain named 'nightly'"
SYSROOT=$(rustc +nightly --print sysroot)
STD_MANIFEST="$SYSROOT/lib/rustlib/src/rust/library/std/Cargo.toml"
[ -f "$STD_MANIFEST" ] || fail "rust-src is not installed for nightly ($STD_MANIFEST is missing)"

# Whether this rustc accepts the flags (an unknown -Z flag or value is an error).
accepts() { rustc +nightly "$@" --print cfg --target wasm32-unknown-unknown - </dev/null >/dev/null 2>&1; }

flags="--cfg erase_components"
features=""
missing=()

# Panics abort without formatting their message: `-Cpanic=immediate-abort`
# since late 2025, the std feature `panic_immediate_abort` before.
if accepts -Zunstable-options -Cpanic=immediate-abort; then
  flags="-Zunstable-options -Cpanic=immediate-abort $flags"
elif grep -q '^panic_immediate_abort' "$STD_MANIFEST"; then
  features="panic_immediate_abort"
else
  missing+=("immediate-abort panics")
fi
# No panic locations, no `Debug` output (the page formats nothing with {:?}).
if accepts -Zlocation-detail=none; then flags="$flags -Zlocation-detail=none"; else missing+=("-Zlocation-detail"); fi
if accepts -Zfmt-debug=none; then flags="$flags -Zfmt-debug=none"; else missing+=("-Zfmt-debug"); fi
# std's own size-optimised code paths.
if grep -q '^optimize_for_size' "$STD_MANIFEST"; then
  features="${features:+$features,}optimize_for_size"
else
  missing+=("std's optimize_for_size feature")
fi

if [ "${1:-}" = "--check" ]; then
  echo "nightly: $(rustc +nightly --version), size flags: $flags${features:+, std features: $features}" >&2
  if [ ${#missing[@]} -gt 0 ]; then
    echo "nightly: this nightly lacks ${missing[*]}: the builds work, a few KB larger" >&2
  fi
  exit 0
fi
echo "SIZE_FLAGS='$flags'"
echo "BUILD_STD_FEATURES='$features'"
