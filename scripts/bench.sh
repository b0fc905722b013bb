#!/usr/bin/env bash
# `pnpm bench`: the benchmark (test/bench/main.ts), with a private PostgreSQL for the workers' figures (PRODUCT.md 4.5).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
trap stop_postgres EXIT
start_postgres
cd test
# `pnpm bench -- --sizes ...` passes the `--` on: main.ts takes options only.
if [ "${1:-}" = "--" ]; then shift; fi
pnpm exec tsx bench/main.ts "$@"
