#!/usr/bin/env bash
# Time tracking at scale (issue targets in bench/README.md): timetracker serve (Native AOT) on PostgreSQL 15 over
# loopback; bench/ApiLoad seeds one organization of 100 members with a million entries over the last year, then
# measures a month's summary by project, pages of 50 entries and timer start/stop by 50 members (10 s each after a
# 2 s warm-up). Then pgbench runs the timer's SQL alone (the database's share of its latency). Afterwards the server
# is restarted with auto_explain on, and the plans of the summary and page queries, as the server ran them, are
# printed.
# Usage: bash bench/run-tracking.sh   (BENCH_ENTRIES=… to seed another number of entries)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve-under-load.sh
pg="host=127.0.0.1 port=$port user=waymark"
psql -q "$pg dbname=postgres" -c "CREATE DATABASE tracking"
Jwt__SigningKey=$(openssl rand -base64 48)
export Jwt__SigningKey
# Signing up the hundred members goes through the sign-in rate limiter; it is turned up for the run.
start_serve tracking --RateLimiting:Auth:PermitLimit=100000000

echo "== time tracking on PostgreSQL $(psql -Atc 'show server_version' "$pg dbname=postgres"), $(nproc) cores, $(date -u +%Y-%m-%d)"
BENCH_PG="Host=127.0.0.1;Port=$port;Username=waymark;Database=tracking" BENCH_URLS="$work/urls" "$load" "http://127.0.0.1:$api_port" tracking 1 10
psql -Atc "SELECT 'time_entries: ' || pg_size_pretty(pg_table_size('time_entries')) || ' table, ' || pg_size_pretty(pg_indexes_size('time_entries')) || ' indexes'" "$pg dbname=tracking"

# The database's own share: the same timer start, straight from pgbench (no HTTP, no app), by 50 clients in a closed
# loop and at the paced rates (pgbench's --rate also draws random arrivals); latency percentiles from its log.
org=$(psql -Atc "SELECT id FROM organizations WHERE name = 'Load Co'" "$pg dbname=tracking")
first=$(psql -Atc "SELECT MIN(user_id) FROM memberships WHERE organization_id = $org" "$pg dbname=tracking")
project=$(psql -Atc "SELECT MIN(id) FROM projects WHERE organization_id = $org" "$pg dbname=tracking")
for rate in "" 200 500; do
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -M prepared -c 50 -j 2 -T 10 ${rate:+-R $rate} -D org="$org" -D first="$first" -D project="$project" \
     -f "$root/bench/timer-start.pgbench" --log "$pg dbname=tracking" > pgbench.out 2>&1) || { cat "$work/pgbench.out" >&2; exit 1; }
  cat "$work"/pgbench_log.* | python3 -c '
import sys
rate = sys.argv[1]
ms = sorted(int(line.split()[2]) / 1000 for line in sys.stdin)
at = lambda p: ms[min(len(ms) - 1, max(0, -(-len(ms) * p // 100) - 1))]
name = "timer start alone (pgbench), 50 clients, " + (rate + "/s" if rate else "closed loop")
print(f"{name:<44} {len(ms) / 10:9.1f}/s   p50 {at(50):7.2f} ms   p99 {at(99):7.2f} ms   max {ms[-1]:7.2f} ms   (n={len(ms)})")
' "$rate"
done

# The plans: every statement explained (with timings and buffers) on fresh connections, each request twice (the
# second runs the prepared statement, as under load).
psql -q "$pg dbname=tracking" -c "ALTER DATABASE tracking SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER DATABASE tracking SET auto_explain.log_min_duration = 0" -c "ALTER DATABASE tracking SET auto_explain.log_analyze = on" \
  -c "ALTER DATABASE tracking SET auto_explain.log_buffers = on"
kill "$server"; wait "$server" 2>/dev/null || true
start_serve tracking
mark=$(wc -l < "$pg_dir/server.log")
token=$(sed -n 1p "$work/urls")
for path in $(sed -n '2,$p' "$work/urls"); do
  for _ in 1 2; do curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path"; done
done
echo "== plans (auto_explain, second run of each request)"
tail -n +"$mark" "$pg_dir/server.log" | python3 -c '
import re, sys
plans = re.split(r"\n(?=\S.*LOG:  duration: )", sys.stdin.read())
for plan in plans:
    if "time_entries" in plan and ("GROUP BY" in plan or "ORDER BY e.started_at DESC" in plan):
        print(re.sub(r"^\S.*?LOG:  ", "", plan.strip(), flags=re.M)); print()
'
