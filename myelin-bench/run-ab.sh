#!/usr/bin/env bash
# Compares two builds of Mario's Pizzeria on one endpoint, paired: both apps run at once (each with its own
# durable embedded PostgreSQL 17 in a fresh data directory), are loaded in turn, and the one loaded first swaps
# every round, so that drift of the machine (JIT, page cache, other load) falls on both sides alike.
#
#   myelin-bench/run-ab.sh A_JAR B_JAR
#
# ENDPOINT=orders (the default): POST /api/orders with the seed's sample cash order; ENDPOINT=detail: GET
# /api/orders/{id} of one order placed, confirmed and started cooking by the script (three events), signed in
# as the development manager (HTTP Basic). After WARMUP s of that load per app (discarded, the async work
# drained), ROUNDS rounds of DURATION s per app (wrk, WRK_THREADS threads, CONNECTIONS connections). Printed
# per cell: req/s, p99, and the CPU milliseconds per request of the app's JVM and of its PostgreSQL
# (utime+stime from /proc, the postmaster's children included, the drain after the cell included: async work
# is part of an order's cost);
# then the medians of each side and the ratio B/A. One cell's throughput moves by ±15 % between rounds on a
# 2-core machine, and the JVMs keep getting faster for minutes after a 60 s warm-up (a run of one build against
# itself rose from 436 to 690 orders/s over its rounds): for a small change use WARMUP=180, six rounds or more,
# and run it again with the jars swapped; read the CPU per order before the req/s.
# Settings: ENDPOINT=orders WARMUP=60 DURATION=20 ROUNDS=4 CONNECTIONS=16 WRK_THREADS=2 JAVA_OPTS="-Xms1g -Xmx1g"
#   PORT_BASE=18680 (apps on +0 and +1, PostgreSQL on +10 and +11) ARGS="" (more arguments for both apps).
# Needs wrk, curl and jq. Takes no lock: wrap it, `flock /tmp/myelin-build.lock myelin-bench/run-ab.sh ...`.
set -euo pipefail

