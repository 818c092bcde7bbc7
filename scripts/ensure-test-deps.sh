#!/usr/bin/env bash
# Everything the test suite needs beyond npm packages, installed by the project itself (CI runs on a
# clean machine). Each step is idempotent and fast when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
# One run at a time on a machine: a second run (another checkout, a parallel job) waits here
# instead of failing on apt's lock halfway through an install.
exec 9>/tmp/deskmate-test-deps.lock
flock 9
bash scripts/ensure-chromium.sh
# Real Request Tracker 5 and Redmine 5 for the sites end-to-end tests (Debian packages, SQLite, loopback).
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  sh scripts/desks/setup-rt5.sh
  sh scripts/desks/setup-redmine.sh
else
  echo "Not root on Debian: the real-desk end-to-end tests (test/e2e/sites-rt, sites-redmine) will be skipped."
fi
