#!/usr/bin/env bash
# Sets up a fresh machine that has only Node 20 and npm: pnpm (the version pinned in package.json) and the
# workspace's dependencies. Sourced by demo.sh and test.sh.
set -euo pipefail
PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION"
  npm install --global "pnpm@$PNPM_VERSION" >/dev/null
fi
echo "==> installing dependencies (the first time compiles better-sqlite3, about a minute)"
pnpm install --frozen-lockfile --reporter=append-only
