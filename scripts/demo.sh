#!/usr/bin/env bash
# The README's main command: sets everything up on a fresh machine and runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec pnpm demo
