# The project's commands. Each installs what it needs first (tools/setup.sh).
PORT ?= 8080
CSP ?= production
export PORT CSP SETTINGS USERS

.PHONY: setup dist demo sim host host-upstream test package size bench fuzz bench-host

setup:
	@tools/setup.sh

## Release build of both delivery paths (wasm and JavaScript) into dist/.
dist: setup
	@tools/build-dist.sh

## The main job: build the page and serve it with the simulator and demo users.
# Username by password, email by password or code, phone by code or
# password, password reset by email or phone: most of the page at once.
DEMO_SETTINGS ?= simulator/data/settings.demo.json

demo: dist
	@cargo build -p logto-sim --locked
	@echo
	@echo "  Open http://localhost:$(PORT)/demo-app and click \"Sign in\"."
	@echo "  Demo users, password Demo-Passw0rd!: demo, alice@example.com, 15555550100"
	@echo "  Verification codes: http://localhost:$(PORT)/__sim/outbox"
	@echo "  Page served with Logto's $(CSP) CSP (CSP=permissive allows WebAssembly)."
	@echo "  Settings: $(DEMO_SETTINGS)"
	@echo
	@SETTINGS=$(DEMO_SETTINGS) target/debug/logto-sim

## The simulator over the already built dist/ (CSP=production|permissive).
sim:
	@cargo run -p logto-sim --locked

## The page in front of a real Logto: logto-host serves dist/ and forwards
# Logto's paths to UPSTREAM, on one origin, with a CSP that allows
# WebAssembly. `make host UPSTREAM=https://your-tenant.logto.app`
# (HOST_LISTEN, default 127.0.0.1:3000; HOST_ARGS for more, see --help).
HOST_LISTEN ?= 127.0.0.1:3000

host: host-upstream dist
	@cargo build -p logto-host --profile host --locked
	@echo
	@echo "  Open http://$(subst 127.0.0.1,localhost,$(HOST_LISTEN)) through your application:"
	@echo "  set its Logto endpoint to that origin (README: Host it in front of your Logto)."
	@echo
	@target/host/logto-host --upstream "$(UPSTREAM)" --dist dist --listen "$(HOST_LISTEN)" $(HOST_ARGS)

# Checked before the (long) dist build.
host-upstream:
	@test -n "$(UPSTREAM)" || { echo "usage: make host UPSTREAM=https://your-logto-endpoint" >&2; exit 2; }

## Every test: format, lint, native, in-browser and end-to-end on both paths.
test:
	@tools/test.sh

## The zip for Logto Cloud's "Bring your UI"; prints its path.
package: dist
	@tools/package.sh

## First-load bytes of each delivery path, precompressed and compressed on the fly, against the budgets.
size: dist
	@node tools/size.mjs

## Time to an interactive form, requests before it, click to callback: both paths, served as Logto does.
bench: dist
	@cargo build -p logto-sim --locked
	@node tools/bench.mjs

## Every fuzz target for FUZZ_SECONDS each (default 60), on nightly;
# FUZZ_TARGETS="redirect query" for some only. Executions and findings per
# target at the end; crashing inputs in fuzz/artifacts/.
fuzz: setup
	@tools/fuzz.sh

## logto-host under load, against the simulator on loopback: requests per
# second and latency through the host and straight to the simulator, memory
# at 1,024 connections, slow clients, failures and shutdown (tools/bench-host.sh).
bench-host:
	@tools/bench-host.sh