[[ $# -eq 2 && -f "$1" && -f "$2" ]] || { echo "usage: $0 A_JAR B_JAR" >&2; exit 2; }
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=http-lib.sh
source "$bench_dir/http-lib.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ENDPOINT="${ENDPOINT:-orders}"
[[ "$ENDPOINT" == orders || "$ENDPOINT" == detail ]] || { echo "ENDPOINT is orders or detail" >&2; exit 2; }
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-20}"
ROUNDS="${ROUNDS:-4}"
CONNECTIONS="${CONNECTIONS:-16}"
WRK_THREADS="${WRK_THREADS:-2}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
PORT_BASE="${PORT_BASE:-18680}"

work="$(mktemp -d /tmp/run-ab.XXXXXX)"
declare -A jar port pg_port pid
jar[A]="$1"
jar[B]="$2"
port[A]=$PORT_BASE
port[B]=$((PORT_BASE + 1))
pg_port[A]=$((PORT_BASE + 10))
pg_port[B]=$((PORT_BASE + 11))

stop() {
    for x in A B; do
        if [[ -n "${pid[$x]:-}" ]]; then kill -TERM "${pid[$x]}" 2>/dev/null || true; fi
    done
    for x in A B; do
        for _ in $(seq 60); do kill -0 "${pid[$x]:-0}" 2>/dev/null || break; sleep 0.5; done
        local pm
        pm="$(postmaster_of "$work/pg-$x")"
        if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null; then kill -INT "$pm" 2>/dev/null || true; sleep 2; fi
    done
    rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

for x in A B; do
    # shellcheck disable=SC2086
    "$java" $JAVA_OPTS -jar "${jar[$x]}" --server.address=127.0.0.1 --pizzeria.opening-hours=always \
        --pizzeria.kitchen.capacity=2000000000 --server.port="${port[$x]}" \
        --myelin.postgres.embedded.data-directory="$work/pg-$x" --myelin.postgres.embedded.port="${pg_port[$x]}" \
        ${ARGS:-} >"$work/$x.log" 2>&1 &
    pid[$x]=$!
done
for x in A B; do
    for _ in $(seq 180); do
        curl -sf -o /dev/null "http://127.0.0.1:${port[$x]}/api/menu" && break
        kill -0 "${pid[$x]}" 2>/dev/null || { echo "$x died:"; tail -30 "$work/$x.log"; exit 1; }
        sleep 1
    done
done

write_order_lua "$work/post-order.lua"
pg_ticks() { pg_ticks_of "$work/pg-$1"; }
drain() { # until the async work is drained, at most 60 s
    for _ in $(seq 300); do
        async_drained "http://127.0.0.1:${port[$1]}" && return
        sleep 0.2
    done
}
declare -A target
manager="Authorization: Basic $(printf manager:manager | base64)"
for x in A B; do
    base="http://127.0.0.1:${port[$x]}"
    if [[ "$ENDPOINT" == detail ]]; then
        id="$(curl -sf -H 'Content-Type: application/json' -d "$ORDER_BODY" "$base/api/orders" | jq -r .order_id)"
        curl -sf -o /dev/null -H "$manager" -X PUT "$base/api/orders/$id/confirm"
        curl -sf -o /dev/null -H "$manager" -H 'Content-Type: application/json' -X PUT "$base/api/orders/$id/cook" \
            -d '{"kitchen_staff_id": "chef-1", "estimated_cooking_time_minutes": 15}'
        target[$x]="$base/api/orders/$id"
        [[ "$(curl -s -H "$manager" "${target[$x]}" | jq -r .status)" == cooking ]] \
            || { echo "$x: the order to read is not cooking: $(curl -s -H "$manager" "${target[$x]}")" >&2; exit 1; }
    else
        target[$x]="$base/api/orders"
    fi
done
load() {
    if [[ "$ENDPOINT" == detail ]]; then
        wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2"s --latency -H "$manager" "${target[$1]}"
    else
        wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "$work/post-order.lua" "${target[$1]}"
    fi
}

echo "=== run-ab.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $("$java" -version 2>&1 | head -1); $(nproc) cores"
echo "A: ${jar[A]} ($(stat -c %y "${jar[A]}" | cut -d. -f1))"
echo "B: ${jar[B]} ($(stat -c %y "${jar[B]}" | cut -d. -f1))"
echo "endpoint $ENDPOINT, warm-up ${WARMUP}s per app, $ROUNDS rounds of ${DURATION}s, $CONNECTIONS connections"
for x in A B; do load "$x" "$WARMUP" >/dev/null; drain "$x"; done
hz="$(getconf CLK_TCK)"
printf '%-4s %5s %9s %9s %8s %8s\n' app round req/s p99_ms jvm_ms pg_ms
for r in $(seq "$ROUNDS"); do
    order="A B"
    if ((r % 2 == 0)); then order="B A"; fi
    for x in $order; do
        j0="$(ticks_of "${pid[$x]}" 0)"
        p0="$(pg_ticks "$x")"
        out="$(load "$x" "$DURATION")"
        drain "$x"
        j1="$(ticks_of "${pid[$x]}" 0)"
        p1="$(pg_ticks "$x")"
        awk -v x="$x" -v r="$r" -v j=$((j1 - j0)) -v p=$((p1 - p0)) -v hz="$hz" '
            /requests in/ {n = $1} /Requests\/sec/ {rps = $2}
            $1 == "99%" {v = $2; ms = v + 0; if (v ~ /us$/) ms /= 1000; else if (v ~ /ms$/) ms += 0; else if (v ~ /s$/) ms *= 1000}
            END {printf "%-4s %5d %9.1f %9.2f %8.3f %8.3f\n", x, r, rps, ms, j * 1000 / hz / n, p * 1000 / hz / n}' <<<"$out"
    done
done | tee "$work/cells"
awk '
    function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    {k = ++n[$1]; rps[$1, k] = $3; p99[$1, k] = $4; jvm[$1, k] = $5; pg[$1, k] = $6}
    END {
        for (s = 0; s < 2; s++) {
            x = s ? "B" : "A"
            for (k = 1; k <= n[x]; k++) { a1[k] = rps[x, k]; a2[k] = p99[x, k]; a3[k] = jvm[x, k]; a4[k] = pg[x, k] }
            m[x, 1] = median(a1, n[x]); m[x, 2] = median(a2, n[x]); m[x, 3] = median(a3, n[x]); m[x, 4] = median(a4, n[x])
            printf "median %-4s %9.1f %9.2f %8.3f %8.3f\n", x, m[x, 1], m[x, 2], m[x, 3], m[x, 4]
        }
        printf "B/A         %9.3f %9.3f %8.3f %8.3f   (CPU per order, JVM + PostgreSQL: %.3f)\n", m["B", 1] / m["A", 1],
            m["B", 2] / m["A", 2], m["B", 3] / m["A", 3], m["B", 4] / m["A", 4], (m["B", 3] + m["B", 4]) / (m["A", 3] + m["A", 4])
    }' "$work/cells"
