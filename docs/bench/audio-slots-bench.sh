#!/usr/bin/env bash
# Audio slots against one stream per participant (issue 17): N audio-only load participants
# (io.confero.loadgen.LoadGen --audio-only, staggered RFC 6464 levels) in one meeting, once with
# the default slots (sfu.audio_slots=3: 4 streams per listener) and once with sfu.audio_slots=0
# (every listener receives every other microphone); samples the server's CPU time (/proc/PID/stat)
# and confero_sfu_rtp_forwarded_total over a window after a warm-up. LoadGen runs in its own JVM.
# Usage (repository root, after `mvn -o -q -B -DskipTests package`):
#   docs/bench/audio-slots-bench.sh [participants=30] [window-seconds=30]
# RAMP_MS=200 spaces the joins; MODES="3" measures the slots only (a meeting too large for one stream per participant).
# Above 100 participants the meeting is made through the integrator API with max_participants 1000
# (the home page's meetings hold 100) and everyone joins it by its code.
set -euo pipefail
N=${1:-30}; WINDOW=${2:-30}; WARMUP=15
cd "$(dirname "$0")/../.."
. docs/bench/bench-env.sh
export CONFERO_SFU_ANNOUNCED_ADDRESS=127.0.0.1
export CONFERO_API_RATE_LIMIT_PER_MINUTE=${CONFERO_API_RATE_LIMIT_PER_MINUTE:-100000} # every load participant joins from one address
LOG=/tmp/confero-slots-bench.log; OUT=/tmp/confero-slots-bench.out
trap 'stop_confero; [ -n "${LG_PID:-}" ] && kill "$LG_PID" 2>/dev/null; rm -rf "${CONFERO_DATABASE_DATA_DIR:-/nonexistent}"' EXIT
echo "cpus=$(nproc) $(uptime)"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
forwarded() { curl -s "$BENCH_BASE/metrics" | awk '/^confero_sfu_rtp_forwarded_total/ {s += $NF} END {printf "%.0f", s}'; }
for SLOTS in ${MODES:-3 0}; do
  export CONFERO_SFU_AUDIO_SLOTS=$SLOTS CONFERO_DATABASE_DATA_DIR=$(mktemp -d /tmp/confero-slots-bench.XXXXXX)
  start_confero "$LOG"; wait_up "$LOG"
  CODE_ARGS=()
  if [ "$N" -gt 100 ]; then
    TOKEN=$(curl -s -u "$CONFERO_API_KEY:$CONFERO_API_SECRET" -X POST "$BENCH_BASE/api/v1/tokens" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    CODE=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -X POST "$BENCH_BASE/api/v1/meetings" \
      -d '{"title":"Audio crowd","settings":{"max_participants":1000}}' | sed 's/.*"join_code":"\([^"]*\)".*/\1/')
    CODE_ARGS=(--code "$CODE")
  fi
  java -cp verticles/target/confero.jar io.confero.loadgen.LoadGen --url "$BENCH_BASE" --participants "$N" "${CODE_ARGS[@]}" \
    --seconds $((WARMUP + WINDOW + 10)) --audio-only true --levels 10:2 --ramp-ms "${RAMP_MS:-0}" --media-dir verticles/target/loadgen >"$OUT" 2>&1 &
  LG_PID=$!
  for _ in $(seq 1 1800); do grep -q "participants publish" "$OUT" && break; kill -0 $LG_PID || { cat "$OUT"; exit 1; }; sleep 0.1; done
  sleep "$WARMUP"
  HZ=$(getconf CLK_TCK); c0=$(ticks "$BENCH_PID"); f0=$(forwarded); t0=$(date +%s.%N)
  sleep "$WINDOW"
  c1=$(ticks "$BENCH_PID"); f1=$(forwarded); t1=$(date +%s.%N)
  wait "$LG_PID" && LG_RC=0 || LG_RC=$?
  LG_PID=
  grep -v '^\s*at \|jitsi\|^INFO\|LoggerImpl' "$OUT" | tail -3
  awk -v slots="$SLOTS" -v n="$N" -v c="$((c1 - c0))" -v f="$((f1 - f0))" -v t="$(echo "$t1 - $t0" | bc -l)" -v hz="$HZ" 'BEGIN {
    cpu = 100 * c / hz / t; pps = f / t;
    printf "sfu.audio_slots=%d, %d participants: server CPU %.1f %% of one core, forwarded %.0f packets/s, %.1f us CPU per forwarded packet\n",
      slots, n, cpu, pps, 1e6 * cpu / 100 / pps }'
  echo "LoadGen exit status $LG_RC (0: everyone received all others, or all their slots)"
  stop_confero; BENCH_PID=; rm -rf "$CONFERO_DATABASE_DATA_DIR"
done
echo "$(uptime)"
