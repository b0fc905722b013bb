#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download cannot be reached from here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "==> installing Debian's chromium"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
