# shellcheck shell=bash
# Sourced by the other scripts: puts the project's tools first on PATH.
#   . scripts/env.sh
# Sets ROOT (the repository root) and PATH; idempotent.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# binaryen (wasm-opt) from npm comes first: Debian's binaryen is too old for today's wasm.
_manifesto_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) ;;
    *) PATH="$1:$PATH" ;;
  esac
}
_manifesto_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
_manifesto_path_prepend "$ROOT/.tools/node_modules/.bin"
unset -f _manifesto_path_prepend
export PATH

# Versions the build depends on.
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
export TRUNK_VERSION BINARYEN_VERSION WASM_BINDGEN_VERSION

# The e2e tests and wasm-bindgen-test drive Debian's chromium.
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
