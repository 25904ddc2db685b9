#!/usr/bin/env bash
# The set-up and the release widget build as on a new machine: with an empty Cargo
# registry (a throwaway CARGO_HOME, the installed tools still on PATH), so a step that
# needs a crate the set-up never fetched fails here, on every machine, not only on a new
# one (Trunk builds offline: Trunk.toml). The target folder is the usual one, so nothing
# is compiled twice: what it costs is the download. The test command builds the release
# widget this way, once, for every suite after it.
set -euo pipefail
home_in_use="${CARGO_HOME:-$HOME/.cargo}"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
empty_home="$ROOT/target/empty-cargo-home"
rm -rf "$empty_home"
mkdir -p "$empty_home"
trap 'rm -rf "$empty_home"' EXIT
# A registry mirror or proxy the user set up stays set up.
for config in config.toml config; do
    if [ -f "$home_in_use/$config" ]; then cp "$home_in_use/$config" "$empty_home/"; fi
done
export CARGO_HOME="$empty_home"
ensure_widget_tools
build_web
