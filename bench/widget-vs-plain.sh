#!/usr/bin/env bash
# The widget against a plain JavaScript page doing the same job (bench/plain/), in
# headless Chromium against the reference server: alternating runs, medians, printed as
# a markdown table for bench/RESULTS.md. Uses the widget already built in dist/ (by
# scripts/setup.sh's build_web, as scripts/run.sh and scripts/test.sh do); builds only the
# server (the server profile, as scripts/run.sh runs it) and this benchmark.
# Usage: bench/widget-vs-plain.sh [--rounds 5] [--max-calls 1000] [--logs 3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [ ! -f dist/widget/embed.js ]; then
    echo "dist/widget/embed.js is missing: build the widget first (build_web in scripts/setup.sh, or scripts/run.sh)" >&2
    exit 1
fi
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$tool" ] || { echo "$tool is missing: bash scripts/setup.sh installs it" >&2; exit 1; }
done

cargo build --quiet --profile server -p calls-server
# The server profile, not release: release aborts on panic, and the benchmark's browser
# and server are stopped by its destructors, which an abort skips (a failed run would
# leave Chromium and the server running). list-latency.sh builds with it too.
cargo build --quiet --profile server -p calls-bench --bin widget-vs-plain
CHROMEDRIVER=/usr/bin/chromedriver CALLS_SERVER_BIN="$ROOT/target/server/calls-server" \
    target/server/widget-vs-plain "$@"
