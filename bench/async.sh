#!/usr/bin/env bash
# Async benchmark: one vfn node (examples). Submits CALLS async calls of echo with SUBMITTERS concurrent submitters
# (the accept rate), waits for all of them (end-to-end completion rate and latency, accept to result stored), then
# runs WebSocket invoke round trips over SUBMITTERS sockets for WS_SECONDS.
# Usage: bench/async.sh [calls=5000] [submitters=64] [ws_seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-5000}; SUBMITTERS=${2:-64}; WS_SECONDS=${3:-10}
VFN_PORT=18580; CLUSTER_PORT=18601
[ -f platform/target/vfn.jar ] || mvn -B -q package -DskipTests
[ -f bench/target/vfn-bench.jar ] || mvn -B -q -f bench/pom.xml package
work=$(mktemp -d)
cleanup() { kill "${vfn_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

java -jar platform/target/vfn.jar --port $VFN_PORT --data-dir "$work/data" --cluster-name "bench-async-$$" \
  --cluster-port $CLUSTER_PORT --cluster-members 127.0.0.1:$CLUSTER_PORT > "$work/vfn.log" 2>&1 & vfn_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null -d x "http://127.0.0.1:$VFN_PORT/function/echo" && break
  sleep 0.5
done
echo "cores=$(nproc) calls=$CALLS submitters=$SUBMITTERS ws=${WS_SECONDS}s $(java -version 2>&1 | head -1)"
java -cp bench/target/vfn-bench.jar io.vfn.bench.AsyncBench 127.0.0.1 $VFN_PORT "$SUBMITTERS" "$CALLS" "$WS_SECONDS" | grep RESULT
