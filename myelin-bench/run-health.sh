#!/usr/bin/env bash
# Health under write load: how fast Mario's Pizzeria answers its health checks while orders are placed at full
# rate over HTTP.
#
#   myelin-bench/run-health.sh [PIZZERIA_JAR]
#
# Starts the pizzeria as run-http.sh does (`java $JAVA_OPTS -jar`, 127.0.0.1, its own embedded PostgreSQL 17 in
# a fresh data directory, durable; opening hours "always", an unbounded kitchen), then: wrk places orders
# (POST /api/orders, the seed's sample order) with CONNECTIONS connections for WARMUP seconds (discarded) and
# then for DURATION seconds, during which one client (one curl process, `--rate`) asks the health checks in turn,
# RATE requests a second, each on a fresh connection (`Connection: close`, as a probe does), anonymously:
#   /actuator/health                    everything, Spring Boot's `db` indicator included (it borrows a pool
#                                       connection);
#   /actuator/health/myelinOutbox, /actuator/health/myelinProjections, /actuator/health/myelinDeadLetters
#                                       Myelin's indicators (answered from the background sample);
#   /actuator/health/readiness          the probe group, no database;
# and, as the manager development user, /actuator/metrics/myelin.outbox.pending (a gauge).
# The same client also runs during the warm-up (discarded), so that the first calls of each path are not counted.
# Printed per path: samples, non-200 answers, p50, p99 and max of curl's time_total (connect to last byte), in
# milliseconds; wrk's orders/s and latency; the machine's load average before and after.
#
# Settings (environment): DURATION=30 WARMUP=10 CONNECTIONS=64 WRK_THREADS=2 RATE=10 (health requests/s)
#   JAVA_OPTS="-Xms1g -Xmx1g" PORT_BASE=18580 (app on PORT_BASE, PostgreSQL on +10) SKIP_BUILD=1 KEEP=1.
# Without PIZZERIA_JAR it builds examples/mario-pizzeria from this work tree (./mvnw package -DskipTests).
# Results: results/<date>-jdk<version>-health[-HHMM].out. Takes no lock; needs wrk and curl (7.84 or later, for
# --rate). Everything stays on
# loopback, every load is bounded in time.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$bench_dir")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
RATE="${RATE:-10}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
PORT_BASE="${PORT_BASE:-18580}"

for tool in wrk curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "run-health.sh needs $tool" >&2; exit 1; }
done

jar="${1:-}"
if [[ -z "$jar" && "${SKIP_BUILD:-}" != 1 ]]; then
    (cd "$root_dir" && ./mvnw -q -B -ntp -pl examples/mario-pizzeria -am package -DskipTests)
fi
jar="${jar:-$root_dir/examples/mario-pizzeria/target/mario-pizzeria-0.1.0-SNAPSHOT.jar}"
[[ -f "$jar" ]] || { echo "No such jar: $jar" >&2; exit 1; }

version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version =/ {print $2}')"
results="$bench_dir/results"
out="$results/$(date +%Y-%m-%d)-jdk$version-health"
if [[ -e "$out.out" ]]; then out="$out-$(date +%H%M)"; fi
out="$out.out"
mkdir -p "$results"
work="$(mktemp -d /tmp/run-health.XXXXXX)"
exec > >(tee "$out") 2>&1

port=$PORT_BASE
pg_port=$((PORT_BASE + 10))
data_dir="$work/pg"
jvm_pid=""
sampler_pid=""

# Stops the sampler's curl (its awk then writes what it has and ends) and waits for the sampler.
stop_sampler() {
    if [[ -n "$sampler_pid" ]]; then
        pkill -P "$sampler_pid" -x curl 2>/dev/null || true
        wait "$sampler_pid" 2>/dev/null || true
        sampler_pid=""
    fi
}

