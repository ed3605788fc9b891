#!/usr/bin/env bash
# Start-up time of README's run command: (a) `mvn package` from an empty target/ and with target/
# up to date, (b) JVM start to "Confero is up in N ms" for a fresh data dir and for a restart.
# Usage (repository root): docs/bench/startup-bench.sh [runs]
set -euo pipefail
RUNS=${1:-3}
cd "$(dirname "$0")/../.."
. docs/bench/bench-env.sh
DATA=$(mktemp -d /tmp/confero-startup-bench.XXXXXX)
trap 'stop_confero; rm -rf "$DATA"' EXIT
now() { date +%s.%N; }
echo "cpus=$(nproc) $(uptime)"
for r in $(seq 1 "$RUNS"); do
  rm -rf verticles/target eventbus-codecs/target
  t=$(now); mvn -o -q -B -DskipTests package >/dev/null; e=$(now)
  printf 'package-clean   run %d: %6.2f s   load %s\n' "$r" "$(echo "$e - $t" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
for r in $(seq 1 "$RUNS"); do
  t=$(now); mvn -o -q -B -DskipTests package >/dev/null; e=$(now)
  printf 'package-uptodate run %d: %6.2f s   load %s\n' "$r" "$(echo "$e - $t" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
one_start() {  # $1 = label, $2 = data dir
  export CONFERO_DATABASE_DATA_DIR=$2
  local log=/tmp/confero-startup-bench.log t e
  t=$(now); start_confero "$log"; wait_up "$log"; e=$(now)
  printf '%-8s run %d: launch->line %6.2f s, printed %s   load %s\n' "$1" "$r" "$(echo "$e - $t" | bc -l)" \
    "$(grep -o 'up in [0-9]* ms' "$log")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  stop_confero
}
for r in $(seq 1 "$RUNS"); do rm -rf "$DATA/pg"; one_start fresh "$DATA/pg"; done
for r in $(seq 1 "$RUNS"); do one_start restart "$DATA/pg"; done
echo "$(uptime)"
