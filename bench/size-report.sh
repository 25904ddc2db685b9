#!/usr/bin/env bash
# Prints the bytes of every file the embeddable widget loads (dist/widget: the loader
# with wasm-bindgen's glue and the stylesheet bundled in, and the wasm): raw, gzip -9, and as the reference
# server sends them (the precompressed .gz and .br the release build writes beside each
# file: zopfli and brotli -q 11), with totals; then the same for the standalone app
# (dist/), for reference. The budget is what a browser downloads for the widget from the
# reference server: the brotli files, 149,832 bytes in all; the gzip -9 total is printed
# beside it. With --check it fails when the brotli total is over the budget (the test
# command runs it that way).
# Usage: bench/size-report.sh [--no-build] [--check]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
build=yes
check=no
for argument in "$@"; do
    case $argument in
    --no-build) build=no ;;
    --check) check=yes ;;
    *)
        echo "usage: bench/size-report.sh [--no-build] [--check]" >&2
        exit 2
        ;;
    esac
done
if [ "$build" = yes ]; then
    ensure_widget_tools
    build_web >/dev/null 2>&1 || build_web
fi
budget=149832

# size FILE: bytes of FILE, or 0 when it is missing.
size() {
    if [ -e "$1" ]; then stat -c %s "$1"; else echo 0; fi
}

# report TITLE FILE... : one line per file and the totals; sets $total_gzip9,
# $total_served_gzip and $total_br.
report() {
    local title=$1
    shift
    local total_raw=0
    total_gzip9=0
    total_served_gzip=0
    total_br=0
    echo "$title"
    printf '  %-34s %9s %9s %12s %12s\n' file raw "gzip -9" "served .gz" "served .br"
    for file in "$@"; do
        [ -e "$file" ] || continue
        local raw gz9 gz br
        raw=$(size "$file")
        gz9=$(gzip -9 -c "$file" | wc -c)
        gz=$(size "$file.gz")
        br=$(size "$file.br")
        total_raw=$((total_raw + raw))
        total_gzip9=$((total_gzip9 + gz9))
        total_served_gzip=$((total_served_gzip + gz))
        total_br=$((total_br + br))
        printf '  %-34s %9d %9d %12d %12d\n' "${file#dist/}" "$raw" "$gz9" "$gz" "$br"
    done
    printf '  %-34s %9d %9d %12d %12d\n' total "$total_raw" "$total_gzip9" "$total_served_gzip" "$total_br"
}

# verdict WHAT BYTES: one line comparing BYTES with the budget.
verdict() {
    if [ "$2" -le "$budget" ]; then
        echo "widget, $1: within the budget of $budget bytes ($((budget - $2)) to spare)"
    else
        echo "widget, $1: OVER the budget of $budget bytes by $(($2 - budget))"
    fi
}

report "standalone app (dist/, for reference)" dist/app.js dist/calls-widget_bg.wasm \
    dist/calls-widget.css dist/standalone.css
echo
# The widget's stylesheet is inside embed.js (scripts/finish-release.sh): a page loads
# these two files.
report "embeddable widget (dist/widget/)" dist/widget/embed.js dist/widget/calls-widget_bg.wasm
verdict "brotli as served (.br files)" "$total_br"
echo "widget, gzip -9 (for comparison): $total_gzip9 bytes; gzip as served (.gz files): $total_served_gzip bytes"
if [ "$check" = yes ] && { [ "$total_br" -eq 0 ] || [ "$total_br" -gt "$budget" ]; }; then
    [ "$total_br" -eq 0 ] && echo "widget: no .br files in dist/widget/ (a release build writes them)" >&2
    exit 1
fi
