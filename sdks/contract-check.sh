#!/usr/bin/env bash
# Measures the published spec against a live sandbox: redocly lint, then schemathesis with
# every check (workspace-key operations, then the admin-key /v1/workspaces ones). Prints the
# tools' own summaries; CONTRACT.md records the figures. Not part of .ci/run (a few minutes,
# and its remaining findings are known, by design: see CONTRACT.md).
#
# Usage: sdks/contract-check.sh [path-to-panelrelay] (default: target/debug/panelrelay)
# Needs: node/npx, python3 with venv. Uses a scratch directory under /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-target/debug/panelrelay}")
SPEC="$PWD/openapi.yaml"
WORK=$(mktemp -d /tmp/panelrelay-contract.XXXXXX)
PORT=18080

echo "== redocly"
(cd "$WORK" && npx -y @redocly/cli@2.77.0 lint "$SPEC" --format stylish) || true

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5

server=""
start() {
  local data
  data=$(mktemp -d "$WORK/data.XXXXXX")
  # The auth-failure limiter is off: schemathesis' authentication probes send bad keys.
  PANELRELAY_LOG=warn "$BIN" sandbox --listen "127.0.0.1:$PORT" --data-dir "$data" \
    --auth-failures-per-minute 0 > "$WORK/sandbox.out" 2> "$WORK/sandbox.err" &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
  echo "the sandbox did not start" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; }
trap 'kill $server 2>/dev/null || true' EXIT

echo "== schemathesis: workspace key, every operation but /v1/workspaces*"
start
KEY=$(grep -o 'prk_[A-Za-z0-9_-]*' "$WORK/sandbox.out" | head -1)
timeout 600 "$WORK/venv/bin/st" run "$SPEC" --url "http://127.0.0.1:$PORT" --checks all \
  -H "Authorization: Bearer $KEY" --exclude-path-regex '^/v1/workspaces' \
  --max-examples 100 --workers 2 --request-timeout 10 --seed 2 || true
stop

echo "== schemathesis: admin key, /v1/workspaces*"
start
ADMIN=$(grep -o 'pra_[A-Za-z0-9_-]*' "$WORK/sandbox.out" | head -1)
timeout 600 "$WORK/venv/bin/st" run "$SPEC" --url "http://127.0.0.1:$PORT" --checks all \
  -H "Authorization: Bearer $ADMIN" --include-path-regex '^/v1/workspaces' \
  --max-examples 50 --workers 1 --request-timeout 10 --seed 1 || true
stop
