#!/usr/bin/env bash
# logto-host under load (`make bench-host`): builds the host and the
# simulator with the host's release profile, installs Debian's wrk if it is
# missing, and runs tools/bench-host.mjs on loopback. Figures go to stdout;
# host/README.md keeps the last ones.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  echo "bench-host: installing Debian's wrk"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >/dev/null
fi
cargo build -p logto-sim -p logto-host --profile host --locked
node tools/bench-host.mjs
