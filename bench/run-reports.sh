#!/usr/bin/env bash
# Reports at scale (issue 21; figures and plans in bench/README.md, the design in docs/reports-at-scale.md):
# timetracker serve (Native AOT) on a durable PostgreSQL 15 over loopback. The API makes the organization, its owner
# and one member; bench/reports/seed.sql fills it to 1,000 members and BENCH_ENTRIES entries (10,000,000 by default:
# five years). Then, for the last whole month, with 1 and 4 clients at once (BENCH_SECONDS each, after 2 s warm-up):
#  1. the summary over HTTP (whole-organization summaries read revisions 031's daily and 032's monthly totals): the
#     organization's by project, client, member, tag and day (the owner), and the member's own; the CPU time each answer
#     costs the server and the database (from /proc, so that a machine busy with other work does not change it). First
#     with the totals as the revisions filled them (1a), then with the month's entries written again one by one as
#     tracking writes them (bench/reports/replay-month.sql, 1b), then with every row in key order (1c); then the plans
#     of the same requests;
#  2. an entry's write with the totals' triggers (its duration) and without (its updated_at), 4 clients;
#  3. equality at scale: bench/reports/check.sql (random writes of every kind, then every total against the entries).
# The seed bulk-loads with triggers off, so the totals are then filled by revisions 031 and 032 themselves (down to
# 030, back up, with 033's index), which also times them. bench/reports/rollup.sql and prototype/ are the design's
# prototype, kept for the record.
# Usage: bash bench/run-reports.sh     BENCH_ENTRIES=100000 for a smoke run (two weeks of entries); BENCH_NO_PUBLISH=1
# reuses the last build. Run it alone on the machine: it reads CPU time, and it takes it.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${BENCH_ENTRIES:-10000000}
seconds=${BENCH_SECONDS:-10}
. bench/serve-under-load.sh
pg="host=127.0.0.1 port=$port user=waymark"
db="$pg dbname=reports"
psql -q "$pg dbname=postgres" -c "CREATE DATABASE reports"
Jwt__SigningKey=$(openssl rand -base64 48)
export Jwt__SigningKey
start_serve reports
echo "== reports at scale: PostgreSQL $(psql -Atc 'show server_version' "$db"), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, $entries entries"

BENCH_PG="Host=127.0.0.1;Port=$port;Username=waymark;Database=reports" BENCH_STATE="$work/state" "$load" "http://127.0.0.1:$api_port" reports-setup
org=$(sed -n 1p "$work/state")
member=$(psql -Atc "SELECT id FROM users WHERE email = '$(sed -n 3p "$work/state")'" "$db")
began=$(date +%s)
psql -q -v org="$org" -v entries="$entries" -f bench/reports/seed.sql "$db" > "$work/seed.out"
echo "seeded in $(( $(date +%s) - began )) s:"; tail -n 4 "$work/seed.out" | head -n 3
began=$(date +%s)
"$tt" db downgrade 030 -d "postgresql://waymark@127.0.0.1:$port/reports" > /dev/null
"$tt" db upgrade -d "postgresql://waymark@127.0.0.1:$port/reports" | grep 'Upgraded'
psql -q "$db" -c "VACUUM ANALYZE report_user_days" -c "VACUUM ANALYZE report_project_days" -c "VACUUM ANALYZE report_tag_days" \
  -c "VACUUM ANALYZE report_user_months"
echo "totals filled by revisions 031 and 032 in $(( $(date +%s) - began )) s: $(psql -Atc "SELECT (SELECT count(*) FROM report_user_days) || ' member-day, ' ||
  (SELECT count(*) FROM report_project_days) || ' project-day, ' || (SELECT count(*) FROM report_tag_days) || ' tag-day, ' ||
  (SELECT count(*) FROM report_user_months) || ' member-month rows'" "$db")"

