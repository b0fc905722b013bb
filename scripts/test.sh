#!/usr/bin/env bash
# The README's test command: sets everything up on a fresh machine and runs every test (lint, typecheck, unit and
# integration tests, the extension's production and sandbox builds, and the browser tests, which load the sandbox
# build), then prints how many tests ran. A private PostgreSQL (scripts/postgres.sh) serves the tests of the
# PostgreSQL store and the workers.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
bash scripts/install-chromium.sh || exit 1
# The store's contract suite and the multi-worker test run on a real PostgreSQL too; the other tests do not need it.
source scripts/postgres.sh
trap stop_postgres EXIT
start_postgres || { echo "the test command needs PostgreSQL (scripts/postgres.sh)" >&2; exit 1; }
# Here the PostgreSQL tests must run: without a test server they fail instead of skipping (open-temp-store.ts).
export STAFFSYNC_TEST_REQUIRE_POSTGRES=1

results="$(pwd)/.tmp/test-results"
rm -rf "$results" && mkdir -p "$results"
failed=0
step() { echo; echo "==> $*"; "$@" || failed=1; }

step pnpm lint
step pnpm typecheck
step pnpm build
step pnpm build:sandbox
for pkg in shared server extension test; do
  step pnpm --filter "@staffsync/$pkg" exec vitest run --passWithNoTests \
    --reporter=default --reporter=json --outputFile.json="$results/vitest-$pkg.json"
done
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" \
  step pnpm --filter @staffsync/test exec playwright test --reporter=list,json

node scripts/count-tests.mjs "$results" || failed=1
exit "$failed"
