#!/bin/sh
# Trunk pre-build hook: the widget's stylesheet is written in parts, one concern each
# (style/widget/*.css, imported in order by style/calls-widget.css); esbuild joins them
# into one calls-widget.css in Trunk's staging folder (minified in release builds), the
# one file pages link and release builds inline (scripts/finish-release.sh).
# Usage (from Trunk.toml): sh scripts/bundle-css.sh STYLESHEET
set -eu
minify=""
[ "${TRUNK_PROFILE:-}" = "release" ] && minify="--minify"
esbuild "$1" --bundle $minify --log-level=warning --outfile="$TRUNK_STAGING_DIR/calls-widget.css"
