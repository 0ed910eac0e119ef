#!/usr/bin/env bash
# Loads Mario's Pizzeria and its plain-Spring baseline (myelin-bench/baseline) over HTTP in the same run, and
# counts what one placed order costs PostgreSQL in each.
#
#   myelin-bench/run-http.sh [PIZZERIA_JAR [BASELINE_JAR]]
#
# Each app runs as `java $JAVA_OPTS -jar ...` on 127.0.0.1 with its own embedded PostgreSQL 17 in a fresh data
# directory under a temporary folder, durable: the pizzeria's embedded mode always turns fsync,
# synchronous_commit and full_page_writes on (EmbeddedPostgresAutoConfiguration); the baseline, given a data
# directory, does the same (EmbeddedPostgresServer.durable defaults to true then). Both get
# --pizzeria.opening-hours=always (orders at any hour) and --pizzeria.kitchen.capacity=2000000000 (the kitchen
# never cooks during a benchmark, so with the default 40 pizzas every order after the 40th would be a 503).
#
# 1. HTTP: for each number of connections (CONNECTIONS) and endpoint (ENDPOINTS: orders = POST /api/orders with
#    the seed's sample order and a 10-character phone, menu = GET /api/menu, status = GET /api/orders/{id}/status
#    of an order placed before, anonymous; signed = the same status read signed in, HTTP Basic as the development
#    user manager, so the pair shows what authenticating a request costs), each app in turn (the first app alternates from cell to cell): wrk for WARMUP
#    seconds (discarded), then wrk --latency for DURATION seconds. Printed: req/s, p50, p99, non-2xx answers,
#    CPU milliseconds per request of the app's JVM and of its PostgreSQL (utime+stime from /proc/<pid>/stat of
#    the java process, and of the postmaster and its children, children's reaped time included, read before and
#    after the measured run), then the ratio pizzeria/baseline per cell. After each cell the script waits until
#    the pizzeria's outbox backlog and projection lag are zero (actuator health, as the manager development user)
#    and prints how long that took and the CPU per order including that drain, so that an app's leftover async
#    work never runs during the other app's cell; and the cores wrk and every other process of the machine kept
#    busy during the measured run (/proc/stat), which shows a cell that shared the machine.
# 2. Sustained orders (phase "sustained"): per app in turn, POST /api/orders for SUSTAIN seconds (after a WARMUP
#    discarded) at each of SUSTAIN_CONNECTIONS; printed as a cell, plus the async backlog the moment the load
#    stops (outbox deliveries pending, projection events behind and the oldest one's age, from actuator health)
#    and the time until it is drained (0.2 s polls): whether the outbox and the projections keep up.
# 3. Per placed order: ORDERS orders from ORDER_CLIENTS concurrent curl clients (keep-alive), async work
#    drained, PostgreSQL stats flushed; transactions (pg_stat_database xact_commit + xact_rollback of the app's
#    database), WAL flushes (pg_stat_wal.wal_sync, PostgreSQL 17; wal_write too), WAL records, full-page images
#    and bytes (pg_stat_wal), from snapshots before and after. The same window is then measured again with no
#    orders (same length, same health polls): "net" is the order window minus that idle window. Then the order
#    window's WAL per order by resource manager and by relation (pg_walinspect, created in each app's database).
#
# 0. JIT warm-up: per app, JIT_WARMUP seconds of orders then a third of that each of status and menu reads, at 16
#    connections, discarded (the async work drained after it), before any measured phase.
# Settings (environment): DURATION=20 WARMUP=10 JIT_WARMUP=60 CONNECTIONS="16 64" ENDPOINTS="orders menu status signed"
#   SUSTAIN=60 SUSTAIN_CONNECTIONS="16 64"
#   WRK_THREADS=2 ORDERS=2000 ORDER_CLIENTS=8 JAVA_OPTS="-Xms1g -Xmx1g" PORT_BASE=18480 (apps on PORT_BASE and
#   +1, PostgreSQL on +10 and +11) SKIP_BUILD=1 (use the jars as they are) KEEP=1 (keep the temporary folder)
#   PHASES="http sustained wal" (any of them) PIZZERIA_ARGS="" (more arguments for the pizzeria, e.g.
#   "--myelin.outbox.batch-window=0ms" to compare settings) DRAIN_TIMEOUT=120 (s) STATS_FLUSH_WAIT=11 (s).
# A smoke run: DURATION=3 WARMUP=1 JIT_WARMUP=0 ORDERS=200 myelin-bench/run-http.sh
#
# Without PIZZERIA_JAR it builds examples/mario-pizzeria and myelin-bench/baseline from this work tree
# (./mvnw package -DskipTests); with it, only the baseline, unless BASELINE_JAR is given too. To measure a later
# main: build its pizzeria there and pass that jar. Results: results/<date>-jdk<version>-http[-HHMM].out (what
# is printed) with the apps' logs in the temporary folder (KEEP=1). The script takes no lock: on a shared
# machine wrap it, `flock /tmp/myelin-build.lock myelin-bench/run-http.sh`. Needs wrk, curl, jq and psql; as
# root it installs the missing ones with apt-get. Everything stays on loopback, every load is bounded in time.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=http-lib.sh
source "$bench_dir/http-lib.sh"
root_dir="$(dirname "$bench_dir")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
JIT_WARMUP="${JIT_WARMUP:-60}"
CONNECTIONS="${CONNECTIONS:-16 64}"
ENDPOINTS="${ENDPOINTS:-orders menu status signed}"
SUSTAIN="${SUSTAIN:-60}"
SUSTAIN_CONNECTIONS="${SUSTAIN_CONNECTIONS:-16 64}"
WRK_THREADS="${WRK_THREADS:-2}"
ORDERS="${ORDERS:-2000}"
ORDER_CLIENTS="${ORDER_CLIENTS:-8}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
PORT_BASE="${PORT_BASE:-18480}"
PHASES="${PHASES:-http sustained wal}"
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-120}"
# PostgreSQL backends report their statistics at most every 10 s when idle (PGSTAT_IDLE_INTERVAL).
STATS_FLUSH_WAIT="${STATS_FLUSH_WAIT:-11}"

