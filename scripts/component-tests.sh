#!/usr/bin/env bash
# Runs the widget's component tests (tests/components.rs) in headless Chromium against a
# real reference server with demo data and fresh contacts, allowed by CORS from the
# test runner's origin. Expects target/debug/calls-server to be built.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
api_port="$(free_port)"
runner_port="$(free_port)"
work="$(mktemp -d)"
server=target/debug/calls-server

"$server" --db "$work/calls.sqlite3" --addr "127.0.0.1:$api_port" --demo \
    --allow-origin "http://127.0.0.1:$runner_port" >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/server.log" && break; sleep 0.1; done

# A contact without calls for each test that needs one (after --demo has filled the
# empty database, which it does only when it is empty).
contacts=""
for n in 0 1 2 3 4 5 6 7; do
    id="$("$server" --db "$work/calls.sqlite3" contact create --first "Component$n" --last "Test")"
    contacts="${contacts:+$contacts,}$id"
done

export CALLS_TEST_API="http://127.0.0.1:$api_port/api/"
export CALLS_TEST_CONTACTS="$contacts"
export WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$runner_port"
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo test --locked --target wasm32-unknown-unknown -p calls-widget --test components
