#!/bin/sh
# Trunk post-build hook for release builds, run in Trunk's staging folder:
#  1. The wasm loses the exports of wasm-streams' JavaScript classes. Leptos always links
#     server_fn, which links wasm-streams, whose #[wasm_bindgen] structs are exported from
#     every Leptos wasm; the widget never streams a body, so nothing calls them. Without
#     the exports wasm-opt can drop their code (-2 KB gzip, bench/RESULTS.md); -Oz runs
#     until it changes nothing more (--converge: -0.8 KB brotli for about 40 s). The glue
#     still has the classes, which only look the exports up when called. The custom
#     sections naming the compiler and target features go too: browsers ignore them.
#     Imports and exports get short names (wasm-bindgen's carry 16-digit hashes, written
#     in the wasm and again in the glue: -3.5 KB brotli), and scripts/minify-wasm-names.mjs
#     renames them in the glue.
#  2. The loader (ENTRY) is bundled with wasm-bindgen's glue (FILE, which it imports) and
#     minified by esbuild, and the glue's own file goes: a page then waits for one script
#     before the wasm is fetched, not two in a row. Trunk's own minifier cannot parse
#     either file. Property names are kept, so the glue's imports still match the wasm.
#     `Symbol.dispose` is defined away: the glue only uses it to let its classes be
#     disposed by `using`, which nothing does (the loader wraps the one class the widget
#     exports), and without it esbuild drops wasm-streams' unused classes (-0.2 KB gzip).
#     With CSS (a stylesheet beside ENTRY), its text goes into the bundle as the value of
#     `__CALLS_WIDGET_CSS__`: the loader styles each shadow root with it at once, so
#     the skeleton it draws before the wasm is styled in the first frame (an async
#     <link> would show it unstyled first, and the page would move). The file stays for
#     pages that want the same look around their own markup.
#  3. Every JavaScript, wasm and CSS file gets a `.gz` (zopfli: gzip that any browser
#     reads, about 5 % smaller than gzip -9) and a `.br` (brotli -q 11) beside it. The
#     reference server sends those to browsers that accept them; any static server that
#     serves precompressed files (nginx gzip_static, brotli_static) can do the same.
# Usage (from Trunk.toml): sh scripts/finish-release.sh [--css CSS] ENTRY FILE...
set -eu
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
css_define=""
if [ "$1" = "--css" ]; then
    css_define="--define:__CALLS_WIDGET_CSS__=$(node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(process.argv[1], "utf8")))' "$TRUNK_STAGING_DIR/$2")"
    shift 2
fi
entry=$1
shift
# The catalogs are minified (one line, no spaces between members) like the code; the
# embeddable widget's (built with --css) lose the standalone app's words (`app.*`), which
# it never shows, before English goes into its loader.
drop_app_keys=$([ -n "$css_define" ] && echo yes || echo no)
rm -f "$TRUNK_STAGING_DIR/i18n/README.md"
for file in "$TRUNK_STAGING_DIR"/i18n/*.json; do
    [ -e "$file" ] || continue
    node -e '
        const fs = require("fs");
        const [file, dropApp] = process.argv.slice(1);
        const messages = JSON.parse(fs.readFileSync(file, "utf8"));
        if (dropApp === "yes") for (const key of Object.keys(messages)) if (key.startsWith("app.")) delete messages[key];
        fs.writeFileSync(file, JSON.stringify(messages));
    ' "$file" "$drop_app_keys"
done
for wasm in "$TRUNK_STAGING_DIR"/*_bg.wasm; do
    [ -e "$wasm" ] || continue
    # Passes run in the order given: the exports go first, then -Oz drops their code.
    wasm-opt "$wasm" -o "$wasm" --remove-exports --pass-arg='remove-exports@*intounderlying*' -Oz --converge
    # The names go last, in a run of their own (--converge would rename them again):
    # wasm-opt prints what it renamed, and the glue is told.
    wasm-opt "$wasm" -o "$wasm" --minify-imports-and-exports-and-modules --strip-producers --strip-target-features \
        >"$wasm.names.json"
    node "$(dirname "$0")/minify-wasm-names.mjs" "$wasm.names.json" "${wasm%_bg.wasm}.js"
    rm "$wasm.names.json"
done
esbuild "$TRUNK_STAGING_DIR/$entry" --bundle --minify --format=esm --target=es2022 \
    --define:Symbol.dispose=undefined ${css_define:+"$css_define"} --log-level=warning --allow-overwrite \
    --outfile="$TRUNK_STAGING_DIR/$entry"
for file in "$@"; do
    rm "$TRUNK_STAGING_DIR/$file"
done
for file in "$TRUNK_STAGING_DIR"/*.js "$TRUNK_STAGING_DIR"/*.wasm "$TRUNK_STAGING_DIR"/*.css "$TRUNK_STAGING_DIR"/i18n/*.json; do
    [ -e "$file" ] || continue
    zopfli -c "$file" >"$file.gz"
    brotli -q 11 -f -o "$file.br" "$file"
done
