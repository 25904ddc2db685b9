#!/usr/bin/env bash
# Builds the widget (release) and starts the reference server with demo data, serving the
# widget at / and the API at /api/. Prints the link to open; opens nothing.
#   CALLS_ADDR=127.0.0.1:8080  where to listen
#   CALLS_DB=data/demo.sqlite3 the database (kept between runs): an SQLite file, or a
#                              postgres://user:password@host/name URL
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
ensure_widget_tools

say "building the standalone app and the embeddable widget (release)"
build_web
say "building the reference server"
cargo build --locked --profile server -p calls-server

db="${CALLS_DB:-data/demo.sqlite3}"
case "$db" in
postgres://* | postgresql://*) ;;
*) mkdir -p "$(dirname "$db")" ;;
esac
say "starting the reference server (Ctrl-C stops it)"
# The database goes in the environment: a URL's password stays out of the process list.
DATABASE_URL="$db" exec target/server/calls-server --demo --static dist --addr "${CALLS_ADDR:-127.0.0.1:8080}"
