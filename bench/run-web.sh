#!/usr/bin/env bash
# The web app against the real server on SQLite, in Debian's Chromium: the timer page's JavaScript loaded before it is
# interactive (gzipped) and its Lighthouse performance and accessibility, mobile and desktop (timer-page.bench.ts);
# the seeded organization's week grid and report, time to interactive and the report's Lighthouse (org-pages.bench.ts).
# Figures print and land in bench/results/web-app/ (the Lighthouse reports as HTML).
# profile.bench.ts is a diagnosis, not a target: a CPU profile of the seeded organization's pages as they load
# (PROFILE_PAGES=reports,time chooses them; PROFILE_EMPTY=1 profiles the timer bench's empty organization instead).
# Usage: bash bench/run-web.sh [timer-page|org-pages|profile]   (no argument: all three)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v chromium >/dev/null || { echo "Debian's chromium is missing: apt-get install -y chromium" >&2; exit 2; }
[[ ${BENCH_NO_BUILD:-} == 1 ]] || dotnet build "$root/src/TimeTracker" -c Release -nologo -v q
cd "$root/bench/web-app"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
npx playwright test "$@"
