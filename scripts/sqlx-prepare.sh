#!/usr/bin/env bash
# The reference server's SQL is checked at compile time (sqlx::query! and friends) against
# the schema its migrations build, one crate per database: crates/calls-storage-sqlite and
# crates/calls-storage-postgres. Builds read the checked queries' descriptions from each
# crate's .sqlx folder (committed), so they need no database; this script writes those
# descriptions afresh from databases built by the migrations (an SQLite file, and a
# throwaway PostgreSQL from scripts/postgres.sh).
#
#   scripts/sqlx-prepare.sh          rewrite both crates' .sqlx
#   scripts/sqlx-prepare.sh --check  fail if a .sqlx is not what the queries and schema give
#
# No sqlx-cli needed: with DATABASE_URL and SQLX_OFFLINE_DIR set, sqlx's macros describe
# each query against the database and save the description there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/postgres.sh"
check=false
[ "${1:-}" = "--check" ] && check=true

work="$(mktemp -d)"
cleanup() {
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT

# describe CRATE URL: the crate's query descriptions, made against the database at URL,
# into $work/CRATE.
describe() {
    local crate=$1 url=$2 dir="$ROOT/crates/$1"
    mkdir "$work/$crate"
    # The macros run when the crate is compiled, and cargo does not know they read these
    # variables: touching the sources makes it compile the crate again.
    find "$dir/src" -name '*.rs' -exec touch {} +
    DATABASE_URL="$url" SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$work/$crate" \
        cargo check --locked -p "$crate" --all-targets --quiet
    # The next ordinary build compiles the crate offline again, from what is committed.
    find "$dir/src" -name '*.rs' -exec touch {} +
}

python3 - "$work/schema.sqlite3" "$ROOT"/crates/calls-storage-sqlite/migrations/*.sql <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for migration in sorted(sys.argv[2:]):
    with open(migration, encoding="utf-8") as sql:
        db.executescript(sql.read())
db.close()
PY
describe calls-storage-sqlite "sqlite://$work/schema.sqlite3"

start_postgres
schema="$(create_database schema)" || exit 1
for migration in "$ROOT"/crates/calls-storage-postgres/migrations/*.sql; do
    psql -q -v ON_ERROR_STOP=1 "$schema" -f "$migration" >/dev/null
done
describe calls-storage-postgres "$schema"

status=0
for crate in calls-storage-sqlite calls-storage-postgres; do
    committed="$ROOT/crates/$crate/.sqlx"
    if $check; then
        if ! diff -r "$committed" "$work/$crate" >/dev/null 2>&1; then
            echo "crates/$crate/.sqlx is out of date with the queries or the migrations:" >&2
            diff -r "$committed" "$work/$crate" | head -20 >&2 || true
            echo "run scripts/sqlx-prepare.sh and commit the result" >&2
            status=1
        else
            echo "crates/$crate/.sqlx matches the queries and the migrations"
        fi
    else
        rm -rf "$committed"
        cp -r "$work/$crate" "$committed"
        echo "wrote $(ls "$committed" | wc -l) query descriptions to crates/$crate/.sqlx"
    fi
done
exit $status
