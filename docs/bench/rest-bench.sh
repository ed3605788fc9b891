#!/usr/bin/env bash
# REST throughput with wrk: GET /health (baseline), then POST+GET of meetings with a bearer token.
# Usage (repository root, after `mvn -o -q -B -DskipTests package`): docs/bench/rest-bench.sh [secs] [conns] [rounds]
set -euo pipefail
SECS=${1:-10}; CONNS=${2:-16}; ROUNDS=${3:-3}
cd "$(dirname "$0")/../.."
. docs/bench/bench-env.sh
export CONFERO_API_RATE_LIMIT_PER_MINUTE=1000000  # the maximum the config accepts
DATA=$(mktemp -d /tmp/confero-rest-bench.XXXXXX)
export CONFERO_DATABASE_DATA_DIR=$DATA/pg
trap 'stop_confero; rm -rf "$DATA"' EXIT
start_confero /tmp/confero-rest-bench.log; wait_up /tmp/confero-rest-bench.log
TOKEN=$(curl -s -u "$CONFERO_API_KEY:$CONFERO_API_SECRET" -X POST $BENCH_BASE/api/v1/tokens \
  | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
export TOKEN
[ -n "$TOKEN" ] || { echo "no token"; exit 1; }
echo "cpus=$(nproc) secs=$SECS conns=$CONNS threads=2 (wrk shares the 2 cores with the server)"
wrk -t2 -c"$CONNS" -d5s -s docs/bench/meetings.lua $BENCH_BASE >/dev/null  # JIT warm-up
wrk -t2 -c"$CONNS" -d5s $BENCH_BASE/health >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r: GET /health   load $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency $BENCH_BASE/health | grep -E "Requests/sec|^ +(50|99)%|Non-2xx"
  echo "== round $r: POST+GET meetings   load $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c"$CONNS" -d"${SECS}s" -s docs/bench/meetings.lua $BENCH_BASE | grep -E "Requests/sec|POST sent|pairs/s"
done
echo "$(uptime)"
