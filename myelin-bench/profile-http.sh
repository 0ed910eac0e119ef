#!/usr/bin/env bash
# Profiles one app's read endpoints under wrk load with async-profiler (CPU and allocation), and says where the
# samples go: HTTP/Tomcat, Spring MVC, Spring Security, Jackson, Micrometer, Caffeine, Myelin, the handler...
#
#   myelin-bench/profile-http.sh [APP_JAR]
#
# APP=pizzeria (default) or baseline: which app APP_JAR is (default: the jar built in this work tree; run
# `./mvnw -pl examples/mario-pizzeria,myelin-bench/baseline -am package -DskipTests` first, after removing the apps'
# target/*.jar: otherwise a change to framework modules only may leave the old ones nested). The app runs as
# `java $JAVA_OPTS -jar` on 127.0.0.1 with its own embedded PostgreSQL in a fresh temporary data directory, with
# the settings of run-http.sh. For each endpoint of ENDPOINTS (menu = GET /api/menu, status = GET
# /api/orders/{id}/status of an order placed first, orders = POST /api/orders with the seed's sample order): wrk for WARMUP s (discarded, lets the JIT settle), then for
# each event of EVENTS (cpu, alloc) async-profiler is loaded into the running JVM (jcmd JVMTI.agent_load, no
# restart) while wrk runs for DURATION s. Written to OUT (default myelin-bench/results/profile-<date>-HHMM):
#   <app>-<endpoint>-<event>.html       async-profiler's flame graph (open it in a browser)
#   <app>-<endpoint>-<event>.collapsed  the same stacks, one line each ("frame;frame;... count")
#   <app>-<endpoint>-<event>.txt        per layer: share, total and per request (profile-layers.awk); wrk's output
# cpu samples every 5 ms of CPU time (async-profiler's cpu event), counted in nanoseconds; alloc samples
# allocations, counted in bytes (both with async-profiler's "total" option). Per request is over wrk's requests
# in the profiled run (the JVM's other threads included). The agent's own messages go to the app's output (kept in the temporary folder).
#
# Settings (environment): APP ENDPOINTS="menu status" EVENTS="cpu alloc" CONNECTIONS=16 WRK_THREADS=2 WARMUP=40
#   DURATION=20 JAVA_OPTS="-Xms1g -Xmx1g" PORT_BASE=18580 OUT. The async-profiler library comes from Maven
# Central (tools.profiler:async-profiler 4.0, whose jar carries libasyncProfiler.so), fetched into ~/.m2 with
# the Maven wrapper when missing. Takes no lock: on a shared machine wrap it in
# `flock /tmp/myelin-build.lock`. Everything stays on loopback, every load is bounded in time.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$bench_dir")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"

APP="${APP:-pizzeria}"
ENDPOINTS="${ENDPOINTS:-menu status}"
EVENTS="${EVENTS:-cpu alloc}"
CONNECTIONS="${CONNECTIONS:-16}"
WRK_THREADS="${WRK_THREADS:-2}"
WARMUP="${WARMUP:-40}"
DURATION="${DURATION:-20}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
PORT_BASE="${PORT_BASE:-18580}"
OUT="${OUT:-$bench_dir/results/profile-$(date +%Y-%m-%d-%H%M)}"
PROFILER_VERSION=4.0

case "$APP" in
    pizzeria) jar="${1:-$root_dir/examples/mario-pizzeria/target/mario-pizzeria-0.1.0-SNAPSHOT.jar}"
        pg_args=(--myelin.postgres.embedded.data-directory --myelin.postgres.embedded.port) ;;
    baseline) jar="${1:-$bench_dir/baseline/target/myelin-bench-baseline-0.1.0-SNAPSHOT.jar}"
        pg_args=(--baseline.postgres.data-directory --baseline.postgres.port) ;;
    *) echo "APP is pizzeria or baseline" >&2; exit 1 ;;
esac
[[ -f "$jar" ]] || { echo "No such jar: $jar" >&2; exit 1; }
for tool in wrk curl jq; do command -v "$tool" >/dev/null || { echo "profile-http.sh needs $tool" >&2; exit 1; }; done

