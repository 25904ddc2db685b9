#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there:
# the wasm32 target, rustfmt/clippy, the standard library's source (release wasm builds
# compile it, see build_web), Trunk, wasm-bindgen-cli at Cargo.lock's version,
# binaryen's wasm-opt (npm, version 132), Debian's Chromium + ChromeDriver, and every
# crate the offline builds need (the workspace's and the wasm std's).
# Sourced by run.sh and test.sh; it puts the tools folder on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
ESBUILD_VERSION="0.25.12"
# Where cargo installs tools. Kept on PATH when a command runs with another CARGO_HOME
# (the test command builds the widget from an empty registry: see test.sh).
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$TOOLS/node_modules/.bin:$CARGO_BIN:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_rust_parts() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
    for component in rustfmt clippy rust-src; do
        if ! rustup component list --installed | grep -q "^$component"; then
            say "adding $component"
            rustup component add "$component"
        fi
    done
}

ensure_trunk() {
    if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
        say "installing trunk $TRUNK_VERSION (about 9 minutes the first time)"
        cargo install --locked trunk --version "$TRUNK_VERSION"
    fi
}

# The CLI must equal the wasm-bindgen crate in Cargo.lock, or the generated JS and the
# wasm disagree. Not --locked: its own lock file names a crate version this registry lacks.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
    local wanted
    wanted="$(wasm_bindgen_version)"
    [ -n "$wanted" ] || return 0
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
        say "installing wasm-bindgen-cli $wanted"
        cargo install wasm-bindgen-cli --version "$wanted" --force
    fi
}

# binaryen from npm, never Debian's (version 108 makes a wasm that wasm-bindgen cannot load).
ensure_wasm_opt() {
    if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
        say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/"
        mkdir -p "$TOOLS"
        npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
    fi
}

