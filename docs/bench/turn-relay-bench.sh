#!/usr/bin/env bash
# Relay throughput of Confero's TurnVerticle vs coturn's turnserver, same machine, same run.
# Both relay turnutils_uclient <-> turnutils_peer over loopback with REST credentials (-W).
# Usage (from the repository root, after `mvn -o -q -pl verticles -am test-compile`):
#   docs/bench/turn-relay-bench.sh [clients] [messages-per-client] [message-bytes] [interval-ms] [rounds]
set -euo pipefail
CLIENTS=${1:-20}; MSGS=${2:-2000}; LEN=${3:-1000}; INTERVAL=${4:-1}; ROUNDS=${5:-3}
SECRET=bench-secret-0123456789
OURS=35478; COTURN=35578; PEER=35680
cd "$(dirname "$0")/../.."
mvn -o -q -pl verticles dependency:build-classpath -Dmdep.outputFile=/tmp/confero-turn-bench.cp >/dev/null
CP=verticles/target/test-classes:verticles/target/classes:$(cat /tmp/confero-turn-bench.cp)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

mkfifo /tmp/confero-turn-bench.in.$$ 2>/dev/null || true
exec 3<>/tmp/confero-turn-bench.in.$$
java -cp "$CP" io.confero.turn.TurnServerMain 127.0.0.1 $OURS -1 $SECRET true false 1000 <&3 >/tmp/confero-turn-bench.ours.log 2>&1 &
PIDS+=($!)
turnserver -n --listening-ip=127.0.0.1 --listening-port=$COTURN --relay-ip=127.0.0.1 --min-port=40000 --max-port=40999 \
  --allow-loopback-peers --use-auth-secret --static-auth-secret=$SECRET --realm=confero \
  --no-tls --no-dtls --no-cli --no-rfc5780 --no-stdout-log --log-file=/tmp/confero-turn-bench.coturn.log >/dev/null 2>&1 &
PIDS+=($!)
turnutils_peer -L 127.0.0.1 -p $PEER >/dev/null 2>&1 &
PIDS+=($!)
for i in $(seq 1 60); do grep -q READY /tmp/confero-turn-bench.ours.log 2>/dev/null && break; sleep 0.5; done

run() { # $1 = label, $2 = port
  local start end out sent recv bytes secs
  start=$(date +%s.%N)
  out=$(turnutils_uclient -W $SECRET -u bench -c -e 127.0.0.1 -r $PEER -n "$MSGS" -m "$CLIENTS" -l "$LEN" -z "$INTERVAL" -p "$2" 127.0.0.1 2>&1 || true)
  end=$(date +%s.%N)
  sent=$(echo "$out" | sed -n 's/.*start_mclient: tot_send_msgs=\([0-9]*\), tot_recv_msgs=\([0-9]*\).*/\1/p' | tail -1)
  recv=$(echo "$out" | sed -n 's/.*start_mclient: tot_send_msgs=\([0-9]*\), tot_recv_msgs=\([0-9]*\).*/\2/p' | tail -1)
  bytes=$(echo "$out" | sed -n 's/.*start_mclient: tot_send_bytes ~ \([0-9]*\), tot_recv_bytes ~ \([0-9]*\).*/\2/p' | tail -1)
  secs=$(echo "$end - $start" | bc -l)
  # every echoed message crosses the relay twice (client->peer and peer->client)
  printf '%-8s sent=%-7s recv=%-7s wall=%6.2fs relayed_pkts/s=%8.0f relayed_Mbit/s=%7.1f loss=%.2f%%\n' "$1" "$sent" "$recv" "$secs" \
    "$(echo "($sent + $recv) / $secs" | bc -l)" "$(echo "2 * $bytes * 8 / $secs / 1000000" | bc -l)" \
    "$(echo "100 * ($sent - $recv) / $sent" | bc -l)"
}
echo "clients=$CLIENTS messages/client=$MSGS bytes=$LEN interval=${INTERVAL}ms rounds=$ROUNDS cpus=$(nproc)"
for r in $(seq 1 "$ROUNDS"); do
  run confero $OURS
  run coturn $COTURN
done
exec 3>&-
rm -f /tmp/confero-turn-bench.in.$$
