#!/bin/sh
# Trunk post-build hook: in release builds, minifies the named JavaScript files (the
# loader and wasm-bindgen's glue) in Trunk's staging folder with esbuild. Trunk's own
# minifier cannot parse either. Property names are kept, so the glue's imports still
# match the wasm. Usage (from Trunk.toml): sh scripts/minify-js.sh FILE...
set -eu
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
for file in "$@"; do
    esbuild "$TRUNK_STAGING_DIR/$file" --minify --format=esm --target=es2022 --log-level=warning \
        --allow-overwrite --outfile="$TRUNK_STAGING_DIR/$file"
done
