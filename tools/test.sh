#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest. `make test`
# and .ci/run call this.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$SECONDS
tools/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

# Everything printed is also kept, to count the tests at the end.
LOG=target/test-run.log
mkdir -p target && : > "$LOG"
exec > >(tee -a "$LOG") 2>&1

# Each section's wall time, printed again at the end.
TIMES=()
SECTION=""
SECTION_START=$SECONDS
section() {
  [ -n "$SECTION" ] && TIMES+=("$(printf '%5ds  %s' $((SECONDS - SECTION_START)) "$SECTION")")
  SECTION=$*
  SECTION_START=$SECONDS
  [ -n "$SECTION" ] && printf '\n\033[1m== %s ==\033[0m\n' "$*"
  return 0
}
TIMES+=("$(printf '%5ds  %s' $((SECONDS - START)) "set-up (tools/setup.sh)")")

# The recorded Logto traffic is not part of the repository: the tests that
# replay it pass without checking anything when it is absent.
CORPUS=../shared/logto-contract
if [ ! -d "$CORPUS" ]; then
  printf '\n\033[1mNote:\033[0m %s is absent, so the tests that replay the recorded Logto 1.42 traffic\n' "$CORPUS"
  echo "(simulator conformance, API decoding, recorded settings and phrases) are skipped; everything else runs."
fi

section "format"
cargo fmt --all --check
leptosfmt --check --quiet src tests examples

section "clippy (app for wasm32, full and lite, and its native tests; simulator and host; the examples)"
cargo clippy -p logto-experience --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
cargo clippy -p logto-experience --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings
cargo clippy -p logto-experience --tests --locked -- -D warnings
cargo clippy -p logto-sim --all-targets --locked -- -D warnings
cargo clippy -p logto-host -p logto-pages --all-targets --locked -- -D warnings
cargo clippy -p leptos-app-example -p headless-example --target wasm32-unknown-unknown --locked -- -D warnings

# Also builds logto-sim and logto-host, which the end-to-end tests start.
section "native tests (pure modules, journeys against the simulator, API decoding, simulator, conformance, host)"
cargo test --workspace --locked

section "component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p logto-experience --target wasm32-unknown-unknown --test web --locked

section "dist (both delivery paths) and the embedding examples"
tools/build-dist.sh
cargo build -p logto-sim -p logto-host --locked
TRUNK_SKIP_VERSION_CHECK=true trunk --config examples/leptos-app/Trunk.toml build
TRUNK_SKIP_VERSION_CHECK=true trunk --config examples/headless/Trunk.toml build

section "upload package and fixtures"
node --test tests/package/

# Each file starts its own simulators and browser, so two files run at once
# (the machine has two cores; more only queue).
E2E_JOBS=${E2E_JOBS:-2}

section "end to end, wasm path (CSP allowing WebAssembly)"
DELIVERY=wasm node --test --test-concurrency="$E2E_JOBS" tests/e2e/

section "end to end, JavaScript path (Logto's production CSP)"
DELIVERY=js node --test --test-concurrency="$E2E_JOBS" tests/e2e/

# Each target briefly, from the committed seeds (and the recorded traffic's,
# when present): a crash fails the run. `make fuzz` runs them longer.
section "fuzzing (each target ${FUZZ_SECONDS_IN_TEST:=3}s; make fuzz for longer)"
FUZZ_DEV=1 FUZZ_SECONDS=$FUZZ_SECONDS_IN_TEST tools/fuzz.sh

section "size report"
node tools/size.mjs
section ""

echo
echo "time per section:"
printf '  %s\n' "${TIMES[@]}"
printf '%5ds  all\n' $((SECONDS - START)) | sed 's/^/  /'

# One closing line over every runner: cargo's and node's.
passed=$(grep -hoE '^test result: [A-Za-z]+\. [0-9]+ passed' "$LOG" | awk '{s += $4} END {print s + 0}')
passed=$((passed + $(grep -hoE '^# pass [0-9]+' "$LOG" | awk '{s += $3} END {print s + 0}')))
failed=$(grep -hoE '[0-9]+ failed;' "$LOG" | awk '{s += $1} END {print s + 0}')
failed=$((failed + $(grep -hoE '^# fail [0-9]+' "$LOG" | awk '{s += $3} END {print s + 0}')))
skipped=$(grep -hoE '^# skipped [0-9]+' "$LOG" | awk '{s += $3} END {print s + 0}')
echo
echo "total: $passed passed, $failed failed, $skipped skipped"
