#!/usr/bin/env bash
# A walk through the API with curl against a local server started with:
#   cargo run -p panelrelay-api -- serve
# Pass the platform admin key that the first start printed:
#   ADMIN_KEY=pra_… examples/curl-walkthrough.sh
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:8080}"
: "${ADMIN_KEY:?set ADMIN_KEY to the platform admin key printed by the first serve}"

echo "# create a workspace (the response holds its first owner key, shown once)"
created=$(curl -sf -X POST "$BASE/v1/workspaces" \
  -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: walkthrough-$(date +%s)" \
  -d '{"name": "Acme SMM"}')
echo "$created"
OWNER_KEY=$(printf '%s' "$created" | sed -E 's/.*"secret":"([^"]+)".*/\1/')

echo "# the workspace, as its owner sees it"
curl -sf "$BASE/v1/workspace" -H "Authorization: Bearer $OWNER_KEY"; echo

echo "# an agent key for a support dashboard"
curl -sf -X POST "$BASE/v1/api-keys" \
  -H "Authorization: Bearer $OWNER_KEY" -H 'Content-Type: application/json' \
  -d '{"name": "support dashboard", "role": "agent"}'; echo

echo "# the workspace's keys (secrets are never listed)"
curl -sf "$BASE/v1/api-keys?limit=10" -H "Authorization: Bearer $OWNER_KEY"; echo

echo "# errors always come as an envelope with a machine code"
curl -s "$BASE/v1/workspace" -H "Authorization: Bearer prk_wrong"; echo
