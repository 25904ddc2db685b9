#!/bin/sh
# Trunk post-build hook of the widget build: in release builds, minifies the JavaScript a
# host page loads (the loader and wasm-bindgen's glue) with esbuild, in the staging folder.
# Trunk's own minifier cannot parse either file. Property names are kept, so the glue's
# imports still match the wasm.
set -eu
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
for file in embed.js calls-widget.js; do
    esbuild "$TRUNK_STAGING_DIR/$file" --minify --format=esm --target=es2022 --log-level=warning \
        --allow-overwrite --outfile="$TRUNK_STAGING_DIR/$file"
done