# esbuild from npm: minifies the widget's JavaScript in release builds
# (scripts/finish-release.sh).
ensure_esbuild() {
    if [ "$(esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
        say "installing esbuild $ESBUILD_VERSION into .tools/"
        mkdir -p "$TOOLS"
        npm install --prefix "$TOOLS" --no-audit --no-fund --silent "esbuild@$ESBUILD_VERSION"
    fi
}

# axe-core from npm, pinned: the end-to-end accessibility tests run it in the pages
# (e2e/tests/accessibility.rs reads .tools/node_modules/axe-core/axe.min.js).
AXE_VERSION="4.14.1"
ensure_axe() {
    if [ "$(node -p 'require(process.argv[1]).version' "$TOOLS/node_modules/axe-core/package.json" 2>/dev/null)" != "$AXE_VERSION" ]; then
        say "installing axe-core $AXE_VERSION into .tools/"
        mkdir -p "$TOOLS"
        npm install --prefix "$TOOLS" --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
    fi
}

# A generated TypeScript client of the server's description (scripts/typed-client.sh):
# openapi-typescript writes the types, openapi-fetch is the client, tsc compiles it.
OPENAPI_TYPESCRIPT_VERSION="7.13.0"
OPENAPI_FETCH_VERSION="0.17.0"
TYPESCRIPT_VERSION="5.9.3"
ensure_typed_client_tools() {
    local wanted="openapi-typescript@$OPENAPI_TYPESCRIPT_VERSION openapi-fetch@$OPENAPI_FETCH_VERSION typescript@$TYPESCRIPT_VERSION"
    local have
    have="$(cd "$TOOLS" 2>/dev/null && node -p '["openapi-typescript", "openapi-fetch", "typescript"]
        .map((name) => { try { return name + "@" + require("./node_modules/" + name + "/package.json").version } catch { return "" } })
        .join(" ")' 2>/dev/null || true)"
    if [ "$have" != "$wanted" ]; then
        say "installing $wanted into .tools/"
        mkdir -p "$TOOLS"
        # shellcheck disable=SC2086
        npm install --prefix "$TOOLS" --no-audit --no-fund --silent $wanted
    fi
}

# zopfli and brotli from Debian: release builds precompress the widget's files
# (scripts/finish-release.sh).
ensure_compressors() {
    if ! command -v zopfli >/dev/null || ! command -v brotli >/dev/null; then
        say "installing zopfli and brotli from Debian"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zopfli brotli >/dev/null
    fi
}

# With a font for Chinese and Japanese (WenQuanYi Zen Hei, 7 MB): the language tests'
# screenshots (docs/language-*.png) show those words, not empty boxes.
ensure_chromium() {
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
        || [ ! -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
        say "installing Chromium, ChromeDriver and a CJK font from Debian"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
    fi
}

# Schemathesis from PyPI, pinned, in a virtual environment of its own: the schema tests
# (scripts/schemathesis.sh) check the server against its OpenAPI description.
SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_VENV="$TOOLS/schemathesis"
ensure_schemathesis() {
    if [ "$("$SCHEMATHESIS_VENV/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
        say "installing Schemathesis $SCHEMATHESIS_VERSION into .tools/schemathesis"
        rm -rf "$SCHEMATHESIS_VENV"
        python3 -m venv "$SCHEMATHESIS_VENV"
        "$SCHEMATHESIS_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    fi
}

# The wasm's own std (see build_web) is built from rust-src, whose crates.io
# dependencies Cargo fetches only when it is told to build std.
with_wasm_std() {
    RUSTC_BOOTSTRAP=1 \
        CARGO_UNSTABLE_BUILD_STD="std,panic_abort" \
        CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size" \
        "$@"
}

# Every crate an offline build needs in Cargo's registry: the workspace's (all targets)
# and the wasm std's. Trunk runs cargo offline (Trunk.toml), so nothing it lacks can be
# fetched then. A look without the network first, so a machine that has them all asks
# the registry nothing.
ensure_crates() {
    if (cd "$ROOT" && cargo fetch --locked --offline --target "$(host_target)" \
        --target wasm32-unknown-unknown && with_wasm_std cargo fetch --locked --offline \
        --target wasm32-unknown-unknown) >/dev/null 2>&1; then
        return 0
    fi
    say "fetching the crates the offline builds need (the workspace's and the wasm std's)"
    (
        cd "$ROOT"
        cargo fetch --locked --quiet --target "$(host_target)" --target wasm32-unknown-unknown
        with_wasm_std cargo fetch --locked --quiet --target wasm32-unknown-unknown
    )
}

# This machine's target triple: the crates of other platforms are never fetched.
host_target() {
    rustc -vV | sed -n 's/^host: //p'
}

ensure_server_tools() {
    ensure_rust_parts
}

ensure_widget_tools() {
    ensure_rust_parts
    ensure_trunk
    ensure_wasm_bindgen
    ensure_wasm_opt
    ensure_esbuild
    ensure_compressors
    ensure_crates
}

ensure_all() {
    ensure_widget_tools
    ensure_chromium
    ensure_axe
    ensure_schemathesis
    ensure_typed_client_tools
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    ensure_all
    say "all tools are in place"
fi

# Builds the standalone app into dist/ and then the embeddable widget into dist/widget/
# (in that order: each Trunk build replaces its own dist folder). Release builds.
#
# The wasm's standard library is compiled with it (from rust-src) with panics that abort
# at once. On wasm32-unknown-unknown a panic's message goes nowhere (the default hook
# writes to a stderr that does not exist, and the widget sets no hook), so a panic ends
# in the same `unreachable` trap either way; without the message machinery, and with
# std's smaller implementations (`optimize_for_size`), the widget is about 9.3 KB of
# brotli smaller (bench/RESULTS.md). These are unstable Cargo and rustc options:
# RUSTC_BOOTSTRAP lets the one stable toolchain of these machines take them, for this
# build only (tests, clippy and the server build as usual). A toolchain that changes
# them fails here with rustc's message, not silently.
build_web() {
    (
        cd "$ROOT"
        export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
        with_wasm_std trunk build --release
        with_wasm_std trunk build --release --config widget/Trunk.toml
    )
}
