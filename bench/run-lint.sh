#!/usr/bin/env bash
# Whole-process timings of `timetracker db lint base:head` on TimeTracker's chain (targets and figures in bench/README.md):
# on SQLite, and on a throwaway PostgreSQL 15 cluster with the server's default durability. The live database is at
# head; every run replays the 25 revisions in a scratch database of its own (created and removed inside
# the timed region, as a user's run does). hyperfine -N, median of 10 runs after 2 warm-ups; -i because lint exits 1
# on PostgreSQL, where the released chain has error-level findings (docs/database.md explains them).
# Usage: bash bench/run-lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need clang clang
need sqlite3 sqlite3

out=bench/results
bin=$out/bin
mkdir -p "$out"
dotnet publish src/TimeTracker -c Release -r linux-x64 -p:PublishAot=true -o "$bin/timetracker" -nologo -v quiet
tt=$PWD/$bin/timetracker/timetracker

pg_dir=$(mktemp -d -u /tmp/waymark-bench-lint-pg.XXXXXX)
work=$(mktemp -d)
trap 'scripts/postgres-test-server stop "$pg_dir" 2>/dev/null; rm -rf "$work"' EXIT
WAYMARK_PG_DURABLE=1 scripts/postgres-test-server start "$pg_dir" >/dev/null
port=$(cat "$pg_dir/port")
psql -q "host=127.0.0.1 port=$port user=waymark dbname=postgres" -c "CREATE DATABASE lint_live"
pg_url="postgresql://waymark@127.0.0.1:$port/lint_live"
sqlite_url="sqlite:///$work/live.db"

# The live databases, at head (their sizes and row counts are read, read only, as in production).
"$tt" db upgrade -d "$sqlite_url" >/dev/null
"$tt" db upgrade -d "$pg_url" >/dev/null

time_it() { # name, url
  hyperfine -N -i --warmup 2 --runs 10 --export-json "$out/$1.json" --output=null "$tt db lint base:head -d $2" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'{sys.argv[2]:<36} median {r[\"median\"]*1000:7.1f} ms   (min {r[\"min\"]*1000:.1f}, max {r[\"max\"]*1000:.1f})')" "$out/$1.json" "$1"
}
echo "== db lint base:head, TimeTracker's chain ($("$tt" db heads -d "$sqlite_url" | head -n 1)), $(nproc) cores, $(date -u +%Y-%m-%d)"
"$tt" db lint base:head -d "$sqlite_url" | head -n 1
time_it lint-sqlite "$sqlite_url"
"$tt" db lint base:head -d "$pg_url" | head -n 1 || true
time_it lint-postgres "$pg_url"
# What the replay itself costs beside the process and the scratch database: the doctor replays the same chain.
hyperfine -N -i --warmup 2 --runs 10 --export-json "$out/doctor-postgres-chain.json" --output=null "$tt db doctor -d $pg_url" >/dev/null 2>&1
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'{sys.argv[2]:<36} median {r[\"median\"]*1000:7.1f} ms   (min {r[\"min\"]*1000:.1f}, max {r[\"max\"]*1000:.1f})')" "$out/doctor-postgres-chain.json" "doctor-postgres (for comparison)"
