#!/usr/bin/env bash
# The list endpoint under load: 1,000,000 calls for 10,000 contacts in 1,000 companies,
# first page (per_page=25) of a contact's and of a company's calls, with wrk on loopback.
# Prints RESULT lines per owner kind: the first page, the same page unchanged (a 304 to
# If-None-Match), and for contacts what 1,000 open widgets refreshing every 30 s cost.
# Usage: bench/list-latency.sh [seconds] [connections] [sqlite|postgres]
# SQLite keeps its data in bench/data (FRESH=1 seeds it again); PostgreSQL runs in a
# throwaway cluster (scripts/postgres.sh, fsync on as in production), seeded each time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"
BACKEND="${3:-sqlite}"
DATA="$ROOT/bench/data"
DB="$DATA/calls.sqlite3"
IDS="${DB%.sqlite3}"
PORT="${PORT:-18181}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --quiet --profile server -p calls-server -p calls-bench
SEED=(--calls 1000000 --contacts 10000 --companies 1000)
case "$BACKEND" in
sqlite)
    if [ ! -f "$DB" ] || [ "${FRESH:-0}" = 1 ]; then
        rm -rf "$DATA"
        target/server/seed-calls --db "$DB" "${SEED[@]}"
    fi
    ;;
postgres)
    source "$ROOT/scripts/postgres.sh"
    trap stop_postgres EXIT
    POSTGRES_DURABLE=1 start_postgres
    DB="$(create_database bench)"
    IDS="$POSTGRES_DIR/ids"
    target/server/seed-calls --db "$DB" --ids "$IDS" "${SEED[@]}"
    # What autovacuum would do in time: statistics, and the visibility map that lets a
    # count read the timeline index alone.
    psql -q "$DB" -c "VACUUM ANALYZE"
    ;;
*)
    echo "usage: bench/list-latency.sh [seconds] [connections] [sqlite|postgres]" >&2
    exit 2
    ;;
esac

target/server/calls-server --db "$DB" --addr "127.0.0.1:$PORT" >/dev/null &
SERVER=$!
stop() {
    kill "$SERVER" 2>/dev/null
    wait "$SERVER" 2>/dev/null || true
    [ "$BACKEND" = postgres ] && stop_postgres
    return 0
}
trap stop EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/openapi.json" && break; sleep 0.1; done

echo "machine: $(nproc) cores, $(uname -m); server, wrk (and PostgreSQL) share them; backend: $BACKEND"
for owner in contacts companies; do
    ids="$IDS.$owner"
    # Warm-up: page cache and connection pool.
    OWNER=$owner IDS="$ids" wrk -t2 -c"$CONNECTIONS" -d3s -s bench/first-page.lua "http://127.0.0.1:$PORT" >/dev/null
    OWNER=$owner IDS="$ids" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/first-page.lua "http://127.0.0.1:$PORT" | grep '^RESULT'
    # The same first pages asked again by widgets that hold them: each answer a 304.
    tags="$(mktemp)"
    python3 bench/tags.py "$PORT" "$owner" "$ids" "$tags"
    OWNER=$owner TAGS="$tags" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/first-page.lua "http://127.0.0.1:$PORT" | grep '^RESULT'
    [ "$owner" = contacts ] && python3 bench/open-widgets.py "$PORT" "$SERVER" "$tags" 1000 30 2
    rm -f "$tags"
done
