#!/usr/bin/env bash
# Load on the accounts API (issue targets in bench/README.md): timetracker serve (Native AOT) on PostgreSQL 15
# over loopback, with 20 concurrent clients from bench/ApiLoad, 10 s per scenario after a 2 s warm-up.
# Usage: bash bench/run-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve-under-load.sh
psql -q "host=127.0.0.1 port=$port user=waymark dbname=postgres" -c "CREATE DATABASE api"
# The rate limiters would measure themselves: their permits are turned up for the run.
Jwt__SigningKey=$(openssl rand -base64 48) start_serve api --RateLimiting:Auth:PermitLimit=100000000 --RateLimiting:Refresh:PermitLimit=100000000 --RateLimiting:Account:PermitLimit=100000000

echo "== accounts API on PostgreSQL $(psql -Atc 'show server_version' "host=127.0.0.1 port=$port user=waymark dbname=postgres"), $(nproc) cores, $(date -u +%Y-%m-%d)"
for scenario in refresh login me; do "$load" "http://127.0.0.1:$api_port" "$scenario" 20 10; done
# Sign-in is bound by the password hash, by design: with one client per core there is no queue in front of it.
"$load" "http://127.0.0.1:$api_port" login "$(nproc)" 10
# And with 20 users signing in at random moments, 10, 20 and then 50 sign-ins per second together, for 30 s (an
# Argon2id check takes about 19 ms of one core, so the 2 cores of the benchmark machine check about 100 per second:
# 50/s is half that capacity).
for rate in 10 20 50; do "$load" "http://127.0.0.1:$api_port" login 20 30 "$rate"; done
# Hashes run on threads of their own: a storm of sign-ins must not starve the other requests. GET /me paced at 200/s,
# alone and then while 20 clients sign in in closed loop.
echo "GET /me alone, then during a storm of sign-ins:"
"$load" "http://127.0.0.1:$api_port" me 20 10 200
"$load" "http://127.0.0.1:$api_port" login 20 16 > "$work/storm.txt" & storm=$!
sleep 3; "$load" "http://127.0.0.1:$api_port" me 20 10 200; wait "$storm"; sed 's/^/  the storm: /' "$work/storm.txt"
"$load" "http://127.0.0.1:$api_port" hash
