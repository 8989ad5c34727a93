#!/usr/bin/env bash
# Prints the size of what the page downloads before it can show anything (the wasm, its
# JavaScript glue and the code editor's script in dist/, raw and gzip -9), and fails when the
# gzip total passes the budget.
#
#   ./scripts/wasm-size.sh                 # after `trunk build --release`
#   BUDGET_KB=1700 ./scripts/wasm-size.sh  # another budget
#
# The budget stops the first load from growing unnoticed. Today one wasm holds the page and the
# analysis, so the budget is that binary's size and the editor's (CodeMirror, about 132 KB)
# plus a margin; once the analysis moves into its own worker binary, the page's budget is
# 450 KB (see README, Performance).
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

BUDGET_KB="${BUDGET_KB:-1600}"
DIST="${DIST:-$ROOT/dist}"

total_gzip=0
printf '%-44s %10s %10s\n' "file" "raw KB" "gzip KB"
for file in "$DIST"/*.wasm "$DIST"/*.js; do
  [ -e "$file" ] || continue
  case "$(basename "$file")" in sw.js) continue ;; esac
  raw=$(wc -c <"$file")
  gz=$(gzip -9c "$file" | wc -c)
  total_gzip=$((total_gzip + gz))
  printf '%-44s %10d %10d\n' "$(basename "$file")" $((raw / 1000)) $((gz / 1000))
done
printf '%-44s %10s %10d  (budget %d KB)\n' "first load, gzip" "" $((total_gzip / 1000)) "$BUDGET_KB"
if [ $((total_gzip / 1000)) -gt "$BUDGET_KB" ]; then
  echo "The first load is over its budget of $BUDGET_KB KB gzip." >&2
  exit 1
fi
