#!/usr/bin/env bash
# `npm test`: everything CI checks, in one command, with a summary at the end.
#   lint, typecheck, widget build with its byte budgets, theme-check,
#   Remix build, unit tests, integration tests on SQLite, the security suite, the same suites again on PostgreSQL when
#   TEST_DATABASE_URL is set, browser tests (Debian Chromium), a short crash test, and last a short
#   PostgreSQL fault run (it restarts the PostgreSQL server).
# Every step runs even when an earlier one failed; the exit code is non-zero when any step failed.
# TEST_ONLY="unit integration" runs a subset (step ids: lint typecheck widget theme build
# unit integration postgresql security e2e crash crash-pg).
set -uo pipefail
cd "$(dirname "$0")/.."

results=()
failed=0

wanted() { [ -z "${TEST_ONLY:-}" ] || [[ " ${TEST_ONLY} " == *" $1 "* ]]; }
has_script() { node -e "process.exit(require('./package.json').scripts?.['$1'] ? 0 : 1)"; }

step() {
  local id=$1 name=$2
  shift 2
  if ! wanted "$id"; then
    return
  fi
  printf '\n\033[1m=== %s\033[0m\n' "$name"
  local started=$SECONDS
  if "$@"; then
    results+=("PASS  ${name}  ($((SECONDS - started)) s)")
  else
    results+=("FAIL  ${name}  ($((SECONDS - started)) s)")
    failed=1
  fi
}

skip() {
  wanted "$1" && results+=("SKIP  $2  ($3)")
}

step lint "lint (eslint + prettier)" npm run --silent lint
step typecheck "typecheck (tsc --noEmit)" npx tsc --noEmit

if [ -f scripts/build-widget.ts ]; then
  step widget "widget build and byte budgets (esbuild; fails over budget)" npm run --silent build:widget
else
  skip widget "widget build" "no scripts/build-widget.ts"
fi

if has_script theme-check; then
  step theme "theme-check (theme app extension)" npm run --silent theme-check
elif [ -f scripts/theme-check.ts ]; then
  step theme "theme-check (theme app extension)" npx tsx scripts/theme-check.ts
else
  skip theme "theme-check" "no scripts/theme-check.ts"
fi

step build "remix vite:build" npx remix vite:build --logLevel warn

step unit "unit tests" npx vitest run --project unit

step integration "integration tests on SQLite" env -u TEST_DATABASE_URL npx vitest run --project integration

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  # Again, only the suites that use PostgreSQL, and in them only their PostgreSQL cases
  # (TEST_DATABASE_KINDS narrows tests/helpers/db.ts `databaseKinds`; the SQLite cases ran above).
  mapfile -t pg_suites < <(grep -rlE "databaseKinds|TEST_DATABASE_URL|createPostgresDatabase" tests/integration --include='*.test.ts' | sort)
  if [ ${#pg_suites[@]} -gt 0 ]; then
    step postgresql "integration tests on PostgreSQL (${#pg_suites[@]} suites)" \
      env TEST_DATABASE_KINDS=postgresql npx vitest run --project integration "${pg_suites[@]}"
  else
    skip postgresql "integration tests on PostgreSQL" "no suite uses PostgreSQL"
  fi
else
  skip postgresql "integration tests on PostgreSQL" "TEST_DATABASE_URL not set"
fi

# The security suite (tests/security): on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set.
step security "security suite (SQLite$([ -n "${TEST_DATABASE_URL:-}" ] && echo " + PostgreSQL"))" \
  npx vitest run --project security

# The build above is fresh: the demo started by the browser tests must not rebuild.
step e2e "browser tests (Chromium)" env TANDEM_DEMO_BUILD=never npx vitest run --project e2e

if [ -f tests/load/crash-test.ts ] && has_script crash-test; then
  step crash "crash test (5 kills)" npm run --silent crash-test -- --kills 5
else
  skip crash "crash test" "no tests/load/crash-test.ts"
fi

# Last, after every suite that uses PostgreSQL: the fault run restarts the PostgreSQL server itself.
if [ -n "${TEST_DATABASE_URL:-}" ] && command -v pg_ctlcluster >/dev/null && has_script crash-test; then
  step crash-pg "PostgreSQL fault run (3 kills, 1 PostgreSQL restart)" \
    npm run --silent crash-test -- --db postgresql --kills 3 --pg-restarts 1
else
  skip crash-pg "PostgreSQL fault run" "needs TEST_DATABASE_URL and pg_ctlcluster"
fi

printf '\n\033[1m=== Summary\033[0m\n'
for line in "${results[@]}"; do
  case $line in
    PASS*) printf '\033[32m%s\033[0m\n' "$line" ;;
    FAIL*) printf '\033[31m%s\033[0m\n' "$line" ;;
    *) printf '\033[33m%s\033[0m\n' "$line" ;;
  esac
done
if [ $failed -ne 0 ]; then
  echo "npm test: FAILED"
  exit 1
fi
echo "npm test: all steps passed"
