# Sourced by the benchmark scripts: ports and settings that do not collide with other runs.
export CONFERO_HTTP_HOST=127.0.0.1 CONFERO_HTTP_PORT=38180
export CONFERO_SIGNALING_HOST=127.0.0.1 CONFERO_SIGNALING_PORT=38181
export CONFERO_SFU_BIND_HOST=127.0.0.1 CONFERO_SFU_PORT=38190
export CONFERO_CLUSTER_PORT=38170 CONFERO_TURN_ENABLED=false
export CONFERO_API_KEY=bench-key CONFERO_API_SECRET=bench-secret-0123456789abcdef
BENCH_BASE=http://127.0.0.1:38180
# start_confero LOG: starts the jar in the background (BENCH_PID); wait_up LOG: waits for the "up" line
start_confero() { java -jar verticles/target/confero.jar >"$1" 2>&1 & BENCH_PID=$!; }
wait_up() {
  for _ in $(seq 1 1800); do
    grep -q "Confero is up in" "$1" && return 0
    kill -0 "$BENCH_PID" 2>/dev/null || { echo "confero exited:"; tail -20 "$1"; return 1; }
    sleep 0.1
  done
  echo "not up after 180 s"; return 1
}
stop_confero() { [ -n "${BENCH_PID:-}" ] || return 0; kill -TERM "$BENCH_PID" 2>/dev/null || true; wait "$BENCH_PID" 2>/dev/null || true; }
