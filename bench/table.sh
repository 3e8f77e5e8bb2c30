#!/usr/bin/env bash
# Reproduces the tables of BENCHMARKS.md: both backends, with and without 50 ms of panel
# latency; then the cost per workspace (3,000 workspaces against 100) and per stored
# delivery (150,000 deliveries against 20,000) on the embedded backend. PostgreSQL + Redis come from DATABASE_URL and REDIS_URL (defaults: local servers).
# Every run appends its JSON line to ${1:-bench-results.jsonl}.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-results.jsonl}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
cargo build --release -p panelrelay-bench
bench="${CARGO_TARGET_DIR:-target}/release/panelrelay-bench"
for backend in embedded postgres; do
  for latency in 0 50; do
    echo "== $backend, panel latency $latency ms"
    "$bench" --backend "$backend" --panel-latency-ms "$latency" \
      --requests "${REQUESTS:-5000}" --workspaces 50 --customers 1000 --json "$out"
  done
done
for workspaces in 100 3000; do
  echo "== embedded, $workspaces workspaces"
  "$bench" --backend embedded --requests 20000 --workspaces "$workspaces" \
    --customers $((workspaces * 10 < 2000 ? 2000 : workspaces * 10)) --no-half-load --json "$out"
done
for requests in 20000 150000; do
  echo "== embedded, $requests deliveries"
  "$bench" --backend embedded --requests "$requests" --workspaces 100 --customers 2000 \
    --no-half-load --json "$out"
done
