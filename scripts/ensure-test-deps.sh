#!/usr/bin/env bash
# Everything the test suite needs beyond npm packages, installed by the project itself (CI runs on a
# clean machine). Each step is idempotent and fast when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
