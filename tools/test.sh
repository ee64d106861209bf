#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest. `make test`
# and .ci/run call this.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

# Everything printed is also kept, to count the tests at the end.
LOG=target/test-run.log
mkdir -p target && : > "$LOG"
exec > >(tee -a "$LOG") 2>&1

section() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

section "format"
cargo fmt --all --check
leptosfmt --check --quiet src tests examples

section "clippy (app for wasm32, full and lite; simulator and host natively; the Leptos example)"
cargo clippy -p logto-experience --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
cargo clippy -p logto-experience --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings
cargo clippy -p logto-sim --all-targets --locked -- -D warnings
cargo clippy -p logto-host -p logto-pages --all-targets --locked -- -D warnings
cargo clippy -p leptos-app-example --target wasm32-unknown-unknown --locked -- -D warnings

section "native tests (pure modules, API decoding, simulator, conformance, host)"
cargo test --workspace --locked

section "component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p logto-experience --target wasm32-unknown-unknown --test web --locked

section "dist (both delivery paths) and the embedding examples"
tools/build-dist.sh
# The end-to-end tests start both as child processes (host.test.mjs: the host
# in front of the simulator).
cargo build -p logto-sim -p logto-host --locked
TRUNK_SKIP_VERSION_CHECK=true trunk --config examples/leptos-app/Trunk.toml build

section "upload package"
node --test tests/package/

section "end to end, wasm path (CSP allowing WebAssembly)"
DELIVERY=wasm node --test --test-concurrency=1 tests/e2e/

section "end to end, JavaScript path (Logto's production CSP)"
DELIVERY=js node --test --test-concurrency=1 tests/e2e/

section "size report"
node tools/size.mjs

# One closing line over every runner: cargo's and node's.
passed=$(grep -hoE '^test result: [A-Za-z]+\. [0-9]+ passed' "$LOG" | awk '{s += $4} END {print s + 0}')
passed=$((passed + $(grep -hoE '^# pass [0-9]+' "$LOG" | awk '{s += $3} END {print s + 0}')))
failed=$(grep -hoE '[0-9]+ failed;' "$LOG" | awk '{s += $1} END {print s + 0}')
failed=$((failed + $(grep -hoE '^# fail [0-9]+' "$LOG" | awk '{s += $3} END {print s + 0}')))
echo
echo "all tests: $passed passed, $failed failed"
