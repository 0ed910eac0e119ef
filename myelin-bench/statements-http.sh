#!/usr/bin/env bash
# What each SQL statement of the pizzeria costs PostgreSQL per placed order, from pg_stat_statements: the
# statement, the indexes it maintains and the round trip, apart from the client's work (issue 11, item 3).
#
#   myelin-bench/statements-http.sh [PIZZERIA_JAR]
#
# Starts the pizzeria alone (its embedded PostgreSQL 17, durable, in a fresh data directory, with
# pg_stat_statements preloaded through myelin.postgres.embedded.settings.*), loads POST /api/orders (the seed's
# sample cash order) with wrk for WARMUP s (discarded), resets the statistics, loads it DURATION s more, waits for
# the async work to drain, and prints, per statement, ordered by total execution time: microseconds of execution
# per placed order, calls per order, microseconds per call, rows per call, shared buffers hit per call, WAL bytes
# and records per call, and the statement's first characters. The first line sums every statement. Execution time
# is the executor's wall time (parse, plan, protocol and commit are not in it, waits on row locks are).
# Settings: WARMUP=45 DURATION=20 CONNECTIONS=16 TOP=25 JAVA_OPTS="-Xms1g -Xmx1g" PORT_BASE=18580 ARGS=""
#   (more arguments for the pizzeria). Output: results/<date>-jdk<version>-statements-<HHMM>.out. Needs wrk, curl,
#   jq, psql. Takes no lock.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=http-lib.sh
source "$bench_dir/http-lib.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="${1:-$(dirname "$bench_dir")/examples/mario-pizzeria/target/mario-pizzeria-0.1.0-SNAPSHOT.jar}"
[[ -f "$jar" ]] || { echo "No such jar: $jar (build: ./mvnw -pl examples/mario-pizzeria -am package -DskipTests)" >&2; exit 1; }
WARMUP="${WARMUP:-45}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-16}"
TOP="${TOP:-25}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
PORT_BASE="${PORT_BASE:-18580}"
port=$PORT_BASE
pg_port=$((PORT_BASE + 10))

version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version =/ {print $2}')"
mkdir -p "$bench_dir/results"
out_file="$bench_dir/results/$(date +%Y-%m-%d)-jdk$version-statements-$(date +%H%M).out"
work="$(mktemp -d /tmp/statements-http.XXXXXX)"
stop() {
    kill -TERM "${pid:-0}" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "${pid:-0}" 2>/dev/null || break; sleep 0.5; done
    local pm
    pm="$(postmaster_of "$work/pg")"
    if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null; then kill -INT "$pm" 2>/dev/null || true; sleep 2; fi
    rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086
"$java" $JAVA_OPTS -jar "$jar" --server.address=127.0.0.1 --pizzeria.opening-hours=always \
    --pizzeria.kitchen.capacity=2000000000 --server.port=$port \
    --myelin.postgres.embedded.data-directory="$work/pg" --myelin.postgres.embedded.port=$pg_port \
    --myelin.postgres.embedded.settings.shared_preload_libraries=pg_stat_statements \
    --myelin.postgres.embedded.settings.pg_stat_statements.track=all ${ARGS:-} >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 180); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/menu" && break
    kill -0 "$pid" 2>/dev/null || { echo "The pizzeria died:"; tail -30 "$work/app.log"; exit 1; }
    sleep 1
done

write_order_lua "$work/post-order.lua"
sql() { psql -h 127.0.0.1 -p $pg_port -U postgres -d postgres -XAtq -F ' | ' -c "$1"; }
drain() {
    for _ in $(seq 300); do
        async_drained "http://127.0.0.1:$port" && return
        sleep 0.2
    done
}

exec > >(tee "$out_file") 2>&1
echo "=== statements-http.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $("$java" -version 2>&1 | head -1); $(nproc) cores"
echo "pizzeria: $jar ($(stat -c %y "$jar" | cut -d. -f1)); warm-up ${WARMUP}s, measured ${DURATION}s, $CONNECTIONS connections"
sql "create extension if not exists pg_stat_statements" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP"s -s "$work/post-order.lua" "http://127.0.0.1:$port/api/orders" >/dev/null
drain
sql "select pg_stat_statements_reset()" >/dev/null
out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency -s "$work/post-order.lua" "http://127.0.0.1:$port/api/orders")"
drain
echo "$out" | grep -E "Requests/sec|requests in|Non-2xx" || true
n="$(awk '/requests in/ {print $1}' <<<"$out")"
echo "orders placed: $n"
echo "all statements: execution us per order | calls per order"
sql "select round(sum(total_exec_time)::numeric * 1000 / $n, 1), round(sum(calls)::numeric / $n, 2) from pg_stat_statements"
echo "us/order | calls/order | us/call | rows/call | buffers hit/call | WAL B/call | WAL records/call | statement"
sql "select round((total_exec_time * 1000 / $n)::numeric, 1), round(calls::numeric / $n, 2),
            round((total_exec_time * 1000 / greatest(calls, 1))::numeric, 1), rows / greatest(calls, 1),
            round(shared_blks_hit::numeric / greatest(calls, 1), 1), round(wal_bytes::numeric / greatest(calls, 1)),
            round(wal_records::numeric / greatest(calls, 1), 1), regexp_replace(left(query, 120), '\s+', ' ', 'g')
     from pg_stat_statements order by total_exec_time desc limit $TOP"
