#!/usr/bin/env bash
# Times the native CLI on FeastFlow repeated in many namespaces and prints a table:
# objects, MB, parse ms, review ms (`manifesto check`, human output), review/parse, and how each
# grows from the previous size. Times are CPU time (user + system) of the whole command.
#
#   ./scripts/bench.sh                      # 440, 1,760, 7,040 and 10,010 objects
#   ./scripts/bench.sh 1000 16000           # other sizes
#   SHAPE=services-deployments ./scripts/bench.sh 1000 4000 16000
#   MANIFESTO=/path/to/manifesto ./scripts/bench.sh   # time another build of the CLI
#
# Each figure is the least of RUNS runs (default 3). SHAPE is one of feastflow (default),
# services-deployments and fanout (see crates/core/examples/generate.rs).
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

SHAPE="${SHAPE:-feastflow}"
RUNS="${RUNS:-3}"
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(440 1760 7040 10010); fi

if [ -z "${MANIFESTO:-}" ]; then
  cargo build --quiet --release -p manifesto-cli
  MANIFESTO="$ROOT/target/release/manifesto"
fi
cargo build --quiet -p manifesto-core --example generate
GENERATE="$ROOT/target/debug/examples/generate"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The least CPU time (user + system, in milliseconds) of RUNS runs of the command: on a shared
# machine it varies far less than wall-clock time, and the CLI runs on one thread.
best_ms() {
  local best="" ms
  local TIMEFORMAT='%3U %3S'
  for _ in $(seq "$RUNS"); do
    ms=$({ time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

printf 'shape: %s, CPU time, least of %s runs, %s cores\n\n' "$SHAPE" "$RUNS" "$(nproc)"
printf '| objects | MB | parse ms | review ms | review/parse | parse growth | review growth |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
prev_parse="" prev_review=""
for n in "${SIZES[@]}"; do
  file="$WORK/$SHAPE-$n.yaml"
  "$GENERATE" "$SHAPE" "$n" >"$file"
  objects=$("$MANIFESTO" parse "$file" 2>/dev/null | tail -1 | cut -d' ' -f1)
  mb=$(awk -v b="$(wc -c <"$file")" 'BEGIN { printf "%.2f", b / 1e6 }')
  parse=$(best_ms "$MANIFESTO" parse "$file")
  review=$(best_ms "$MANIFESTO" check "$file")
  ratio=$(awk -v r="$review" -v p="$parse" 'BEGIN { printf "%.2f", p ? r / p : 0 }')
  if [ -n "$prev_parse" ]; then
    pg=$(awk -v a="$parse" -v b="$prev_parse" 'BEGIN { printf "×%.1f", b ? a / b : 0 }')
    rg=$(awk -v a="$review" -v b="$prev_review" 'BEGIN { printf "×%.1f", b ? a / b : 0 }')
  else
    pg="" rg=""
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$objects" "$mb" "$parse" "$review" "$ratio" "$pg" "$rg"
  prev_parse=$parse prev_review=$review
done
