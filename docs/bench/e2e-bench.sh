#!/usr/bin/env bash
# Runs a browser benchmark (io.confero.bench.FirstMediaBench or SixPartyCpuBench) with the test
# classpath inside a fresh lo-only network namespace, via the E2E tests' java-in-netns.sh (root).
# Usage (repository root, after `mvn -o -q -B -DskipTests package`): docs/bench/e2e-bench.sh CLASS [args...]
# CONFERO_BUILD=DIR takes the compiled classes from DIR/{verticles,eventbus-codecs}/target instead
# (a copy of another build's, for a baseline in the same session).
set -euo pipefail
CLASS=$1; shift
cd "$(dirname "$0")/../.."
# with -am the reactor resolves eventbus-codecs (never installed in ~/.m2) to its target/classes
mvn -o -q -pl verticles -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/confero-e2e-bench.cp >/dev/null
B=${CONFERO_BUILD:-.}
CP=$B/verticles/target/test-classes:$B/verticles/target/classes:$B/eventbus-codecs/target/classes:$(cat /tmp/confero-e2e-bench.cp)
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
echo "cpus=$(nproc) $(uptime)"
verticles/src/test/netns/bin/java-in-netns.sh -Xmx1g -cp "$CP" -Dbasedir=verticles \
  -Dconfero.webroot=webroot -Dconfero.conf=conf "io.confero.bench.$CLASS" "$@" </dev/null
echo "$(uptime)"
