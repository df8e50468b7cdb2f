#!/usr/bin/env bash
# The web app's timer page against the real server on SQLite: the JavaScript it loads before it is interactive
# (gzipped) and Lighthouse's performance and accessibility scores, mobile and desktop, in Debian's Chromium.
# Figures print and land in bench/results/web-app/ (the Lighthouse reports as HTML). Usage: bash bench/run-web.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v chromium >/dev/null || { echo "Debian's chromium is missing: apt-get install -y chromium" >&2; exit 2; }
[[ ${BENCH_NO_BUILD:-} == 1 ]] || dotnet build "$root/src/TimeTracker" -c Release -nologo -v q
cd "$root/bench/web-app"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
npx playwright test
