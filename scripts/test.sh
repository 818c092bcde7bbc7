#!/usr/bin/env bash
# The one test command (npm test): typecheck, lint, build, every Vitest test (unit and end-to-end in
# real Chromium), then the closing line "N passed, N failed" counting every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
status=0
step() { echo; echo "== $1"; }

step "Installing what the tests need (Chromium, local desks)"
bash scripts/ensure-test-deps.sh || exit 1

step "Typecheck"
npx tsc --noEmit || status=1
step "Lint"
npx biome check . || status=1

step "Tests (unit + end-to-end)"
npx vitest run --reporter=default --reporter=json --outputFile.json=artifacts/test-results.json "$@"
[ $? -eq 0 ] || status=1

node scripts/summarize-tests.mjs artifacts/test-results.json || status=1
exit $status
