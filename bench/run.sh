#!/usr/bin/env bash
# Whole-process benchmarks of the db command set on SQLite (issue targets in bench/README.md).
# Publishes timetracker and the synthetic-chain app as Native AOT, then times each command with
# hyperfine (median of 5 runs after a warm-up) and measures peak memory with GNU time.
# Usage: bash bench/run.sh            (results in bench/results/, not committed)
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need clang clang
need sqlite3 sqlite3
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

out=bench/results
bin=$out/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
dotnet publish src/TimeTracker -c Release -r linux-x64 -p:PublishAot=true -o "$bin/timetracker" -nologo -v quiet
dotnet publish bench/SyntheticChain -c Release -r linux-x64 -p:PublishAot=true -o "$bin/synthetic" -nologo -v quiet
tt=$PWD/$bin/timetracker/timetracker
syn=$PWD/$bin/synthetic/synthetic-chain
cd "$work"

run() { # name, prepare, command
  hyperfine -N --warmup 1 --runs 5 --prepare "$2" --export-json "$OLDPWD/$out/$1.json" --output=null "$3" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'{sys.argv[2]:<44} median {r[\"median\"]*1000:7.1f} ms   (min {r[\"min\"]*1000:.1f}, max {r[\"max\"]*1000:.1f})')" "$OLDPWD/$out/$1.json" "$1"
}
peak() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%M" -o peak.txt "$@" >/dev/null
  printf '%-44s peak   %7.1f MB\n' "$name" "$(echo "$(cat peak.txt) / 1024" | bc -l)"
}

# The floor: the sqlite3 shell applying our own offline script, in the same journal mode (WAL) that
# timetracker keeps its databases in.
{ echo "PRAGMA journal_mode=WAL;"; "$tt" db upgrade --sql -d sqlite:///x.db; } > chain.sql
{ echo "PRAGMA journal_mode=WAL;"; WAYMARK_BENCH_REVISIONS=500 "$syn" db upgrade --sql -d sqlite:///x.db; } > chain500.sql
WAYMARK_BENCH_REVISIONS=500 "$syn" db upgrade -d sqlite:///at500.db > /dev/null
"$tt" db upgrade -d sqlite:///athead.db > /dev/null

echo "== SQLite, $(nproc) cores, $(date -u +%Y-%m-%d)"
run upgrade-chain-fresh         'rm -f t.db t.db-wal t.db-shm t.db.waymark-lock' "$tt db upgrade -d sqlite:///t.db"
run floor-sqlite3-chain-script  'rm -f f.db f.db-wal f.db-shm'                   "sh -c 'sqlite3 f.db < chain.sql'"
run current-at-head            'true'                             "$tt db current -d sqlite:///athead.db"
run history-chain               'true'                             "$tt db history -d sqlite:///athead.db"
export WAYMARK_BENCH_REVISIONS=500
run upgrade-500-fresh         'rm -f s.db s.db-wal s.db-shm s.db.waymark-lock' "$syn db upgrade -d sqlite:///s.db"
run floor-sqlite3-500-script  'rm -f g.db g.db-wal g.db-shm'                   "sh -c 'sqlite3 g.db < chain500.sql'"
export WAYMARK_BENCH_REVISIONS=10000
run history-10000             'true'                             "$syn db history -d sqlite:///none.db"
unset WAYMARK_BENCH_REVISIONS
run doctor-chain                'true'                         "$tt db doctor -d sqlite:///athead.db"
# The doctor's growth beside SQLite's own: the sqlite3 shell applying the same chain's script.
for n in 100 250 500; do
  WAYMARK_BENCH_REVISIONS=$n "$syn" db upgrade -d sqlite:///doc$n.db > /dev/null
  { echo "PRAGMA journal_mode=WAL;"; WAYMARK_BENCH_REVISIONS=$n "$syn" db upgrade --sql -d sqlite:///x.db; } > chain-$n.sql
  WAYMARK_BENCH_REVISIONS=$n run doctor-synthetic-$n 'true' "$syn db doctor -d sqlite:///doc$n.db"
  run floor-sqlite3-synthetic-$n "rm -f h$n.db h$n.db-wal h$n.db-shm" "sh -c 'sqlite3 h$n.db < chain-$n.sql'"
done
rm -f t.db* s.db*
peak upgrade-chain-fresh "$tt" db upgrade -d sqlite:///t.db
peak current-at-head "$tt" db current -d sqlite:///athead.db
WAYMARK_BENCH_REVISIONS=500 peak upgrade-500-fresh "$syn" db upgrade -d sqlite:///s.db
WAYMARK_BENCH_REVISIONS=10000 peak history-10000 "$syn" db history -d sqlite:///none.db
peak doctor-chain "$tt" db doctor -d sqlite:///athead.db
WAYMARK_BENCH_REVISIONS=500 peak doctor-synthetic-500 "$syn" db doctor -d sqlite:///doc500.db
