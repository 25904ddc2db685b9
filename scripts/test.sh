#!/usr/bin/env bash
# Runs every check and test: formatting, the server's checked SQL, clippy (native and
# wasm32), the model's wasm32 build, native tests (model, widget logic, server
# integration on SQLite, then again on a PostgreSQL this script starts), Schemathesis
# against the server's OpenAPI description on both databases, the widget's size
# budget, the widget's component tests in headless Chromium, and the end-to-end tests of
# the release build against the reference server. Installs what it needs first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$ROOT/scripts/postgres.sh"
cd "$ROOT"
ensure_all
ensure_postgres
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

# Every suite's output also goes to one log, whose "test result" lines give the totals
# printed at the end.
results="$(mktemp)"
trap 'rm -f "$results"; stop_postgres' EXIT
counted() {
    "$@" 2>&1 | tee -a "$results"
}

say "format"
cargo fmt --all --check
say "the server's checked SQL matches its queries and migrations"
scripts/sqlx-prepare.sh --check
say "clippy (native)"
cargo clippy --locked --workspace --all-targets --all-features -- -D warnings
say "clippy (wasm32)"
cargo clippy --locked --target wasm32-unknown-unknown -p calls-model -p calls-widget --all-targets --all-features -- -D warnings
say "calls-model builds for wasm32"
cargo check --locked --target wasm32-unknown-unknown -p calls-model

say "native tests (the server's integration suite on SQLite)"
counted cargo test --locked --workspace --exclude calls-e2e

say "the server's integration suite on PostgreSQL"
start_postgres
counted env CALLS_TEST_POSTGRES="$POSTGRES_URL" cargo test --locked -p calls-server --test api

say "building the reference server"
cargo build --locked -p calls-server
# The release widget every later suite uses is built as on a new machine, from an empty
# Cargo registry: a set-up that misses a crate fails here, not only for new users.
say "the set-up and the release widget build, from an empty Cargo registry"
scripts/fresh-registry-build.sh

say "the server against its OpenAPI description (Schemathesis, all checks)"
counted scripts/schemathesis.sh
schemathesis_db="$(create_database schemathesis)"
counted scripts/schemathesis.sh "$schemathesis_db"

say "a TypeScript client generated from the description: tsc --strict, then run against the server"
counted scripts/typed-client.sh

say "widget size against its budget (149,832 B brotli as served)"
bench/size-report.sh --no-build --check

say "component tests in headless Chromium"
counted scripts/component-tests.sh

say "end-to-end tests in headless Chromium"
counted cargo test --locked -p calls-e2e
say "all tests passed"
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i + 1) ~ /^passed/) passed += $i; if ($(i + 1) ~ /^failed/) failed += $i } }
     END { printf "%d passed, %d failed\n", passed, failed }' "$results"
