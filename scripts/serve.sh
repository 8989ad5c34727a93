#!/usr/bin/env bash
# Builds the web app in release mode and serves it on http://127.0.0.1:8080
# (PORT=9000 ./scripts/serve.sh for another port). The page opens with the
# FeastFlow sample loaded. Trunk rebuilds when sources change; reload the page.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

PORT="${PORT:-8080}"
ADDRESS="${ADDRESS:-127.0.0.1}"

printf '==> trunk serve --release on http://%s:%s/ (Ctrl-C to stop)\n' "$ADDRESS" "$PORT"
printf '    the first build takes a few minutes; open the URL once trunk says "server listening"\n'
# --no-autoreload: the reload script is rewritten per request, so its CSP hash
# (added by scripts/csp-hash.mjs at build time) would not match.
exec trunk serve --release --no-autoreload --address "$ADDRESS" --port "$PORT"
