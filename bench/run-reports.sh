#!/usr/bin/env bash
# Reports at scale (issue 21; figures and plans in bench/README.md, the design in docs/reports-at-scale.md):
# timetracker serve (Native AOT) on a durable PostgreSQL 15 over loopback. The API makes the organization, its owner
# and one member; bench/reports/seed.sql fills it to 1,000 members and BENCH_ENTRIES entries (10,000,000 by default:
# five years). Then, for the last whole month, with 1 and 4 clients at once (BENCH_SECONDS each, after 2 s warm-up):
#  1. the summary as it is today, over HTTP: the organization's by project, client, member, tag and day (the owner),
#     and the member's own; the CPU time each answer costs the server and the database (from /proc, so that a machine
#     busy with other work does not change it); then the plans of the same requests, as the server ran them;
#  2. the prototype (bench/reports/rollup.sql: daily totals kept by triggers), its queries (bench/reports/prototype/)
#     run by pgbench: the database's share of the same answers; their CPU time; their plans; an entry's write with and
#     without it;
#  3. equality: the prototype's answers against the entries summed by local day (in Berlin, and in Tokyo where many
#     entries cross the UTC midnight), then bench/reports/check.sql (random writes of every kind, then every total
#     against the entries).
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

# The month the API measures: the last whole month before yesterday.
first=$(date -u -d "$(date -u -d yesterday +%Y-%m-01) -1 month" +%F)
last=$(date -u -d "$first +1 month -1 day" +%F)
echo "month: $first to $last, $(psql -Atc "SELECT count(*) FROM time_entries WHERE organization_id = $org AND started_at >= '$first'::date::timestamp AT TIME ZONE 'Europe/Berlin' AND started_at < ('$last'::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'" "$db") entries"

echo "== 1. the summary today, over HTTP"
BENCH_STATE="$work/state" BENCH_URLS="$work/urls" "$load" "http://127.0.0.1:$api_port" reports 4 "$seconds"

# CPU time (user + system, in ms) of the given processes so far, from /proc: the work done whatever the machine's load.
cpu() { local ticks=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
        echo $(( ticks * 1000 / $(getconf CLK_TCK) )); }
# The whole cluster's: its live processes, and the children it has reaped (parallel workers come and go), whose time
# the postmaster's cutime and cstime hold.
cluster_cpu() { local reaped; reaped=$(awk '{print $16 + $17}' "/proc/$postmaster/stat")
                echo $(( $(cpu "$postmaster" $(pgrep -P "$postmaster")) + reaped * 1000 / $(getconf CLK_TCK) )); }
echo "== CPU per answer today (the server, and the database's backends), 1 client, 10 requests each after one"
postmaster=$(head -n 1 "$pg_dir/data/postmaster.pid")
owner_token=$(sed -n 1p "$work/urls" | cut -d' ' -f1)
while read -r token path; do
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path"
  app=$(cpu "$server"); database=$(cluster_cpu)
  for _ in $(seq 10); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path"; done
  app=$(( ($(cpu "$server") - app) / 10 )); database=$(( ($(cluster_cpu) - database) / 10 ))
  echo "by ${path#*groupBy=}$([ "$token" = "$owner_token" ] || echo ", the member's own"): $(( app + database )) ms (server $app, database $database)"
done < "$work/urls"

echo "== plans of today's summary (auto_explain, second run of each request)"
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
    if "time_entries" in plan and "GROUP BY" in plan:
        text = re.sub(r"^\S.*?LOG:  ", "", plan.strip(), flags=re.M)
        key = re.search(r"Query Text: (.*)", text).group(1)
        seen[key] = text  # the last (second) run of each statement
for text in seen.values():
    print(text); print()
'
kill "$server"; wait "$server" 2>/dev/null || true
server=""
psql -q "$db" -c "ALTER DATABASE reports RESET ALL"

echo "== 2. the prototype: daily totals"
began=$(date +%s)
psql -q -f bench/reports/rollup.sql "$db" > "$work/rollup.out"
echo "filled in $(( $(date +%s) - began )) s:"; grep -A5 "relname" "$work/rollup.out"

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
month=(-D org="$org" -D first="$first" -D last="$last" -D user="$member")
for q in project client user tag day member; do
  for clients in 1 4; do
    pgbench_run "prototype: $q, $clients client$([ "$clients" = 1 ] || echo s)" "$clients" "${month[@]}" -D zone=Europe/Berlin -f "$root/bench/reports/prototype/$q.sql"
  done
done
pgbench_run "prototype: project, caller in Asia/Tokyo, 4 clients" 4 "${month[@]}" -D zone=Asia/Tokyo -f "$root/bench/reports/prototype/project.sql"

# bench/reports/prototype/Q.sql with this run's values, for psql.
query() { sed -e "s/:org/$org/g; s/:first/'$first'/g; s/:last/'$last'/g; s/:user/$member/g; s|:zone|'$2'|g" "bench/reports/prototype/$1.sql" | grep -v '^--'; }
echo "== CPU per answer of the prototype (the database's backend), 20 runs each after one"
for q in project client user tag day member; do
  { echo "SELECT pg_backend_pid() AS pid \\gset"; echo "\\setenv BACKEND :pid"; echo "\\o /dev/null"; query "$q" Europe/Berlin
    echo "\\! awk '{print \$14 + \$15}' /proc/\$BACKEND/stat > $work/cpu.before"
    for _ in $(seq 20); do query "$q" Europe/Berlin; done
    echo "\\! awk '{print \$14 + \$15}' /proc/\$BACKEND/stat > $work/cpu.after"; } | psql -q "$db"
  echo "prototype by $q: $(( ($(cat "$work/cpu.after") - $(cat "$work/cpu.before")) * 1000 / $(getconf CLK_TCK) / 20 )) ms"
done
echo "== plans of the prototype (EXPLAIN ANALYZE, BUFFERS; second run)"
for q in project user tag; do
  echo "-- $q"
  { query "$q" Europe/Berlin | sed '/;$/q' > "$work/q.sql"; cat "$work/q.sql"; echo "EXPLAIN (ANALYZE, BUFFERS)"; cat "$work/q.sql"; } \
    | psql -q "$db" | sed -n '/QUERY PLAN/,$p'
done

echo "== an entry's write, 4 clients: its duration changed (as a timer's stop sets it; the totals follow), then its updated_at (nothing to follow)"
lo=$(psql -Atc "SELECT min(id) FROM time_entries WHERE organization_id = $org" "$db")
hi=$(psql -Atc "SELECT max(id) FROM time_entries WHERE organization_id = $org" "$db")
printf '\\set id random(%s, %s)\nUPDATE time_entries SET duration_seconds = duration_seconds + 1 WHERE id = :id;\n' "$lo" "$hi" > "$work/write.pgbench"
pgbench_run "entry's duration written, totals follow" 4 -f "$work/write.pgbench"
printf '\\set id random(%s, %s)\nUPDATE time_entries SET updated_at = now() WHERE id = :id;\n' "$lo" "$hi" > "$work/write.pgbench"
pgbench_run "entry's updated_at written, no totals" 4 -f "$work/write.pgbench"

echo "== 3. equality"
for zone in Europe/Berlin Asia/Tokyo; do
  for q in project user tag; do
    key=$(case $q in project) echo "COALESCE(e.project_id, 0)";; user) echo "e.user_id";; tag) echo "COALESCE(l.tag_id, 0)";; esac)
    join=$([ "$q" = tag ] && echo "LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id" || echo "")
    differ=$(psql -Atq "$db" <<SQL
CREATE TEMP TABLE got AS $(query "$q" "$zone" | sed '/;$/q' | sed 's/;$//');
CREATE TEMP TABLE want AS
SELECT (e.started_at AT TIME ZONE '$zone')::date AS day, $key AS k, count(*) AS entries, sum(e.duration_seconds) AS seconds,
       count(*) FILTER (WHERE e.billable) AS billable_entries, COALESCE(sum(e.duration_seconds) FILTER (WHERE e.billable), 0) AS billable_seconds
FROM time_entries e $join
WHERE e.organization_id = $org AND e.duration_seconds IS NOT NULL
  AND e.started_at >= ('$first'::date::timestamp AT TIME ZONE '$zone') AND e.started_at < (('$last'::date + 1)::timestamp AT TIME ZONE '$zone')
GROUP BY 1, 2;
SELECT count(*) || ' of ' || (SELECT count(*) FROM want) || ' day × $q groups differ' FROM ((SELECT day, k, entries, seconds, billable_entries, billable_seconds FROM want
                       EXCEPT SELECT day, ${q}_id, entries, seconds, billable_entries, billable_seconds FROM got)
                      UNION ALL (SELECT day, ${q}_id, entries, seconds, billable_entries, billable_seconds FROM got
                       EXCEPT SELECT day, k, entries, seconds, billable_entries, billable_seconds FROM want)) d;
SQL
)
    echo "prototype by $q in $zone against the entries summed by local day: $differ"
  done
done
began=$(date +%s)
psql -q -v org="$org" -f bench/reports/check.sql "$db"
echo "random writes and the comparison took $(( $(date +%s) - began )) s"
