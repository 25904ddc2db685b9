#!/usr/bin/env bash
# Prints raw and gzip (-9) bytes of every file the widget loads from a release build
# (wasm, JS, CSS), and the total against the 150 KB gzip budget.
# Usage: bench/size-report.sh [--no-build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
if [ "${1:-}" != "--no-build" ]; then
    ensure_widget_tools
    trunk build --release >/dev/null 2>&1 || trunk build --release
fi
budget=$((150 * 1000))
total_raw=0
total_gzip=0
printf '%-48s %10s %10s\n' file raw gzip
for file in dist/*.wasm dist/*.js dist/*.css; do
    [ -e "$file" ] || continue
    raw=$(stat -c %s "$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    total_raw=$((total_raw + raw))
    total_gzip=$((total_gzip + gz))
    printf '%-48s %10d %10d\n' "$(basename "$file")" "$raw" "$gz"
done
printf '%-48s %10d %10d\n' total "$total_raw" "$total_gzip"
if [ "$total_gzip" -le "$budget" ]; then
    echo "within the budget of $budget bytes gzip ($((budget - total_gzip)) to spare)"
else
    echo "OVER the budget of $budget bytes gzip by $((total_gzip - budget))"
fi
