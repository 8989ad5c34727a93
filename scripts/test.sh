#!/usr/bin/env bash
# Runs every check and test, in order, stopping at the first failure:
#   formatting, clippy (host and wasm), cargo tests (core, corpus, CLI, app), a short seeded
#   fuzz run, the app's component tests in headless Chromium, the release web build and its
#   first-load size (scripts/wasm-size.sh), and the browser journeys in tests/e2e/ against that
#   build.
#
#   ./scripts/test.sh
#
# The corpus tests read ../shared/corpus, next to the repository, and skip with a message
# when it is absent.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

declare -a DONE=()
started=$SECONDS

summary() {
  local status=$?
  printf '\n==> summary\n'
  local s
  for s in "${DONE[@]}"; do printf '    ok      %s\n' "$s"; done
  if [ "$status" -ne 0 ] && [ -n "${CURRENT:-}" ]; then
    printf '    FAILED  %s\n' "$CURRENT"
  fi
  printf '    (%ss)\n' "$((SECONDS - started))"
}
trap summary EXIT

run() {
  local name="$1"
  shift
  CURRENT="$name"
  printf '\n==> %s: %s\n' "$name" "$*"
  "$@"
  DONE+=("$name")
  CURRENT=""
}

run "format" cargo fmt --all --check
run "clippy" cargo clippy --workspace --all-targets -- -D warnings
# The app as the browser runs it, with its component tests (compiled for wasm only).
run "clippy (wasm)" cargo clippy -p manifesto-app --target wasm32-unknown-unknown --all-targets -- -D warnings
run "cargo tests" cargo test --workspace
run "fuzz (seeded, 60 s)" cargo run --profile fuzz -p manifesto-fuzz -- --seed 1 --seconds 60

# The app's component tests (tests/*.rs) in headless Chromium (.cargo/config.toml,
# tests/webdriver.json). The app's unit tests ran on the host above, so only the integration
# tests are built for wasm.
run "wasm tests" cargo test -p manifesto-app --target wasm32-unknown-unknown --test '*'

run "web build" trunk build --release
run "first-load size" "$ROOT/scripts/wasm-size.sh"
run "e2e" env DIST="$ROOT/dist" node --test --test-concurrency=1 tests/e2e/
