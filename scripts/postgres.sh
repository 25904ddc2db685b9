#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, the checked-SQL descriptions and the benchmark:
# Debian's server (installed when missing), a new cluster in a temporary folder, on a free
# port of 127.0.0.1, with a random superuser password (other users of the machine cannot
# get in), stopped and removed by stop_postgres, which callers put in their EXIT trap. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
# user that Debian's package makes (or a `calls-postgres` user made here).
#
# Sourced, it defines:
#   ensure_postgres   install Debian's server if its programs are missing
#   start_postgres    start the cluster; sets POSTGRES_URL (a superuser URL of the
#                     `postgres` database, with its password); POSTGRES_DURABLE=1 keeps
#                     fsync on (the benchmark), otherwise it is off (tests run faster)
#   stop_postgres     stop the cluster this shell started, if any, and remove its folder
#   create_database NAME   a new empty database; prints its URL
# Run directly: starts one and prints its URL, and stops it on Ctrl-C.

# Only a cluster this shell starts is ever stopped by it.
POSTGRES_DIR=""

postgres_bin() {
    local initdb
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)"
    [ -n "$initdb" ] && dirname "$initdb"
}

ensure_postgres() {
    if [ -z "$(postgres_bin)" ]; then
        printf '\033[1m==> %s\033[0m\n' "installing PostgreSQL from Debian" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
}

# as_postgres_user COMMAND...: runs it as the cluster's owner.
as_postgres_user() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    else
        runuser -u "$POSTGRES_OWNER" -- "$@"
    fi
}

start_postgres() {
    ensure_postgres
    local bin port
    bin="$(postgres_bin)"
    POSTGRES_OWNER="$(id -un)"
    if [ "$(id -u)" -eq 0 ]; then
        POSTGRES_OWNER=postgres
        if ! id postgres >/dev/null 2>&1; then
            POSTGRES_OWNER=calls-postgres
            id "$POSTGRES_OWNER" >/dev/null 2>&1 || useradd --system --no-create-home "$POSTGRES_OWNER"
        fi
    fi
    POSTGRES_DIR="$(mktemp -d /tmp/calls-postgres.XXXXXX)"
    chmod 755 "$POSTGRES_DIR"
    [ "$(id -u)" -eq 0 ] && chown "$POSTGRES_OWNER" "$POSTGRES_DIR"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    local password
    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    printf '%s\n' "$password" >"$POSTGRES_DIR/password"
    [ "$(id -u)" -eq 0 ] && chown "$POSTGRES_OWNER" "$POSTGRES_DIR/password"
    # A locale whose order is not byte order (ICU's English), so that the suite shows the
    # store's own COLLATE "C" columns at work.
    as_postgres_user "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres --auth=scram-sha-256 \
        --pwfile="$POSTGRES_DIR/password" --encoding=UTF8 --locale-provider=icu --icu-locale=en \
        --locale=C.UTF-8 >"$POSTGRES_DIR/initdb.log" 2>&1 || {
        cat "$POSTGRES_DIR/initdb.log" >&2
        return 1
    }
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${POSTGRES_DURABLE:-0}" = 1 ] && durability=""
    # shellcheck disable=SC2086 # the options are words on purpose
    as_postgres_user "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$POSTGRES_DIR -c max_connections=300 $durability" \
        >/dev/null || {
        cat "$POSTGRES_DIR/server.log" >&2
        return 1
    }
    rm -f "$POSTGRES_DIR/password"
    POSTGRES_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
    export POSTGRES_URL
}

stop_postgres() {
    [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR" ] || return 0
    as_postgres_user "$(postgres_bin)/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$POSTGRES_DIR"
    POSTGRES_DIR=""
}

create_database() {
    psql -q -v ON_ERROR_STOP=1 "$POSTGRES_URL" -c "CREATE DATABASE \"$1\"" >/dev/null
    echo "${POSTGRES_URL%/postgres}/$1"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    trap stop_postgres EXIT
    start_postgres
    echo "$POSTGRES_URL"
    echo "PostgreSQL is running; Ctrl-C stops it and removes its data" >&2
    trap 'stop_postgres; exit 0' INT TERM
    while true; do sleep 3600 & wait $!; done
fi