stop_all() {
    stop_sampler
    if [[ -n "$jvm_pid" ]] && kill -0 "$jvm_pid" 2>/dev/null; then
        kill -TERM "$jvm_pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$jvm_pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$jvm_pid" 2>/dev/null && kill -KILL "$jvm_pid" 2>/dev/null || true
    fi
    local pm
    pm="$(head -1 "$data_dir/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null; then
        kill -INT "$pm" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
    fi
    if [[ "${KEEP:-}" == 1 ]]; then echo "Kept: $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

for p in "$port" "$pg_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "Port $p is in use: set PORT_BASE" >&2; exit 1; fi
done

# shellcheck disable=SC2086
"$java" $JAVA_OPTS -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --pizzeria.opening-hours=always --pizzeria.kitchen.capacity=2000000000 \
    --myelin.postgres.embedded.data-directory="$data_dir" --myelin.postgres.embedded.port="$pg_port" \
    >"$work/pizzeria.log" 2>&1 &
jvm_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 180); do
    curl -sf -o /dev/null "$url/api/menu" && break
    kill -0 "$jvm_pid" 2>/dev/null || { echo "The pizzeria died:"; tail -30 "$work/pizzeria.log"; exit 1; }
    sleep 1
done
curl -sf -o /dev/null "$url/api/menu" || { echo "The pizzeria did not start"; tail -30 "$work/pizzeria.log"; exit 1; }

order_body='{"customer_name": "John Doe", "customer_phone": "555-0123-45", "customer_address": "123 Pizza St", "pizza_items": [{"pizza_id": "margherita", "size": "large", "toppings": ["extra_cheese"], "special_instructions": "Extra crispy"}], "payment_method": "cash"}'
cat >"$work/post-order.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$order_body'
EOF

paths=(/actuator/health /actuator/health/myelinOutbox /actuator/health/myelinProjections
    /actuator/health/myelinDeadLetters /actuator/health/readiness /actuator/metrics/myelin.outbox.pending)

# Asks the paths in turn, RATE a second, for $1 seconds; one line per answer: path, HTTP status, milliseconds.
sample_health() {
    local n=$(($1 * RATE)) i path auth
    : >"$work/curl.conf"
    for ((i = 0; i < n; i++)); do
        path="${paths[$((i % ${#paths[@]}))]}"
        auth=""
        [[ "$path" == /actuator/metrics/* ]] && auth="manager:manager@"
        printf 'url = "http://%s127.0.0.1:%s%s"\noutput = "/dev/null"\n' "$auth" "$port" "$path" >>"$work/curl.conf"
    done
    curl -s --rate "$RATE/s" -H 'Connection: close' --max-time 30 -K "$work/curl.conf" -w '%{url} %{http_code} %{time_total}\n' \
        | awk '{sub(/^http:\/\/[^\/]*/, "", $1); printf "%s %s %.2f\n", $1, $2, $3 * 1000}'
}

echo "=== run-health.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "java: $("$java" -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS; $(nproc) cores; $(uname -r)"
echo "pizzeria: $jar ($(stat -c %y "$jar" | cut -d. -f1))"
echo "wrk: $CONNECTIONS connections, $WRK_THREADS threads, warm-up ${WARMUP}s discarded, ${DURATION}s measured; health $RATE/s"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

sample_health "$WARMUP" >/dev/null &
sampler_pid=$!
wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" -s "$work/post-order.lua" "$url/api/orders" >/dev/null
stop_sampler
sample_health "$DURATION" >"$work/samples" &
sampler_pid=$!
wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$work/post-order.lua" "$url/api/orders" \
    >"$work/wrk.out"
# What curl has not asked by now would run after the load: not asked.
stop_sampler
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
awk '/Requests\/sec/ {print "orders/s: " $2} /^ +50%/ {print "order p50: " $2} /^ +99%/ {print "order p99: " $2}
     /Non-2xx/ {print "order non-2xx: " $NF}' "$work/wrk.out"
echo
printf '%-40s %7s %7s %9s %9s %9s\n' path samples non-200 "p50 ms" "p99 ms" "max ms"
for path in "${paths[@]}"; do
    awk -v p="$path" '$1 == p' "$work/samples" >"$work/one"
    n="$(wc -l <"$work/one")"
    if ((n == 0)); then printf '%-40s %7d\n' "$path" 0; continue; fi
    bad="$(awk '$2 != 200' "$work/one" | wc -l)"
    sort -n -k3 "$work/one" | awk -v p="$path" -v n="$n" -v bad="$bad" '
        { v[NR] = $3 }
        END {
            i50 = int(n * 0.50 + 0.999); i99 = int(n * 0.99 + 0.999)
            printf "%-40s %7d %7d %9.1f %9.1f %9.1f\n", p, n, bad, v[i50], v[i99], v[n]
        }'
done
