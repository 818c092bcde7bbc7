#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the end-to-end tests and the demo.
# As root on Debian/Ubuntu it installs it; otherwise it says exactly what to install.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium from Debian's packages (once)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null && exit 0
fi
cat >&2 <<MSG
Chromium is needed for the end-to-end tests and the demo, and it is not installed.
  Debian/Ubuntu: sudo apt-get install -y chromium
  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chrome
MSG
exit 1
