#!/usr/bin/env bash
# The reference server's SQL is checked at compile time (sqlx::query! and friends) against
# the schema its migrations build. Builds read the checked queries' descriptions from
# crates/calls-server/.sqlx (committed), so they need no database; this script writes
# those descriptions afresh from a database built by the migrations.
#
#   scripts/sqlx-prepare.sh          rewrite crates/calls-server/.sqlx
#   scripts/sqlx-prepare.sh --check  fail if .sqlx is not what the queries and schema give
#
# No sqlx-cli needed: with DATABASE_URL and SQLX_OFFLINE_DIR set, sqlx's macros describe
# each query against the database and save the description there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="$ROOT/crates/calls-server"
check=false
[ "${1:-}" = "--check" ] && check=true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/sqlx"

python3 - "$work/schema.sqlite3" "$SERVER"/migrations/*.sql <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for migration in sorted(sys.argv[2:]):
    with open(migration, encoding="utf-8") as sql:
        db.executescript(sql.read())
db.close()
PY

# The macros run when the crate is compiled, and cargo does not know they read these
# variables: touching the sources makes it compile the crate again.
find "$SERVER/src" -name '*.rs' -exec touch {} +
DATABASE_URL="sqlite://$work/schema.sqlite3" SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$work/sqlx" \
    cargo check --locked -p calls-server --all-targets --quiet
# The next ordinary build compiles the crate offline again, from what is committed.
find "$SERVER/src" -name '*.rs' -exec touch {} +

if $check; then
    if ! diff -r "$SERVER/.sqlx" "$work/sqlx" >/dev/null 2>&1; then
        echo "crates/calls-server/.sqlx is out of date with the queries or the migrations:" >&2
        diff -r "$SERVER/.sqlx" "$work/sqlx" | head -20 >&2 || true
        echo "run scripts/sqlx-prepare.sh and commit the result" >&2
        exit 1
    fi
    echo "crates/calls-server/.sqlx matches the queries and the migrations"
else
    rm -rf "$SERVER/.sqlx"
    cp -r "$work/sqlx" "$SERVER/.sqlx"
    echo "wrote $(ls "$SERVER/.sqlx" | wc -l) query descriptions to crates/calls-server/.sqlx"
fi
