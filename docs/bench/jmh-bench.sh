#!/usr/bin/env bash
# JMH micro-benchmarks: SRTP protect/unprotect per profile, SFU forwarding fan-out to 5 subscribers.
# Usage (repository root, after `mvn -o -q -B -DskipTests package`, which compiles the test classes
# and JMH's generated BenchmarkList): docs/bench/jmh-bench.sh [jmh options, default -wi 3 -i 5 -f 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
OPTS=("$@"); [ ${#OPTS[@]} -gt 0 ] || OPTS=(-wi 3 -i 5 -f 1 -w 1s -r 1s)
mvn -o -q -pl verticles dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt >/dev/null
CP=verticles/target/test-classes:verticles/target/classes:eventbus-codecs/target/classes:$(cat /tmp/cp.txt)
echo "cpus=$(nproc) $(uptime)"
# SrtpBench's own main takes only quick/sample; JMH's Main takes the standard options.
java -cp "$CP" org.openjdk.jmh.Main 'io.confero.bench.SrtpBench' "${OPTS[@]}" 2>&1 | sed -n '/^Benchmark/,$p'
echo "$(uptime)"
java -cp "$CP" io.confero.bench.ForwarderBench "${OPTS[@]}" 2>&1 | sed -n '/^Benchmark/,$p'
echo "$(uptime)"
