#!/usr/bin/env bash
# Builds myelin-bench and measures the event store on a durable embedded PostgreSQL 17:
#   1. EventStoreBenchmark (Myelin append, raw JDBC insert, Axon JdbcEventStorageEngine) with 1 and 16 threads;
#   2. AppendRounds: the same three with ONE writer, taking turns in short rounds (paired comparison);
#   3. ProjectionLagRun: async projection lag at a steady append rate.
#
#   myelin-bench/run-event-store.sh                 # defaults: -f 1 -wi 1 -w 5s -i 5 -r 5s; lag at 1000/s for 20 s
#   LAG_ARGS="500 30 5" myelin-bench/run-event-store.sh -prof gc   # extra JMH arguments pass through
#   ROUNDS_ARGS="30 2 5"                              # AppendRounds: rounds, seconds per turn, warm-up rounds
#   JMH_RUN="-f 1 -wi 3 -w 5s -i 5 -r 5s" myelin-bench/run-event-store.sh   # replaces the default run options
#   (JMH refuses an option given twice, so a longer warm-up or more iterations go through JMH_RUN)
#
# Results: results/<date>-jdk<version>-event-store-t1.json, -t16.json, -rounds.out and -lag.out (with -<HHMM> when
# those exist already). The script takes no lock: on a shared machine, wrap the whole call, e.g.
# `flock /tmp/myelin-build.lock myelin-bench/run-event-store.sh`.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$bench_dir")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# SKIP_BUILD=1 runs target/benchmarks.jar as it is (e.g. built by `./mvnw -pl myelin-bench -am install`).
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    (cd "$root_dir" && ./mvnw -q -B -pl myelin-bench -am package -DskipTests)
fi

version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version =/ {print $2}')"
results="$bench_dir/results"
base="$results/$(date +%Y-%m-%d)-jdk$version-event-store"
if [[ -e "$base-t1.json" ]]; then base="$base-$(date +%H%M)"; fi
mkdir -p "$results"

export AXONIQ_UPDATE_CHECKER_DISABLED=true
jar="$bench_dir/target/benchmarks.jar"
for threads in 1 16; do
    # shellcheck disable=SC2086
    "$java" -jar "$jar" EventStoreBenchmark ${JMH_RUN:--f 1 -wi 1 -w 5s -i 5 -r 5s} -t "$threads" \
        -rf json -rff "$base-t$threads.json" "$@" | tee "$base-t$threads.txt"
done
# shellcheck disable=SC2086
# One writer again, the three contenders in alternating rounds (see AppendRounds).
"$java" -Xms1g -Xmx1g -Daxoniq.update-checker.disabled=true -cp "$jar" dev.myelin.bench.AppendRounds \
    ${ROUNDS_ARGS:-30 2 5} | tee "$base-rounds.out"
"$java" -Xms1g -Xmx1g -Daxoniq.update-checker.disabled=true -cp "$jar" dev.myelin.bench.ProjectionLagRun \
    ${LAG_ARGS:-1000 20 5} | tee "$base-lag.out"
echo "Results: $base-t1.json, $base-t16.json, $base-rounds.out and $base-lag.out"
