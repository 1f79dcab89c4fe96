#!/usr/bin/env bash
# npm test: every check, phase by phase, each timed with a time budget (scripts/phase.sh).
# API, database and CLI tests run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set;
# browser tests (main paths only) run against the built web app in /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=phase.sh
source scripts/phase.sh
started=$(date +%s)
# the checks and the build side by side (scripts/phase.sh phase_start): tsc (~66 s alone, quiet) and
# eslint (~25 s) are one thread each, so in a row they left a core idle; together the group takes
# about the typecheck's time. Each budget is for the phase beside the others.
phase_start typecheck 100 npm run typecheck
phase_start lint 60 npm run lint
phase_start module-graph 20 npm run graph -- --check
phase_start build 90 npm run build
phases_wait checks 110
# both cores: vitest.config.ts maxWorkers. --no-isolate: the files a worker runs share one module
# graph instead of each importing the whole server again (~2 s of CPU a file, measured: 8 files
# 60.9 s → 43.0 s user+sys); the tests leave no state behind in modules (event subscribers
# unsubscribed, no vi.mock, process.env restored). A single file runs the same either way.
phase tests 500 npx vitest run --no-isolate --exclude 'e2e/**'
# the browser tests start their own servers (e2e/browser.ts openBrowserWorld) and never copy the demo
# database templates: the run does not prepare them (test/global-setup.ts). --no-isolate as above: each
# file imported the whole server and playwright again (6 files: 84 → 67 s, measured); every file
# opens and closes its own server, browser and database, and browser.ts keys what it keeps by server.
phase browser-tests 480 env TEST_DB_TEMPLATES=0 npx vitest run --no-isolate e2e
phase_report
echo "npm test: done in $(( $(date +%s) - started )) s"
