#!/usr/bin/env bash
# Server CPU per forwarded stream with Confero's own load participants (io.confero.loadgen.LoadGen):
# starts the jar (loopback, bench ports), runs LoadGen against it, and samples the server process's
# CPU time (/proc/PID/stat) and confero_sfu_rtp_forwarded_total (/metrics) over a window once every
# participant publishes and a warm-up has passed. LoadGen runs in its own JVM on the same machine.
# Usage (repository root, after `mvn -o -q -B -DskipTests package`):
#   docs/bench/loadgen-bench.sh [participants-per-meeting=6] [meetings=1] [window-seconds=30] [video=320x240@15]
# SERVER_JAR=path/to/other/confero.jar measures another build's server (a baseline) with this LoadGen.
set -euo pipefail
N=${1:-6}; M=${2:-1}; WINDOW=${3:-30}; VIDEO=${4:-320x240@15}; WARMUP=15
cd "$(dirname "$0")/../.."
. docs/bench/bench-env.sh
export CONFERO_SFU_ANNOUNCED_ADDRESS=127.0.0.1 CONFERO_DATABASE_DATA_DIR=$(mktemp -d /tmp/confero-loadgen-bench.XXXXXX)
LOG=/tmp/confero-loadgen-bench.log; OUT=/tmp/confero-loadgen-bench.out
trap 'stop_confero; [ -n "${LG_PID:-}" ] && kill "$LG_PID" 2>/dev/null; rm -rf "$CONFERO_DATABASE_DATA_DIR"' EXIT
echo "cpus=$(nproc) $(uptime)"
SERVER_JAR=${SERVER_JAR:-verticles/target/confero.jar}
start_confero() { java -jar "$SERVER_JAR" >"$1" 2>&1 & BENCH_PID=$!; }
echo "server: $SERVER_JAR"
if curl -s -o /dev/null -m 2 "$BENCH_BASE/health"; then
  echo "a server already answers on $BENCH_BASE (another benchmark on this machine?): wait until it ends"; exit 1
fi
start_confero "$LOG"; wait_up "$LOG"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
forwarded() { curl -s "$BENCH_BASE/metrics" | awk '/^confero_sfu_rtp_forwarded_total/ {s += $NF} END {printf "%.0f", s}'; }
piped() { curl -s "$BENCH_BASE/metrics" | awk '/^confero_sfu_pipe_packets_total/ {s += $NF} END {printf "%.0f", s}'; }
# CPU ticks of each SFU worker thread (confero-sfu-N, one event loop each), one "name ticks" line per thread
worker_ticks() { for t in /proc/"$1"/task/*; do c=$(cat "$t/comm" 2>/dev/null) || continue
  case "$c" in confero-sfu-*) awk -v n="$c" '{print n, $14 + $15}' "$t/stat";; esac; done | sort; }
java -cp verticles/target/confero.jar io.confero.loadgen.LoadGen --url "$BENCH_BASE" --participants "$N" \
  --meetings "$M" --seconds $((WARMUP + WINDOW + 10)) --video "$VIDEO" --media-dir verticles/target/loadgen >"$OUT" 2>&1 &
LG_PID=$!
for _ in $(seq 1 1200); do grep -q "participants publish" "$OUT" && break; kill -0 $LG_PID || { cat "$OUT"; exit 1; }; sleep 0.1; done
sleep "$WARMUP"
HZ=$(getconf CLK_TCK); c0=$(ticks "$BENCH_PID"); l0=$(ticks "$LG_PID"); f0=$(forwarded); p0=$(piped); w0=$(worker_ticks "$BENCH_PID"); t0=$(date +%s.%N)
sleep "$WINDOW"
c1=$(ticks "$BENCH_PID"); l1=$(ticks "$LG_PID"); f1=$(forwarded); p1=$(piped); w1=$(worker_ticks "$BENCH_PID"); t1=$(date +%s.%N)
wait "$LG_PID" && LG_RC=0 || LG_RC=$?
grep -v '^\s*at \|jitsi\|^INFO\|LoggerImpl' "$OUT" | tail -8
STREAMS=$((M * N * (N - 1) * 2))
awk -v c="$((c1 - c0))" -v l="$((l1 - l0))" -v f="$((f1 - f0))" -v t="$(echo "$t1 - $t0" | bc -l)" -v hz="$HZ" -v s="$STREAMS" 'BEGIN {
  cpu = 100 * c / hz / t; lg = 100 * l / hz / t; pps = f / t;
  printf "window %.1f s: server CPU %.1f %% of one core, load generator %.1f %%\n", t, cpu, lg;
  printf "forwarded %.0f packets/s over %d streams (video + audio); %.3f %% of a core per stream; %.1f us CPU per forwarded packet\n", pps, s, cpu / s, 1e6 * cpu / 100 / pps }'
T=$(echo "$t1 - $t0" | bc -l)
join <(echo "$w0") <(echo "$w1") | awk -v hz="$HZ" -v t="$T" '{printf "SFU worker thread %s: %.1f %% of one core\n", $1, 100 * ($3 - $2) / hz / t}'
echo "piped packets/s between workers: $(echo "($p1 - $p0) / $T" | bc -l | xargs printf %.0f)"
curl -s "$BENCH_BASE/metrics" | grep -E '^confero_sfu_placements_total' || true
echo "LoadGen exit status $LG_RC (0: every participant received every other's video and audio at the end); $(uptime)"
