#!/usr/bin/env bash
# Builds myelin-bench and runs every benchmark once, with the GC profiler (allocation per op).
#
#   myelin-bench/run.sh                      # all benchmarks, defaults sized for a 2-core machine
#   myelin-bench/run.sh SendBenchmark -i 10  # a subset, more iterations: extra JMH arguments pass through
#
# A default (-f, -wi, -w, -i, -r) is dropped when the same option is passed. The JVM is the one in
# JAVA_HOME, else the one on the PATH. Results: results/<date>-<jvm>.json (JMH JSON) and .txt (the
# table printed), or results/<date>-<jvm>-<HHMM>.* when those exist already. The script takes no
# lock: on a shared machine, wrap the whole call so that no build runs during the measurement, e.g.
# `flock /tmp/myelin-build.lock myelin-bench/run.sh`.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$bench_dir")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

(cd "$root_dir" && ./mvnw -q -B -pl myelin-bench -am package -DskipTests)

defaults=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
args=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
    option="${defaults[i]}"
    passed=false
    for given in "$@"; do
        if [[ "$given" == "$option" ]]; then passed=true; fi
    done
    if [[ "$passed" == false ]]; then args+=("$option" "${defaults[i + 1]}"); fi
done

version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version =/ {print $2}')"
results="$bench_dir/results"
base="$results/$(date +%Y-%m-%d)-jdk$version"
# A second run on the same day and JVM keeps the first one's files: it adds the time to its name.
if [[ -e "$base.json" || -e "$base.txt" ]]; then base="$base-$(date +%H%M)"; fi
mkdir -p "$results"

# Axon's update checker must never phone home from a benchmark (the fork also sets the property).
export AXONIQ_UPDATE_CHECKER_DISABLED=true

"$java" -jar "$bench_dir/target/benchmarks.jar" "${args[@]}" -prof gc -rf json -rff "$base.json" "$@" \
    | tee "$base.txt"
echo "Results: $base.json and $base.txt"