# The month the API measures: the last whole month before yesterday.
first=$(date -u -d "$(date -u -d yesterday +%Y-%m-01) -1 month" +%F)
last=$(date -u -d "$first +1 month -1 day" +%F)
echo "month: $first to $last, $(psql -Atc "SELECT count(*) FROM time_entries WHERE organization_id = $org AND started_at >= '$first'::date::timestamp AT TIME ZONE 'Europe/Berlin' AND started_at < ('$last'::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'" "$db") entries"

# CPU time (user + system, in ms) of the given processes so far, from /proc: the work done whatever the machine's load.
cpu() { local ticks=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
        echo $(( ticks * 1000 / $(getconf CLK_TCK) )); }
# The whole cluster's: its live processes, and the children it has reaped (parallel workers come and go), whose time
# the postmaster's cutime and cstime hold.
cluster_cpu() { local reaped; reaped=$(awk '{print $16 + $17}' "/proc/$postmaster/stat")
                echo $(( $(cpu "$postmaster" $(pgrep -P "$postmaster")) + reaped * 1000 / $(getconf CLK_TCK) )); }
postmaster=$(head -n 1 "$pg_dir/data/postmaster.pid")
# summaries TITLE: the summaries over HTTP, 1 and 4 clients, then the CPU each answer costs.
summaries() {
  echo "$1"
  BENCH_STATE="$work/state" BENCH_URLS="$work/urls" "$load" "http://127.0.0.1:$api_port" reports 4 "$seconds"
  echo "== CPU per answer (the server, and the database's backends), 1 client, 10 requests each after one"
  local owner_token token path app database
  owner_token=$(sed -n 1p "$work/urls" | cut -d' ' -f1)
  while read -r token path; do
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path"
    app=$(cpu "$server"); database=$(cluster_cpu)
    for _ in $(seq 10); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path"; done
    app=$(( ($(cpu "$server") - app) / 10 )); database=$(( ($(cluster_cpu) - database) / 10 ))
    echo "by ${path#*groupBy=}$([ "$token" = "$owner_token" ] || echo ", the member's own"): $(( app + database )) ms (server $app, database $database)"
  done < "$work/urls"
}
summaries "== 1a. the summary over HTTP, the totals as revisions 031 and 032 filled them"
# The fill inserts each table's rows in the order of its aggregate, so a month's member rows lie on thousands of pages.
# Tracking writes them day by day: the month's entries are written again, one by one in the order they started.
began=$(date +%s)
psql -q -v org="$org" -v first="$first" -v last="$last" -f bench/reports/replay-month.sql "$db" > /dev/null
echo "the month's entries written again one by one in $(( $(date +%s) - began )) s"
summaries "== 1b. the same, the month's totals as tracking writes them"
# The optional step docs/reports-at-scale.md gives operators after upgrading a large database; timed, since it locks.
began=$(date +%s%N)
for table in report_user_days report_project_days report_tag_days report_user_months; do psql -q "$db" -c "CLUSTER $table USING pk_$table" -c "ANALYZE $table"; done
echo "CLUSTER and ANALYZE of the four tables took $(( ($(date +%s%N) - began) / 1000000 )) ms"
summaries "== 1c. the same, the totals' rows in key order (CLUSTER … USING the primary key)"

echo "== plans of the summary (auto_explain, second run of each request)"
psql -q "$db" -c "ALTER DATABASE reports SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER DATABASE reports SET auto_explain.log_min_duration = 0" -c "ALTER DATABASE reports SET auto_explain.log_analyze = on" \
  -c "ALTER DATABASE reports SET auto_explain.log_buffers = on"
kill "$server"; wait "$server" 2>/dev/null || true
start_serve reports
mark=$(wc -l < "$pg_dir/server.log")
while read -r token path; do
  for _ in 1 2; do curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path"; done
done < "$work/urls"
tail -n +"$mark" "$pg_dir/server.log" | python3 -c '
import re, sys
plans = re.split(r"\n(?=\S.*LOG:  duration: )", sys.stdin.read())
seen = {}
for plan in plans:
    if "GROUP BY" in plan or "VALUES" in plan:
        text = re.sub(r"^\S.*?LOG:  ", "", plan.strip(), flags=re.M)
        key = re.search(r"Query Text: (.*)", text).group(1)
        seen[key] = text  # the last (second) run of each statement
for text in seen.values():
    print(text); print()
'
kill "$server"; wait "$server" 2>/dev/null || true
server=""
psql -q "$db" -c "ALTER DATABASE reports RESET ALL"

# pgbench_run NAME CLIENTS [pgbench args…]: a closed loop for $seconds after a 2 s warm-up; p50/p99 from its log.
pgbench_run() {
  local name=$1 clients=$2; shift 2
  (cd "$work" && pgbench -n -M prepared -c "$clients" -j "$clients" -T 2 "$@" "$db" > pgbench.out 2>&1) || { cat "$work/pgbench.out" >&2; exit 1; }
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -M prepared -c "$clients" -j "$clients" -T "$seconds" --log "$@" "$db" > pgbench.out 2>&1) \
    || { cat "$work/pgbench.out" >&2; exit 1; }
  cat "$work"/pgbench_log.* | python3 -c '
import sys
name, seconds = sys.argv[1], float(sys.argv[2])
ms = sorted(int(line.split()[2]) / 1000 for line in sys.stdin)
at = lambda p: ms[min(len(ms) - 1, max(0, -(-len(ms) * p // 100) - 1))]
print(f"{name:<48} {len(ms) / seconds:9.1f}/s   p50 {at(50):7.2f} ms   p99 {at(99):7.2f} ms   max {ms[-1]:7.2f} ms   (n={len(ms)})")
' "$name" "$seconds"
}
echo "== 2. writes"
echo "== an entry's write, 4 clients: its duration changed (as a timer's stop sets it; the totals follow), then its updated_at (nothing to follow)"
lo=$(psql -Atc "SELECT min(id) FROM time_entries WHERE organization_id = $org" "$db")
hi=$(psql -Atc "SELECT max(id) FROM time_entries WHERE organization_id = $org" "$db")
printf '\\set id random(%s, %s)\nUPDATE time_entries SET duration_seconds = duration_seconds + 1 WHERE id = :id;\n' "$lo" "$hi" > "$work/write.pgbench"
pgbench_run "entry's duration written, totals follow" 4 -f "$work/write.pgbench"
printf '\\set id random(%s, %s)\nUPDATE time_entries SET updated_at = now() WHERE id = :id;\n' "$lo" "$hi" > "$work/write.pgbench"
pgbench_run "entry's updated_at written, no totals" 4 -f "$work/write.pgbench"

echo "== 3. equality"
began=$(date +%s)
psql -q -v org="$org" -f bench/reports/check.sql "$db"
echo "random writes and the comparison took $(( $(date +%s) - began )) s"
