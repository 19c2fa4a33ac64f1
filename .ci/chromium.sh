#!/usr/bin/env bash
# Install Debian's Chromium and the Noto CJK fonts (Japanese text in the screenshots) if
# /usr/bin/chromium is missing. Idempotent and quiet. The workbench tests (tests/web/) drive this
# browser with Playwright (executable_path=/usr/bin/chromium), so no browser is downloaded.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "chromium.sh: not root and no sudo: install the 'chromium' and 'fonts-noto-cjk' packages by hand" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
[ -x /usr/bin/chromium ] || { echo "chromium.sh: /usr/bin/chromium still missing after install" >&2; exit 1; }
