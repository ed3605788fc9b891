#!/usr/bin/env bash
# Surefire's <jvm> for the `e2e` execution (see verticles/pom.xml and docs/testing.md).
#
# Runs the real java inside a fresh network namespace that holds only `lo` (up), so the test JVM,
# the in-process Confero server, chromedriver and Chromium share loopback and nothing else.
# Surefire talks to the forked JVM over its stdin/stdout: this script never writes to stdout and
# hands java its own stdin. The namespace is deleted, and any process still inside it killed (by
# PID), when java exits or this script is terminated; java's exit code is passed through.
#
# The file name must start with "java" and sit in a folder named "bin": surefire rejects any other
# <jvm> path. The real java is $JAVA_HOME/bin/java (the pom sets JAVA_HOME to Maven's java.home).
set -u

prefix=confero-e2e
ns="$prefix-$$"
real_java="${JAVA_HOME:-}/bin/java"

die() { echo "java-in-netns: $*" >&2; exit 97; }

[ -x "$real_java" ] || die "no java at '$real_java' (set JAVA_HOME)"
command -v ip >/dev/null || die "'ip' (iproute2) is missing: apt-get install -y iproute2"
[ "$(id -u)" = 0 ] || die "network namespaces need root; run as root or skip with -De2e.skip=true"

kill_inside() {  # $1 = namespace: stop whatever is still running in it, by PID
  local pids
  pids=$(ip netns pids "$1" 2>/dev/null) || return 0
  [ -n "$pids" ] || return 0
  kill -TERM $pids 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(ip netns pids "$1" 2>/dev/null)
    [ -n "$pids" ] || return 0
    sleep 0.2
  done
  kill -KILL $pids 2>/dev/null
}

# Namespaces left by an earlier run that was killed with SIGKILL: their creator PID is gone.
for old in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$prefix-[0-9]*$"); do
  if ! kill -0 "${old##*-}" 2>/dev/null; then
    kill_inside "$old"
    ip netns del "$old" 2>/dev/null
  fi
done

ip netns add "$ns" || die "ip netns add $ns failed"
child=""
cleanup() {
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  kill_inside "$ns"
  ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

ip netns exec "$ns" ip link set lo up || die "cannot bring lo up in $ns"

# A background job's stdin would be /dev/null: pass ours (surefire's command channel) explicitly.
exec 3<&0
ip netns exec "$ns" "$real_java" "$@" <&3 3<&- &
child=$!
exec 3<&-
wait "$child"
rc=$?
child=""
exit "$rc"
