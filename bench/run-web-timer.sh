#!/usr/bin/env bash
# The web app's timer bar (issue 18's speed target: start or stop shows in the UI within 100 ms on loopback): Debian's
# Chromium, driven by the Playwright in web/node_modules, presses the start/stop shortcut 100 times against a real
# `timetracker serve` on SQLite, and prints p50/p95/max from the key press to the bar changing, to the next frame, and
# to the server's confirmation. See bench/web-timer/bench.mjs.
# Usage: bash bench/run-web-timer.sh [presses]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "chromium is missing: apt-get install -y chromium" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
# Builds the server and, through its MSBuild target, the web app it embeds (npm ci the first time); quick when nothing changed.
dotnet build src/TimeTracker -c Release -nologo -v q >&2
node bench/web-timer/bench.mjs "$@"
