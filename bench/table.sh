#!/usr/bin/env bash
# Reproduces the table of BENCHMARKS.md: both backends, with and without 50 ms of panel
# latency. PostgreSQL + Redis come from DATABASE_URL and REDIS_URL (defaults: local servers).
# Every run appends its JSON line to ${1:-bench-results.jsonl}.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-results.jsonl}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
cargo build --release -p panelrelay-bench
bench=target/release/panelrelay-bench
for backend in embedded postgres; do
  for latency in 0 50; do
    echo "== $backend, panel latency $latency ms"
    "$bench" --backend "$backend" --panel-latency-ms "$latency" \
      --requests "${REQUESTS:-5000}" --workspaces 50 --customers 1000 --json "$out"
  done
done
