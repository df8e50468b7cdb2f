#!/usr/bin/env bash
# Whole-process benchmarks of the db command set on PostgreSQL 15 (figures in bench/README.md).
# Starts a throwaway cluster with PostgreSQL's default durability, publishes timetracker and the
# synthetic-chain app as Native AOT, then times `db upgrade` on a fresh database against psql applying
# our own offline script to a fresh database, alternating runs (bench/alternate.py), median of 7.
# Usage: bash bench/run-postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang >/dev/null || { apt-get update -qq && apt-get install -y -qq clang >/dev/null; }
out=bench/results
bin=$out/bin
mkdir -p "$out"
dotnet publish src/TimeTracker -c Release -r linux-x64 -p:PublishAot=true -o "$bin/timetracker" -nologo -v quiet
dotnet publish bench/SyntheticChain -c Release -r linux-x64 -p:PublishAot=true -o "$bin/synthetic" -nologo -v quiet
tt=$PWD/$bin/timetracker/timetracker
syn=$PWD/$bin/synthetic/synthetic-chain

pg_dir=$(mktemp -d -u /tmp/waymark-bench-pg.XXXXXX)
work=$(mktemp -d)
trap 'scripts/postgres-test-server stop "$pg_dir" 2>/dev/null; rm -rf "$work"' EXIT
WAYMARK_PG_DURABLE=1 scripts/postgres-test-server start "$pg_dir" >/dev/null
port=$(cat "$pg_dir/port")
url="postgresql://waymark@127.0.0.1:$port"
psql_conn="host=127.0.0.1 port=$port user=waymark"
createdb="psql -q '$psql_conn dbname=postgres' -c 'CREATE DATABASE {db}'"

"$tt" db upgrade --sql -d "$url/x" > "$work/chain.sql"
WAYMARK_BENCH_REVISIONS=500 "$syn" db upgrade --sql -d "$url/x" > "$work/chain500.sql"

echo "== PostgreSQL $(psql "$psql_conn dbname=postgres" -Atc 'show server_version'), $(nproc) cores, $(date -u +%Y-%m-%d)"
python3 bench/alternate.py --rounds 7 --prepare "$createdb" --export "$out/postgres-chain.json" \
  "psql -f offline script (001-020)" "psql -q -v ON_ERROR_STOP=1 '$psql_conn dbname={db}' -f $work/chain.sql" \
  "timetracker db upgrade (001-020)" "$tt db upgrade -d $url/{db}"
WAYMARK_BENCH_REVISIONS=500 python3 bench/alternate.py --rounds 5 --prepare "$createdb" --export "$out/postgres-500.json" \
  "psql -f offline script (500)" "psql -q -v ON_ERROR_STOP=1 '$psql_conn dbname={db}' -f $work/chain500.sql" \
  "synthetic-chain db upgrade (500)" "$syn db upgrade -d $url/{db}"

echo "== db doctor (replays the chain in a temporary database on the same server)"
doctor() { # name, app, revisions
  psql -q "$psql_conn dbname=postgres" -c "CREATE DATABASE doctor_$3"
  WAYMARK_BENCH_REVISIONS=$3 "$2" db upgrade -d "$url/doctor_$3" > /dev/null
  WAYMARK_BENCH_REVISIONS=$3 hyperfine -N --warmup 1 --runs 5 --export-json "$out/$1.json" --output=null "$2 db doctor -d $url/doctor_$3" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'{sys.argv[2]:<44} median {r[\"median\"]*1000:8.1f} ms   (min {r[\"min\"]*1000:.1f}, max {r[\"max\"]*1000:.1f})')" "$out/$1.json" "$1"
}
doctor postgres-doctor-chain "$tt" 20
# The doctor's growth beside PostgreSQL's own: psql applying the same chain's script to a fresh database.
for n in 100 250 500; do
  doctor postgres-doctor-synthetic-$n "$syn" $n
  WAYMARK_BENCH_REVISIONS=$n "$syn" db upgrade --sql -d "$url/x" > "$work/chain-$n.sql"
  python3 bench/alternate.py --rounds 5 --prepare "$createdb" --export "$out/postgres-floor-$n.json" \
    "psql -f synthetic script ($n)" "psql -q -v ON_ERROR_STOP=1 '$psql_conn dbname={db}' -f $work/chain-$n.sql"
done