pizzeria_jar="${1:-}"
baseline_jar="${2:-}"

# --- tools ------------------------------------------------------------------------------------------------------
need() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing $2 (for $1)..." >&2
        apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "run-http.sh needs $1: install the Debian package $2" >&2; exit 1; }
}
need wrk wrk
need curl curl
need jq jq
need psql postgresql-client

# --- build ------------------------------------------------------------------------------------------------------
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    modules=()
    [[ -n "$pizzeria_jar" ]] || modules+=(examples/mario-pizzeria)
    [[ -n "$baseline_jar" ]] || modules+=(myelin-bench/baseline)
    if ((${#modules[@]} > 0)); then
        # The apps' jars go first: when only a framework module changed, `package` leaves an app's jar as it was
        # (the jar plugin finds its own classes unchanged), with the old framework jars nested in it.
        for module in "${modules[@]}"; do rm -f "$root_dir/$module"/target/*.jar "$root_dir/$module"/target/*.jar.original; done
        (cd "$root_dir" && ./mvnw -q -B -ntp -pl "$(IFS=,; echo "${modules[*]}")" -am package -DskipTests)
    fi
fi
pizzeria_jar="${pizzeria_jar:-$root_dir/examples/mario-pizzeria/target/mario-pizzeria-0.1.0-SNAPSHOT.jar}"
baseline_jar="${baseline_jar:-$bench_dir/baseline/target/myelin-bench-baseline-0.1.0-SNAPSHOT.jar}"
for jar in "$pizzeria_jar" "$baseline_jar"; do
    [[ -f "$jar" ]] || { echo "No such jar: $jar" >&2; exit 1; }
done

version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version =/ {print $2}')"
results="$bench_dir/results"
out="$results/$(date +%Y-%m-%d)-jdk$version-http"
if [[ -e "$out.out" ]]; then out="$out-$(date +%H%M)"; fi
out="$out.out"
mkdir -p "$results"
work="$(mktemp -d /tmp/run-http.XXXXXX)"
exec > >(tee "$out") 2>&1

# --- the apps ---------------------------------------------------------------------------------------------------
apps=(pizzeria baseline)
declare -A port pg_port jvm_pid data_dir
port[pizzeria]=$PORT_BASE
port[baseline]=$((PORT_BASE + 1))
pg_port[pizzeria]=$((PORT_BASE + 10))
pg_port[baseline]=$((PORT_BASE + 11))
data_dir[pizzeria]="$work/pizzeria-pg"
data_dir[baseline]="$work/baseline-pg"
common_args=(--server.address=127.0.0.1 --pizzeria.opening-hours=always --pizzeria.kitchen.capacity=2000000000)

postmaster() { postmaster_of "${data_dir[$1]}"; }

stop_apps() {
    for app in "${apps[@]}"; do
        local pid="${jvm_pid[$app]:-}"
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        fi
        # The app stops its PostgreSQL when it closes; a killed one leaves it running: fast shutdown.
        local pm
        pm="$(postmaster "$app")"
        if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null; then
            kill -INT "$pm" 2>/dev/null || true
            for _ in $(seq 60); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
        fi
    done
    if [[ "${KEEP:-}" == 1 ]]; then echo "Kept: $work"; else rm -rf "$work"; fi
}
trap stop_apps EXIT
trap 'exit 130' INT TERM

for app in "${apps[@]}"; do
    for p in "${port[$app]}" "${pg_port[$app]}"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "Port $p is in use: set PORT_BASE" >&2; exit 1; fi
    done
done

# shellcheck disable=SC2086
"$java" $JAVA_OPTS -jar "$pizzeria_jar" "${common_args[@]}" --server.port="${port[pizzeria]}" \
    --myelin.postgres.embedded.data-directory="${data_dir[pizzeria]}" \
    --myelin.postgres.embedded.port="${pg_port[pizzeria]}" ${PIZZERIA_ARGS:-} >"$work/pizzeria.log" 2>&1 &
jvm_pid[pizzeria]=$!
# shellcheck disable=SC2086
"$java" $JAVA_OPTS -jar "$baseline_jar" "${common_args[@]}" --server.port="${port[baseline]}" \
    --baseline.postgres.data-directory="${data_dir[baseline]}" \
    --baseline.postgres.port="${pg_port[baseline]}" >"$work/baseline.log" 2>&1 &
jvm_pid[baseline]=$!

url() { echo "http://127.0.0.1:${port[$1]}$2"; }
for app in "${apps[@]}"; do
    for _ in $(seq 180); do
        curl -sf -o /dev/null "$(url "$app" /api/menu)" && break
        kill -0 "${jvm_pid[$app]}" 2>/dev/null || { echo "$app died:"; tail -30 "$work/$app.log"; exit 1; }
        sleep 1
    done
    curl -sf -o /dev/null "$(url "$app" /api/menu)" || { echo "$app did not start"; tail -30 "$work/$app.log"; exit 1; }
done

sql() { psql -h 127.0.0.1 -p "${pg_port[$1]}" -U postgres -d postgres -XAtq -F ' ' -c "$2"; }

# --- measuring helpers ------------------------------------------------------------------------------------------
clk_tck="$(getconf CLK_TCK)"
jvm_ticks() { ticks_of "${jvm_pid[$1]}" 0; }
# Busy ticks of the whole machine (user, nice, system, irq, softirq, steal of /proc/stat's cpu line).
machine_ticks() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
pg_ticks() { pg_ticks_of "${data_dir[$1]}"; }

# 0 when the app's outbox backlog is empty and every projection is caught up (always for an app without them).
drained() { async_drained "$(url "$1" "")"; }
# Waits until drained (at most DRAIN_TIMEOUT s); sets drain_s (seconds waited, or TIMEOUT) and polls.
drain_s=0
polls=0
wait_drained() {
    local start=$SECONDS started=$EPOCHREALTIME
    polls=0
    drain_s=0
    until drained "$1"; do
        polls=$((polls + 1))
        if ((SECONDS - start > DRAIN_TIMEOUT)); then drain_s=TIMEOUT; return; fi
        sleep 0.2
    done
    drain_s="$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')"
}
# The async backlog now: "outbox-pending projection-events-behind oldest-ms-behind" (0 0 0 for the baseline).
backlog() {
    curl -s -u manager:manager "$(url "$1" /actuator/health)" | jq -r '[(.components.myelinOutbox.details.pending // 0),
        ([(.components.myelinProjections.details // {}) | to_entries[] | select(.value | type == "object")
          | .value.eventsBehind // 0] | add // 0),
        ([(.components.myelinProjections.details // {}) | to_entries[] | select(.value | type == "object")
          | .value.millisBehind // 0] | max // 0)] | map(tostring) | join(" ")' 2>/dev/null || echo "? ? ?"
}

order_body="$ORDER_BODY"
printf '%s' "$order_body" >"$work/order.json"
signed_header="Authorization: Basic $(printf manager:manager | base64)"
write_order_lua "$work/post-order.lua"

declare -A path
path[menu]=/api/menu
for app in "${apps[@]}"; do
    id="$(curl -sf -H 'Content-Type: application/json' --data-binary @"$work/order.json" "$(url "$app" /api/orders)" | jq -r .order_id)"
    [[ -n "$id" && "$id" != null ]] || { echo "$app: the sample order was not placed"; exit 1; }
    path[status-$app]="/api/orders/$id/status"
done

to_ms() { # wrk's 1.23ms / 456.78us / 1.02s -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# --- the run ----------------------------------------------------------------------------------------------------
echo "=== run-http.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "java: $("$java" -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS; $(nproc) cores; $(uname -r)"
echo "pizzeria: $pizzeria_jar ($(stat -c %y "$pizzeria_jar" | cut -d. -f1))"
echo "baseline: $baseline_jar ($(stat -c %y "$baseline_jar" | cut -d. -f1))"
echo "PostgreSQL: $(sql pizzeria 'select version()' | cut -d' ' -f1-2); pizzeria: $(sql pizzeria "select 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ' full_page_writes=' || current_setting('full_page_writes')"); baseline: $(sql baseline "select 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ' full_page_writes=' || current_setting('full_page_writes')")"
echo "pizzeria arguments: ${PIZZERIA_ARGS:-none}"
echo "wrk: $WRK_THREADS threads, warm-up ${WARMUP}s discarded, ${DURATION}s measured per cell; connections: $CONNECTIONS; endpoints: $ENDPOINTS"

declare -A rps p50 p99
header() {
    echo "CPU in ms per request; wrk and others in cores busy on average during the measured run (others: every"
    echo "other process of the machine, the idle app included; above ~0.1 the cell shared the machine); backlog at"
    echo "the end of the measured run: outbox deliveries pending/projection events behind/oldest ms behind."
    printf '%-9s %-7s %5s %10s %9s %9s %8s %11s %11s %8s %12s %12s %7s %7s %s\n' app endpoint conns "req/s" "p50 ms" \
        "p99 ms" "non-2xx" "jvm ms/req" "pg ms/req" "drain s" "jvm +drain" "pg +drain" wrk others backlog
}
# One cell: app, endpoint, connections, seconds measured (after WARMUP seconds discarded). Prints its line.
cell_run() {
    local app=$1 endpoint=$2 conns=$3 seconds=$4 target args
    args=(-t "$WRK_THREADS" -c "$conns")
    case "$endpoint" in
        orders) target="$(url "$app" /api/orders)"; args+=(-s "$work/post-order.lua") ;;
        menu) target="$(url "$app" "${path[menu]}")" ;;
        status) target="$(url "$app" "${path[status-$app]}")" ;;
        signed) target="$(url "$app" "${path[status-$app]}")"; args+=(-H "$signed_header") ;;
        *) echo "Unknown endpoint $endpoint" >&2; exit 1 ;;
    esac
    wrk "${args[@]}" -d "${WARMUP}s" "$target" >/dev/null
    wait_drained "$app"
    j0="$(jvm_ticks "$app")"; g0="$(pg_ticks "$app")"; m0="$(machine_ticks)"; t0=$EPOCHREALTIME
    TIMEFORMAT='%U %S'
    { time wrk "${args[@]}" -d "${seconds}s" --latency "$target" >"$work/wrk.txt"; } 2>"$work/wrk-time.txt"
    j1="$(jvm_ticks "$app")"; g1="$(pg_ticks "$app")"; m1="$(machine_ticks)"; t1=$EPOCHREALTIME
    left="$(backlog "$app" | tr ' ' /)"
    wrk_s="$(awk '{print $1 + $2}' "$work/wrk-time.txt")"
    wait_drained "$app"
    drain=$drain_s
    j2="$(jvm_ticks "$app")"; g2="$(pg_ticks "$app")"
    cat "$work/wrk.txt" >>"$work/wrk-all.txt"
    requests="$(awk '/requests in/ {print $1}' "$work/wrk.txt")"
    r="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")"
    l50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")")"
    l99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/wrk.txt")"
    errors="$(awk '/Socket errors:/ {print $0}' "$work/wrk.txt")"
    rps[$app-$endpoint-$conns]=$r; p50[$app-$endpoint-$conns]=$l50; p99[$app-$endpoint-$conns]=$l99
    awk -v app="$app" -v e="$endpoint" -v c="$conns" -v r="$r" -v a="$l50" -v b="$l99" -v n="${non2xx:-0}" \
        -v q="$requests" -v hz="$clk_tck" -v j0="$j0" -v j1="$j1" -v j2="$j2" -v g0="$g0" -v g1="$g1" -v g2="$g2" \
        -v d="$drain" -v m0="$m0" -v m1="$m1" -v w="$wrk_s" -v t0="$t0" -v t1="$t1" -v left="$left" 'BEGIN {
            t = t1 - t0
            others = ((m1 - m0) - (j1 - j0) - (g1 - g0)) / hz - w
            printf "%-9s %-7s %5d %10.1f %9.2f %9.2f %8d %11.3f %11.3f %8s %12.3f %12.3f %7.2f %7.2f %s\n", app, e, c,
                r, a, b, n, (j1 - j0) * 1000 / hz / q, (g1 - g0) * 1000 / hz / q, d, (j2 - j0) * 1000 / hz / q,
                (g2 - g0) * 1000 / hz / q, w / t, others / t, left }'
    [[ -z "$errors" ]] || echo "          $app $endpoint $conns: $errors"
}
ratios() { # endpoints, connections
    echo
    echo "pizzeria / baseline:"
    printf '%-7s %5s %8s %10s %10s\n' endpoint conns "req/s" "p50" "p99"
    for conns in $2; do
        for endpoint in $1; do
            awk -v e="$endpoint" -v c="$conns" -v r1="${rps[pizzeria-$endpoint-$conns]}" -v r2="${rps[baseline-$endpoint-$conns]}" \
                -v a1="${p50[pizzeria-$endpoint-$conns]}" -v a2="${p50[baseline-$endpoint-$conns]}" \
                -v b1="${p99[pizzeria-$endpoint-$conns]}" -v b2="${p99[baseline-$endpoint-$conns]}" 'BEGIN {
                    printf "%-7s %5d %7.1f%% %9.2fx %9.2fx\n", e, c, 100 * r1 / r2, a1 / a2, b1 / b2 }'
        done
    done
}
# JIT warm-up, discarded: each app takes JIT_WARMUP seconds of orders, then a third of that of status and menu
# reads, so that the first cell does not measure the JIT compiling (the pizzeria has more code to compile: with
# only WARMUP seconds its first orders cell ran at half its warm rate, more than the baseline's).
if (( JIT_WARMUP > 0 )); then
    for app in "${apps[@]}"; do
        wrk -t "$WRK_THREADS" -c 16 -d "${JIT_WARMUP}s" -s "$work/post-order.lua" "$(url "$app" /api/orders)" >/dev/null
        wrk -t "$WRK_THREADS" -c 16 -d "$((JIT_WARMUP / 3))s" "$(url "$app" "${path[status-$app]}")" >/dev/null
        wrk -t "$WRK_THREADS" -c 16 -d "$((JIT_WARMUP / 3))s" "$(url "$app" "${path[menu]}")" >/dev/null
        wait_drained "$app"
    done
    echo "JIT warm-up: ${JIT_WARMUP}s of orders and $((JIT_WARMUP / 3))s each of status and menu per app, discarded"
fi

if [[ " $PHASES " == *" http "* ]]; then
    echo
    header
    cell=0
    for conns in $CONNECTIONS; do
        for endpoint in $ENDPOINTS; do
            order=("${apps[@]}")
            if ((cell % 2 == 1)); then order=(baseline pizzeria); fi
            cell=$((cell + 1))
            for app in "${order[@]}"; do
                cell_run "$app" "$endpoint" "$conns" "$DURATION"
            done
        done
    done
    ratios "$ENDPOINTS" "$CONNECTIONS"
fi

if [[ " $PHASES " == *" sustained "* ]]; then
    echo
    echo "Sustained orders: ${SUSTAIN}s of POST /api/orders per app and number of connections (after ${WARMUP}s"
    echo "discarded); backlog = what the async work had left when the load stopped, drain s = until it was gone."
    header
    cell=0
    for conns in $SUSTAIN_CONNECTIONS; do
        order=("${apps[@]}")
        if ((cell % 2 == 1)); then order=(baseline pizzeria); fi
        cell=$((cell + 1))
        for app in "${order[@]}"; do
            cell_run "$app" orders "$conns" "$SUSTAIN"
        done
    done
    ratios orders "$SUSTAIN_CONNECTIONS"
fi

if [[ " $PHASES " == *" wal "* ]]; then
    stats() { # app -> "transactions wal_records wal_fpi wal_bytes wal_write wal_sync lsn"
        sql "$1" "select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()),
                         wal_records, wal_fpi, wal_bytes, wal_write, wal_sync, pg_current_wal_lsn() from pg_stat_wal"
    }
    # What the order window's WAL holds (pg_walinspect): per resource manager, and per relation (tables and
    # indexes; data and full-page images of the blocks each record changes), divided by the orders.
    wal_breakdown() { # app, start lsn, end lsn, orders
        echo "          $1, WAL per order by resource manager (records, record bytes, FPI bytes):"
        sql "$1" "select rpad(\"resource_manager/record_type\", 12), lpad(round(count::numeric / $4, 2)::text, 8),
                         lpad(round(record_size::numeric / $4)::text, 8), lpad(round(fpi_size::numeric / $4)::text, 8)
                  from pg_get_wal_stats('$2', '$3', false) where count > 0 order by combined_size desc" \
            | sed 's/^/            /'
        echo "          $1, WAL per order by relation (records touching it, block data bytes, FPI bytes):"
        sql "$1" "select rpad(coalesce(c.relnamespace::regnamespace || '.' || c.relname, 'filenode ' || b.relfilenode), 48),
                         lpad(round(count(distinct b.start_lsn)::numeric / $4, 2)::text, 8),
                         lpad(round(sum(b.block_data_length)::numeric / $4)::text, 8),
                         lpad(round(sum(coalesce(b.block_fpi_length, 0))::numeric / $4)::text, 8)
                  from pg_get_wal_block_info('$2', '$3', false) b
                  left join pg_class c on c.oid = pg_filenode_relation(
                      case when b.reltablespace = (select dattablespace from pg_database where datname = current_database())
                           then 0 else b.reltablespace end, b.relfilenode)
                  group by 1 order by sum(b.block_data_length + coalesce(b.block_fpi_length, 0)) desc limit 25" \
            | sed 's/^/            /'
    }
    place_orders() { # app -> number of 201 answers
        local per=$((ORDERS / ORDER_CLIENTS)) urls=() i
        # One curl per client, its requests one after the other on one connection; -o per URL, else bodies print.
        for ((i = 0; i < per; i++)); do urls+=(-o /dev/null "$(url "$1" /api/orders)"); done
        for ((i = 0; i < ORDER_CLIENTS; i++)); do
            curl -s -w '%{http_code}\n' -H 'Content-Type: application/json' \
                --data-binary @"$work/order.json" "${urls[@]}" &
        done | grep -c '^201$' || true
        wait
    }
    echo
    echo "Per placed order: $((ORDERS / ORDER_CLIENTS * ORDER_CLIENTS)) orders from $ORDER_CLIENTS clients (curl, keep-alive), async work drained;"
    echo "raw = order window; idle = a window as long with as many health polls and no orders (background pollers, and"
    echo "autovacuum after the orders), divided by the same number of orders; net = raw - idle."
    printf '%-9s %-4s %7s %8s %13s %10s %10s %9s %12s %8s\n' app "" orders "window s" transactions "wal_sync" "wal_write" \
        records "WAL bytes" "FPI"
    for app in "${apps[@]}"; do
        wait_drained "$app"
        sql "$app" "create extension if not exists pg_walinspect"
        sql "$app" checkpoint
        sleep "$STATS_FLUSH_WAIT"
        read -r -a s0 <<<"$(stats "$app")"
        start=$EPOCHREALTIME
        placed="$(place_orders "$app")"
        wait_drained "$app"
        drain=$drain_s
        order_polls=$polls
        if ((placed == 0)); then echo "$app: no order was placed (see KEEP=1 and its log)"; continue; fi
        window="$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')"
        sleep "$STATS_FLUSH_WAIT"
        read -r -a s1 <<<"$(stats "$app")"
        # The idle window: as long, with as many health polls, no orders.
        idle_end="$(awk -v a="$EPOCHREALTIME" -v w="$window" 'BEGIN {printf "%.3f", a + w}')"
        for ((i = 0; i < order_polls; i++)); do drained "$app" || true; sleep 0.2; done
        remaining="$(awk -v e="$idle_end" -v n="$EPOCHREALTIME" 'BEGIN {d = e - n; printf "%.3f", (d > 0 ? d : 0)}')"
        sleep "$remaining"
        sleep "$STATS_FLUSH_WAIT"
        read -r -a s2 <<<"$(stats "$app")"
        for kind in raw idle net; do
            awk -v app="$app" -v k="$kind" -v n="$placed" -v w="$window" -v s0="${s0[*]}" -v s1="${s1[*]}" -v s2="${s2[*]}" 'BEGIN {
                split(s0, a, " "); split(s1, b, " "); split(s2, c, " ")
                for (i = 1; i <= 6; i++) {
                    d[i] = k == "idle" ? c[i] - b[i] : b[i] - a[i]
                    if (k == "net") d[i] -= c[i] - b[i]
                }
                printf "%-9s %-4s %7d %8.1f %13.2f %10.2f %10.2f %9.1f %12.0f %8.2f\n", app, k, n, w, d[1] / n, d[6] / n,
                    d[5] / n, d[2] / n, d[4] / n, d[3] / n }'
        done
        echo "          $app: drained ${drain}s after the last answer, $order_polls health polls"
        wal_breakdown "$app" "${s0[6]}" "${s1[6]}" "$placed"
    done
fi
echo
echo "Results: $out"
