#!/usr/bin/env bash
# Load on the accounts API (issue targets in bench/README.md): timetracker serve (Native AOT) on PostgreSQL 15
# over loopback, with 20 concurrent clients from bench/ApiLoad, 10 s per scenario after a 2 s warm-up.
# Usage: bash bench/run-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang >/dev/null || { apt-get update -qq && apt-get install -y -qq clang >/dev/null; }
out=bench/results
bin=$out/bin
mkdir -p "$out"
dotnet publish src/TimeTracker -c Release -r linux-x64 -p:PublishAot=true -o "$bin/timetracker" -nologo -v quiet
dotnet publish bench/ApiLoad -c Release -o "$bin/api-load" -nologo -v quiet
tt=$PWD/$bin/timetracker/timetracker
load=$PWD/$bin/api-load/api-load

pg_dir=$(mktemp -d -u /tmp/waymark-bench-pg.XXXXXX)
work=$(mktemp -d)
server=""
root=$PWD
# Absolute: the run changes into $work, and the cluster must be stopped from wherever the script ends.
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; "$root/scripts/postgres-test-server" stop "$pg_dir" 2>/dev/null; rm -rf "$work"' EXIT
WAYMARK_PG_DURABLE=1 scripts/postgres-test-server start "$pg_dir" >/dev/null
port=$(cat "$pg_dir/port")
psql -q "host=127.0.0.1 port=$port user=waymark dbname=postgres" -c "CREATE DATABASE api"
api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cd "$work"
# The rate limiter and request logging would measure themselves: both are turned down for the run.
Jwt__SigningKey=$(openssl rand -base64 48) "$tt" serve --migrate -d "postgresql://waymark@127.0.0.1:$port/api" --urls "http://127.0.0.1:$api_port" \
  --RateLimiting:Auth:PermitLimit=100000000 --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning > serve.log 2>&1 &
server=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$api_port/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$api_port/health" >/dev/null || { echo "serve did not start:" >&2; cat serve.log >&2; exit 1; }

echo "== accounts API on PostgreSQL $(psql -Atc 'show server_version' "host=127.0.0.1 port=$port user=waymark dbname=postgres"), $(nproc) cores, $(date -u +%Y-%m-%d)"
for scenario in refresh login me; do "$load" "http://127.0.0.1:$api_port" "$scenario" 20 10; done
# Sign-in is bound by the password hash, by design: with one client per core there is no queue in front of it.
"$load" "http://127.0.0.1:$api_port" login "$(nproc)" 10
"$load" "http://127.0.0.1:$api_port" hash
