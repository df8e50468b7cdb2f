# Sourced by run-api.sh and run-webhooks.sh, from the repository root: publishes timetracker (Native AOT) and
# bench/ApiLoad (unless BENCH_NO_PUBLISH=1 reuses the last ones), starts a throwaway PostgreSQL 15 cluster with its
# default durability, and stops the server and the cluster at exit. Then start_serve runs timetracker serve on a
# free port and waits until it answers. Sets: tt, load (the binaries), port (PostgreSQL's), api_port, work.
command -v clang >/dev/null || { apt-get update -qq && apt-get install -y -qq clang >/dev/null; }
bin=bench/results/bin
mkdir -p "$bin"
if [ -z "${BENCH_NO_PUBLISH:-}" ]; then
  dotnet publish src/TimeTracker -c Release -r linux-x64 -p:PublishAot=true -o "$bin/timetracker" -nologo -v quiet
  dotnet publish bench/ApiLoad -c Release -o "$bin/api-load" -nologo -v quiet
  # The publish leaves a few hundred MB of dirty pages; flushed during the run, they would compete with the commits.
  sync
fi
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
api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# start_serve DATABASE [ARG...]: serve --migrate on DATABASE (a PostgreSQL database name on the cluster) from
# $work, with request logging turned down (it would measure itself); the caller's environment carries the rest.
start_serve() {
  local database=$1; shift
  (cd "$work" && exec "$tt" serve --migrate -d "postgresql://waymark@127.0.0.1:$port/$database" --urls "http://127.0.0.1:$api_port" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning "$@" > "$work/serve.log" 2>&1) &
  server=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$api_port/health" >/dev/null && return; sleep 0.1; done
  echo "serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1
}
