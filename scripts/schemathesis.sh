#!/usr/bin/env bash
# The reference server against its own OpenAPI description: Schemathesis (all checks, all
# phases) sends requests drawn from /api/openapi.json to a server with demo data and
# fails on any answer the description does not allow, or any request it allows that the
# server refuses. Bounded by --max-examples per operation (about half a minute here).
# Needs the debug server built (`cargo build -p calls-server`); installs Schemathesis.
# Usage: scripts/schemathesis.sh [DB]   DB: the server's --db (an empty PostgreSQL
# database's URL, say); a new SQLite file when not given.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
ensure_schemathesis
work="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
db="${1:-$work/calls.sqlite3}"
case "$db" in postgres://* | postgresql://*) backend=PostgreSQL ;; *) backend=SQLite ;; esac
target/debug/calls-server --addr 127.0.0.1:0 --db "$db" --demo >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
    base="$(sed -n 's/^calls-server listening on //p' "$work/server.out")"
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.err" >&2; echo "the server did not start" >&2; exit 1; }
output="$work/schemathesis.out"
status=0
SCHEMATHESIS_HOOKS="$ROOT/scripts/schemathesis/hooks.py" "$SCHEMATHESIS_VENV/bin/schemathesis" run \
    "$base/api/openapi.json" --checks all -H "Authorization: Bearer demo-token" \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-30}" --workers 2 --no-color --seed 1 >"$output" 2>&1 || status=$?
tail -n 25 "$output"
cases="$(sed -n 's/^ *\([0-9]*\) generated.*/\1/p' "$output" | tail -1)"
if [ "$status" -ne 0 ]; then
    cat "$output"
    echo "test result: FAILED. 0 passed; 1 failed; Schemathesis found problems in ${cases:-?} cases on $backend"
    exit 1
fi
# One line in the form the test command totals.
echo "test result: ok. 1 passed; 0 failed; Schemathesis checked ${cases:-?} cases on $backend"
