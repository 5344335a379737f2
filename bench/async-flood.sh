#!/usr/bin/env bash
# Async flood against one node with -Xmx512m and its default bounds: SUBMITTERS concurrent anonymous closed-loop
# submitters post BODY-byte bodies to echo for SECONDS, from one Java generator (io.vfn.bench.AsyncFlood: one Vert.x
# client, keep-alive, one shared body), so the figures are the node's, not a shell loop's. Prints accepted/s,
# refused/s (413/429/503 problems), the statuses, the peak heap in use read from /metrics every 250 ms, then how every
# accepted call ended. Shows what the byte bounds cost, and that they hold.
# Usage: bench/async-flood.sh [seconds=30] [submitters=64] [body_bytes=1048576]
# (Rebuild after a change: mvn -B -q package -DskipTests && mvn -B -q -f bench/pom.xml package)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${1:-30}; SUBMITTERS=${2:-64}; BODY=${3:-1048576}
VFN_PORT=18680; CLUSTER_PORT=18701
VFN_JAR=${VFN_JAR:-platform/target/vfn.jar}  # another build to compare: VFN_JAR=/path/to/vfn.jar bench/...
[ -f "$VFN_JAR" ] || mvn -B -q package -DskipTests
[ -f bench/target/vfn-bench.jar ] || mvn -B -q -f bench/pom.xml package
work=$(mktemp -d)
cleanup() { kill "${vfn_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

java -Xmx512m -jar "$VFN_JAR" --port $VFN_PORT --data-dir "$work/data" --cluster-name "bench-flood-$$" \
  --cluster-port $CLUSTER_PORT --cluster-members 127.0.0.1:$CLUSTER_PORT > "$work/vfn.log" 2>&1 & vfn_pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null -d x "http://127.0.0.1:$VFN_PORT/function/echo" && break; sleep 0.5; done

echo "seconds=$SECONDS_ submitters=$SUBMITTERS body_bytes=$BODY cores=$(nproc) heap=512m $(java -version 2>&1 | head -1)"
java -cp bench/target/vfn-bench.jar io.vfn.bench.AsyncFlood 127.0.0.1 $VFN_PORT "$SUBMITTERS" "$SECONDS_" "$BODY" | grep RESULT
echo "RESULT node alive=$(kill -0 $vfn_pid 2>/dev/null && echo yes || echo no) ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$VFN_PORT/health/ready")"
