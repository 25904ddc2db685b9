#!/usr/bin/env bash
# A TypeScript client generated from the server's OpenAPI description, as a CRM team would
# make one (openapi-typescript 7 for the types, openapi-fetch for the requests), must
# compile under `tsc --strict` reading every success's `data` without `!`, then log, list
# and read a call against a server with demo data. Needs the debug server built
# (`cargo build -p calls-server`); installs the tools (scripts/setup.sh).
# Usage: scripts/typed-client.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
ensure_typed_client_tools
work="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
sample="$ROOT/crates/calls-server/tests/typed-client"
cp "$sample/calls-client.ts" "$sample/tsconfig.json" "$work/"
echo '{ "type": "module" }' >"$work/package.json"
ln -s "$TOOLS/node_modules" "$work/node_modules"
node "$TOOLS/node_modules/openapi-typescript/bin/cli.js" crates/calls-server/src/routes/openapi.json \
    -o "$work/calls-api.d.ts" --silent
fail() {
    echo "$1" >&2
    echo "test result: FAILED. 0 passed; 1 failed; the typed client: $2"
    exit 1
}
(cd "$work" && node "$TOOLS/node_modules/typescript/bin/tsc" -p . --outDir out) \
    || fail "tsc --strict refused the client (above)" "it does not compile"
target/debug/calls-server --addr 127.0.0.1:0 --db "$work/calls.sqlite3" --demo >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
    base="$(sed -n 's/^calls-server listening on //p' "$work/server.out")"
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.err" >&2; fail "the server did not start" "no server"; }
(cd "$work" && node out/calls-client.js "$base") || fail "the compiled client failed against the server (above)" "it fails at run time"
echo "test result: ok. 1 passed; 0 failed; a generated TypeScript client compiles under --strict and works"
