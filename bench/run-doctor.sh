#!/usr/bin/env bash
# The doctor's growth with the chain's length (issue 19): `synthetic-chain db doctor` at head of synthetic chains of
# 250, 500 and 1,000 revisions, on SQLite and (unless BENCH_POSTGRES=0) on a throwaway PostgreSQL 15 without fsync
# (scripts/postgres-test-server defaults; a durable server's fsync waits vary 2x between runs on this machine).
# Median of 5 runs after a warm-up (hyperfine); prints the time per revision, which stays flat when growth is linear.
# Usage: bash bench/run-doctor.sh            (results in bench/results/, not committed)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
command -v clang >/dev/null || { apt-get update -qq && apt-get install -y -qq clang >/dev/null; }
out=bench/results
bin=$out/bin
mkdir -p "$out"
dotnet publish bench/SyntheticChain -c Release -r linux-x64 -p:PublishAot=true -o "$bin/synthetic" -nologo -v quiet
syn=$PWD/$bin/synthetic/synthetic-chain
work=$(mktemp -d)
pg_dir=$(mktemp -d -u /tmp/waymark-bench-doctor-pg.XXXXXX)
trap 'scripts/postgres-test-server stop "$pg_dir" 2>/dev/null; rm -rf "$work"' EXIT
sizes="${BENCH_SIZES:-250 500 1000}"

measure() { # name, revisions, url
  WAYMARK_BENCH_REVISIONS=$2 "$syn" db upgrade -d "$3" > /dev/null
  WAYMARK_BENCH_REVISIONS=$2 hyperfine -N --warmup 1 --runs 5 --export-json "$out/$1.json" --output=null \
    "$syn db doctor -d $3" >/dev/null 2>&1
  # CPU time (user + system, mean) beside the wall clock: on a loaded machine it moves far less than the wall clock.
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; n=int(sys.argv[3]); cpu=(r['user']+r['system'])*1000; \
print(f'{sys.argv[2]:<20} median {r[\"median\"]*1000:8.1f} ms (min {r[\"min\"]*1000:.1f}, max {r[\"max\"]*1000:.1f}), ' \
f'per revision {r[\"median\"]*1000/n:.2f} ms; cpu {cpu:8.1f} ms, per revision {cpu/n:.2f} ms')" \
    "$out/$1.json" "$1" "$2"
}

echo "== db doctor, SQLite, $(nproc) cores, $(date -u +%Y-%m-%d)"
for n in $sizes; do measure doctor-sqlite-$n "$n" "sqlite:///$work/doctor$n.db"; done

if [ "${BENCH_POSTGRES:-1}" != 0 ]; then
  scripts/postgres-test-server start "$pg_dir" >/dev/null
  port=$(cat "$pg_dir/port")
  echo "== db doctor, PostgreSQL $(psql "host=127.0.0.1 port=$port user=waymark dbname=postgres" -Atc 'show server_version') (no fsync)"
  for n in $sizes; do
    psql -q "host=127.0.0.1 port=$port user=waymark dbname=postgres" -c "CREATE DATABASE doctor_$n"
    measure doctor-postgres-$n "$n" "postgresql://waymark@127.0.0.1:$port/doctor_$n"
  done
fi
