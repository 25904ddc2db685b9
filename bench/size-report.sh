#!/usr/bin/env bash
# Prints raw and gzip (-9) bytes of every file the embeddable widget loads (dist/widget:
# the loader, the wasm-bindgen glue, the wasm, the stylesheet) and their total against
# the 150 KB gzip budget; then the same for the standalone app (dist/), for reference.
# Usage: bench/size-report.sh [--no-build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
if [ "${1:-}" != "--no-build" ]; then
    ensure_widget_tools
    build_web >/dev/null 2>&1 || build_web
fi
budget=$((150 * 1000))

# report TITLE FILE... : one line per file and the total; sets $total_gzip.
report() {
    local title=$1
    shift
    local total_raw=0
    total_gzip=0
    echo "$title"
    printf '  %-40s %10s %10s\n' file raw gzip
    for file in "$@"; do
        [ -e "$file" ] || continue
        local raw gz
        raw=$(stat -c %s "$file")
        gz=$(gzip -9 -c "$file" | wc -c)
        total_raw=$((total_raw + raw))
        total_gzip=$((total_gzip + gz))
        printf '  %-40s %10d %10d\n' "${file#dist/}" "$raw" "$gz"
    done
    printf '  %-40s %10d %10d\n' total "$total_raw" "$total_gzip"
}

report "standalone app (dist/, for reference)" dist/app.js dist/calls-widget.js dist/calls-widget_bg.wasm \
    dist/calls-widget.css dist/standalone.css
echo
report "embeddable widget (dist/widget/)" dist/widget/embed.js dist/widget/calls-widget.js \
    dist/widget/calls-widget_bg.wasm dist/widget/calls-widget.css
if [ "$total_gzip" -le "$budget" ]; then
    echo "widget: within the budget of $budget bytes gzip ($((budget - total_gzip)) to spare)"
else
    echo "widget: OVER the budget of $budget bytes gzip by $((total_gzip - budget))"
fi
