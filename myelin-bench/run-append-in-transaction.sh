#!/usr/bin/env bash
# Measures the append INSIDE A TRANSACTION (the path applications use) on a durable embedded PostgreSQL 17:
#   1. TransactionalAppendBenchmark (JMH) with 1 and 16 threads: Myelin in Spring's and in the JDBC runner's
#      transaction, the raw BEGIN; INSERT; COMMIT (the floor), Axon's JdbcEventStorageEngine in a Spring
#      transaction (the peer), two diagnostics, and the load-and-append set (its own floor and peer);
#   2. AppendRounds tx: the same with ONE writer, taking turns in short rounds (paired comparison);
#   3. AppendRounds tx-load: the load and append contenders (read the stream's last event, append expecting its
#      version, in one transaction; floor BEGIN; SELECT; INSERT; COMMIT; peer Axon) in rounds, into the same file.
#
#   myelin-bench/run-append-in-transaction.sh                  # defaults: -f 1 -wi 1 -w 3s -i 3 -r 3s; rounds 10 1 2
#   JMH_RUN="-f 1 -wi 2 -w 5s -i 5 -r 5s" ROUNDS_ARGS="30 2 3" myelin-bench/run-append-in-transaction.sh
#
# Results: results/<date>-jdk<version>-append-tx-<HHMM>-t1.out, -t16.out, -t1.json, -t16.json and -rounds.out, each
# run preceded by `uptime`. No build, no lock: build first (./mvnw -pl myelin-bench -am package) and wrap the call,
# e.g. `flock /tmp/myelin-build.lock myelin-bench/run-append-in-transaction.sh`.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version =/ {print $2}')"
results="$bench_dir/results"
base="$results/$(date +%Y-%m-%d)-jdk$version-append-tx-$(date +%H%M)"
mkdir -p "$results"

export AXONIQ_UPDATE_CHECKER_DISABLED=true
jar="$bench_dir/target/benchmarks.jar"
for threads in 1 16; do
    uptime | tee "$base-t$threads.out"
    # shellcheck disable=SC2086
    "$java" -jar "$jar" TransactionalAppendBenchmark ${JMH_RUN:--f 1 -wi 1 -w 3s -i 3 -r 3s} -t "$threads" \
        -rf json -rff "$base-t$threads.json" "$@" | tee -a "$base-t$threads.out"
    uptime | tee -a "$base-t$threads.out"
done
uptime | tee "$base-rounds.out"
# shellcheck disable=SC2086
"$java" -Xms1g -Xmx1g -Daxoniq.update-checker.disabled=true -cp "$jar" dev.myelin.bench.AppendRounds \
    ${ROUNDS_ARGS:-10 1 2} tx | tee -a "$base-rounds.out"
uptime | tee -a "$base-rounds.out"
# shellcheck disable=SC2086
"$java" -Xms1g -Xmx1g -Daxoniq.update-checker.disabled=true -cp "$jar" dev.myelin.bench.AppendRounds \
    ${ROUNDS_ARGS:-10 1 2} tx-load | tee -a "$base-rounds.out"
uptime | tee -a "$base-rounds.out"
echo "Results: $base-t1.out, $base-t16.out (and .json), $base-rounds.out"
