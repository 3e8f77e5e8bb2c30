#!/usr/bin/env bash
# Regenerates the Python SDK (sdks/python/client) from the repository's openapi.yaml.
# Needs the tools of requirements-dev.txt on PATH (openapi-python-client formats its output
# with ruff). Fails on any generator warning: every operation and schema must come through.
set -euo pipefail
cd "$(dirname "$0")"
openapi-python-client generate \
  --path ../../openapi.yaml \
  --config config.yaml \
  --meta setup \
  --output-path client \
  --overwrite \
  --fail-on-warning
