#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is present.
# Safe to run again: each step checks first and says what it does.
#
#   ./scripts/setup.sh
#
# Installs: the wasm32 Rust target, rustfmt and clippy, Trunk, wasm-bindgen-cli
# (the version in Cargo.lock), binaryen's wasm-opt (npm, into .tools/), Debian's
# chromium and chromium-driver, the e2e node packages, the code editor's bundle (npm and esbuild),
# and the crates (cargo fetch).
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

step() { printf '==> %s\n' "$*"; }
skip() { printf '    %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt/dpkg run to finish instead of failing on its lock.
  local lock=(-o DPkg::Lock::Timeout=900)
  if [ "$APT_UPDATED" -eq 0 ]; then
    step "apt-get update"
    as_root apt-get "${lock[@]}" update -q
    APT_UPDATED=1
  fi
  step "apt-get install -y $*"
  as_root apt-get "${lock[@]}" install -y -q --no-install-recommends "$@"
}

# --- Rust toolchain -----------------------------------------------------------

command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null 2>&1 || die "rustup not found: install Rust with rustup first"

if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  skip "rust target wasm32-unknown-unknown: present"
else
  step "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if rustup component list --installed | grep -q "^${component}"; then
    skip "rust component ${component}: present"
  else
    step "installing rust component ${component}"
    rustup component add "${component}"
  fi
done

# --- Trunk and wasm-bindgen-cli ------------------------------------------------

if [ "$(trunk --version 2>/dev/null || true)" = "trunk ${TRUNK_VERSION}" ]; then
  skip "trunk ${TRUNK_VERSION}: present"
else
  step "installing trunk ${TRUNK_VERSION} (cargo install, takes about 10 minutes)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
fi

[ -n "${WASM_BINDGEN_VERSION}" ] || die "could not read the wasm-bindgen version from Cargo.lock"
trunk_wasm_bindgen="$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml)"
if [ "${trunk_wasm_bindgen}" != "${WASM_BINDGEN_VERSION}" ]; then
  die "Trunk.toml has wasm_bindgen = \"${trunk_wasm_bindgen}\" but Cargo.lock has wasm-bindgen ${WASM_BINDGEN_VERSION}: update [tools] in Trunk.toml"
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen ${WASM_BINDGEN_VERSION}" ]; then
  skip "wasm-bindgen-cli ${WASM_BINDGEN_VERSION}: present"
else
  step "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (the version in Cargo.lock)"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

# --- Node, binaryen -----------------------------------------------------------

if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  skip "node $(node --version) and npm $(npm --version): present"
else
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "${node_major}" -ge 20 ] || die "node >= 20 is needed (found $(node --version))"

if wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION} "; then
  skip "wasm-opt (binaryen ${BINARYEN_VERSION}): present in .tools/"
else
  step "installing binaryen@${BINARYEN_VERSION} from npm into .tools/"
  npm install --prefix "$ROOT/.tools" --no-audit --no-fund --no-save "binaryen@${BINARYEN_VERSION}"
  wasm-opt --version | grep -q "version ${BINARYEN_VERSION} " || die "wasm-opt ${BINARYEN_VERSION} not found on PATH after install"
fi

# --- Chromium -----------------------------------------------------------------

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  skip "chromium and chromedriver: present"
else
  apt_install chromium chromium-driver
fi

# --- e2e node packages --------------------------------------------------------

# playwright-core never downloads browsers; the tests drive /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
lock_sum="$(sha256sum tests/e2e/package-lock.json | cut -d' ' -f1)"
stamp="tests/e2e/node_modules/.installed-lock-sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && [ -d tests/e2e/node_modules/playwright-core ]; then
  skip "e2e node packages: present"
else
  step "installing e2e node packages (npm ci in tests/e2e/)"
  (cd tests/e2e && npm ci --no-audit --no-fund)
  printf '%s\n' "$lock_sum" >"$stamp"
fi

# --- The code editor ----------------------------------------------------------

# CodeMirror 6 from npm, bundled into editor/dist/editor.js, which index.html loads (Trunk
# copies it into dist/). Rebuilt when the lock file or the editor's source changes.
editor_sum="$(cat editor/package.json editor/package-lock.json editor/src/*.js | sha256sum | cut -d' ' -f1)"
stamp="editor/dist/.built-from-sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$editor_sum" ] && [ -f editor/dist/editor.js ]; then
  skip "code editor bundle: present"
else
  step "bundling the code editor (npm ci and esbuild in editor/)"
  (cd editor && npm ci --no-audit --no-fund && npm run --silent build)
  printf '%s\n' "$editor_sum" >"$stamp"
fi

# --- Crates -------------------------------------------------------------------

# Trunk builds offline (Trunk.toml), so every crate must be downloaded beforehand.
step "cargo fetch"
cargo fetch --quiet

step "setup done"
