#!/usr/bin/env bash
# Stripe webhook load (issue targets in bench/README.md): timetracker serve (Native AOT) on a durable PostgreSQL 15
# over loopback, its processing worker on; bench/ApiLoad posts signed, distinct events from N clients for 10 s
# after a 2 s warm-up. Then: how long the worker takes to finish what is left, and PostgreSQL's own commit ceiling
# on this disk (pg_test_fsync), to read the figures against.
# Usage: bash bench/run-webhooks.sh [CLIENTS [RATE]]   (default 32 clients in closed loop; with RATE, deliveries
#   start on a fixed schedule of RATE per second, at most CLIENTS at once: the way Stripe delivers)
#   BENCH_WORKER=false measures receiving alone (the backlog is then drained by 'timetracker events process');
#   BENCH_WORKERS=N sets Billing:Workers (default 1); BENCH_NO_PUBLISH=1 reuses the binaries of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-32}
rate=${2:-}
. bench/serve-under-load.sh
sql() { psql -qAt "host=127.0.0.1 port=$port user=waymark dbname=${2:-billing}" -c "$1"; }
sql "CREATE DATABASE billing" postgres
secret="whsec_bench_$(openssl rand -hex 16)"
customers=100
Jwt__SigningKey=$(openssl rand -base64 48) Stripe__WebhookSecrets__0=$secret Billing__WorkerEnabled=${BENCH_WORKER:-true} \
  Billing__Workers=${BENCH_WORKERS:-1} start_serve billing
# The organizations the events are about, each linked to its Stripe customer.
sql "INSERT INTO organizations (name, slug, stripe_customer_id, created_at, updated_at)
     SELECT 'Bench ' || n, 'bench-' || n, 'cus_bench_' || n, now(), now() FROM generate_series(0, $customers - 1) n"

echo "== Stripe webhooks on PostgreSQL $(sql 'show server_version'), $(nproc) cores, $(date -u +%Y-%m-%d)"
started=$(date +%s.%N)
STRIPE_WEBHOOK_SECRET=$secret BENCH_CUSTOMERS=$customers "$load" "http://127.0.0.1:$api_port" webhook "$clients" 10 $rate
load_ended=$(date +%s.%N)
backlog=$(sql "SELECT count(*) FROM subscription_events WHERE status IN ('pending', 'processing')")
[ "${BENCH_WORKER:-true}" = false ] && { kill "$server"; server=""; "$tt" events process -d "postgresql://waymark@127.0.0.1:$port/billing" >/dev/null; }
until [ "$(sql "SELECT count(*) FROM subscription_events WHERE status IN ('pending', 'processing')")" = 0 ]; do sleep 0.05; done
drained=$(date +%s.%N)
total=$(sql "SELECT count(*) FROM subscription_events")
failed=$(sql "SELECT count(*) FROM subscription_events WHERE status <> 'processed'")
python3 - "$started" "$load_ended" "$drained" "$total" "$backlog" "$failed" <<'PY'
import sys
started, ended, drained = map(float, sys.argv[1:4])
total, backlog, failed = map(int, sys.argv[4:7])
print(f"processing: {total} events stored during the {ended - started:.1f} s run (warm-up included); "
      f"{backlog} unprocessed when the load stopped, all done {drained - ended:.2f} s later; "
      f"{total / (drained - started):.0f}/s from first delivery to last processed; {failed} not processed")
PY
kill "$server"; server=""
echo "== pg_test_fsync on the cluster's disk (one 8 kB write per sync, one session)"
"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_test_fsync" -s 2 -f "$pg_dir/pg_test_fsync.tmp" | sed -n '/one 8kB write/,/^$/p' | grep -E "fdatasync|fsync |open_datasync"
