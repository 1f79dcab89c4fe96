#!/usr/bin/env bash
# npm test: every check, phase by phase, each timed with a time budget (scripts/phase.sh).
# API, database and CLI tests run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set;
# browser tests (main paths only) run against the built web app in /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=phase.sh
source scripts/phase.sh
started=$(date +%s)
phase typecheck 60 npm run typecheck
phase lint 60 npm run lint
phase module-graph 15 npm run graph -- --check
phase build 60 npm run build
# both cores: vitest.config.ts maxWorkers
phase tests 500 npx vitest run --exclude 'e2e/**'
# the browser tests start their own servers (e2e/browser.ts openBrowserWorld) and never copy the demo
# database templates: the run does not prepare them (test/global-setup.ts)
phase browser-tests 480 env TEST_DB_TEMPLATES=0 npx vitest run e2e
phase_report
echo "npm test: done in $(( $(date +%s) - started )) s"