# --- async-profiler -----------------------------------------------------------------------------------------------
profiler_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION.jar"
if [[ ! -f "$profiler_jar" ]]; then
    (cd /tmp && "$root_dir/mvnw" -q -B -ntp -N dependency:get -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION")
fi
arch="$(uname -m)"; [[ "$arch" == aarch64 ]] && arch=arm64; [[ "$arch" == x86_64 ]] && arch=x64
work="$(mktemp -d /tmp/profile-http.XXXXXX)"
unzip -q -o "$profiler_jar" "linux-$arch/libasyncProfiler.so" -d "$work"
lib="$work/linux-$arch/libasyncProfiler.so"
mkdir -p "$OUT"

# --- the app ------------------------------------------------------------------------------------------------------
port=$PORT_BASE
pg_port=$((PORT_BASE + 10))
jvm_pid=""
stop_app() {
    if [[ -n "$jvm_pid" ]] && kill -0 "$jvm_pid" 2>/dev/null; then
        kill -TERM "$jvm_pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$jvm_pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$jvm_pid" 2>/dev/null && kill -KILL "$jvm_pid" 2>/dev/null || true
    fi
    local pm
    pm="$(head -1 "$work/pg/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null; then
        kill -INT "$pm" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
    fi
    rm -rf "$work"
}
trap stop_app EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086
"$java" $JAVA_OPTS -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --pizzeria.opening-hours=always \
    --pizzeria.kitchen.capacity=2000000000 "${pg_args[0]}=$work/pg" "${pg_args[1]}=$pg_port" >"$work/app.log" 2>&1 &
jvm_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 180); do
    curl -sf -o /dev/null "$url/api/menu" && break
    kill -0 "$jvm_pid" 2>/dev/null || { echo "$APP died:"; tail -30 "$work/app.log"; exit 1; }
    sleep 1
done
order='{"customer_name": "John Doe", "customer_phone": "555-0123-45", "customer_address": "123 Pizza St", "pizza_items": [{"pizza_id": "margherita", "size": "large", "toppings": ["extra_cheese"], "special_instructions": "Extra crispy"}], "payment_method": "cash"}'
id="$(curl -sf -H 'Content-Type: application/json' --data-binary "$order" "$url/api/orders" | jq -r .order_id)"
[[ -n "$id" && "$id" != null ]] || { echo "$APP: the sample order was not placed"; tail -30 "$work/app.log"; exit 1; }

# jcmd would split the option at its "=": quoted, it reaches the agent whole.
profiler() { "$jcmd" "$jvm_pid" JVMTI.agent_load "$lib" "\"$1\"" >>"$work/jcmd.log"; }

echo "profile-http.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC'): $APP ($jar), $CONNECTIONS connections, warm-up ${WARMUP}s, ${DURATION}s per event; uptime:$(uptime | sed 's/.*load average/ load average/')"
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$order" >"$work/post-order.lua"
for endpoint in $ENDPOINTS; do
    wrk_args=()
    case "$endpoint" in
        menu) target="$url/api/menu" ;;
        status) target="$url/api/orders/$id/status" ;;
        orders) target="$url/api/orders"; wrk_args=(-s "$work/post-order.lua") ;;
        *) echo "Unknown endpoint $endpoint" >&2; exit 1 ;;
    esac
    wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" "${wrk_args[@]}" "$target" >/dev/null
    for event in $EVENTS; do
        base="$OUT/$APP-$endpoint-$event"
        case "$event" in
            cpu) start="start,event=cpu,interval=5ms" ;;
            alloc) start="start,event=alloc,total" ;;
            *) echo "Unknown event $event" >&2; exit 1 ;;
        esac
        profiler "$start"
        wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency "${wrk_args[@]}" "$target" >"$work/wrk.txt"
        profiler "dump,collapsed,total,file=$base.collapsed"
        profiler "stop,total,title=$APP-$endpoint-$event,file=$base.html"
        {
            echo "$APP $endpoint $event ($start), $(date -u '+%Y-%m-%d %H:%M UTC'); $CONNECTIONS connections, ${DURATION}s"
            unit=ns; [[ "$event" == alloc ]] && unit=bytes
            awk -v requests="$(awk '/requests in/ {print $1}' "$work/wrk.txt")" -v unit="$unit" \
                -f "$bench_dir/profile-layers.awk" "$base.collapsed"
            echo
            grep -E 'Requests/sec|Latency|requests in' "$work/wrk.txt"
        } >"$base.txt"
        cat "$base.txt"
        echo
    done
done
echo "Results: $OUT"
