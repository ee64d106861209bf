#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS each (60 by
# default; `make fuzz`), or those named in FUZZ_TARGETS, and prints the
# executions and the findings of each. Installs cargo-fuzz when missing.
#
# `make test` runs each for a few seconds (FUZZ_SECONDS_IN_TEST, 3), built
# unoptimised (FUZZ_DEV=1): the build is most of that section's time
# (about 3 minutes on a new two-core machine; 6 optimised).
#
# Seeds: the committed fuzz/corpus/<target>/seed-*, plus, when the recorded
# Logto traffic is there, seeds written from it (tools/fuzz-seeds.mjs). New
# inputs libFuzzer finds stay in fuzz/corpus/ (not committed); a crash is
# written to fuzz/artifacts/<target>/ and fails the run.
#
# No sanitizer (`-s none`): the code under test is safe Rust, so what there
# is to find is panics, overflows (debug assertions are on, `-a`) and broken
# invariants; AddressSanitizer would only slow building and running.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
FUZZ=(cargo +nightly fuzz)
FLAGS=(-s none -a --fuzz-dir fuzz)
# FUZZ_DEV=1 (make test's brief run): unoptimised targets build in half the
# time, and a few seconds of fuzzing need no speed.
[ -n "${FUZZ_DEV:-}" ] && FLAGS+=(--dev)

CARGO_FUZZ_VERSION=0.13.2
if ! cargo-fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION (~2 min)"
  # Built quickly, as tools/setup.sh builds the other tools.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi
cargo fetch --locked --quiet --manifest-path fuzz/Cargo.toml
if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a TARGETS <<< "$FUZZ_TARGETS"
else
  mapfile -t TARGETS < <("${FUZZ[@]}" list --fuzz-dir fuzz)
fi
node tools/fuzz-seeds.mjs

START=$SECONDS
"${FUZZ[@]}" build "${FLAGS[@]}"
BUILT=$((SECONDS - START))

LOGS=fuzz/target/logs
mkdir -p "$LOGS"
ROWS=()
FAILED=()
for target in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  log="$LOGS/$target.log"
  status=ok
  # -timeout: one input running for 10 s is a finding too (a hang).
  if ! "${FUZZ[@]}" run "${FLAGS[@]}" "$target" "fuzz/corpus/$target" -- \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=1024 \
      -print_final_stats=1 > "$log" 2>&1; then
    status="FAILED: $(grep -m1 -oE '(panicked at [^ ]+|ERROR: libFuzzer: [a-z-]+)' "$log" || echo 'see log')"
    FAILED+=("$target")
  fi
  stat() { sed -nE "s/^stat::$1: *([0-9]+)/\1/p" "$log" | tail -1; }
  runs=$(stat number_of_executed_units)
  speed=$(stat average_exec_per_sec)
  added=$(stat new_units_added)
  inputs=$(find "fuzz/corpus/$target" -type f | wc -l)
  ROWS+=("$(printf '%-16s %12s %9s %6s %7s  %s' "$target" "${runs:-?}" "${speed:-?}" "${added:-?}" "$inputs" "$status")")
done

echo
echo "fuzz: ${SECONDS_EACH}s per target, built in ${BUILT}s, $((SECONDS - START))s in all"
printf '%-16s %12s %9s %6s %7s  %s\n' target executions "per sec" new corpus result
printf '%s\n' "${ROWS[@]}"
if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "fuzz: findings in ${FAILED[*]}: inputs in fuzz/artifacts/, logs in $LOGS/" >&2
  exit 1
fi
