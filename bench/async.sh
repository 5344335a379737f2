#!/usr/bin/env bash
# Async benchmark, one vfn node with the examples, calls of echo with a 100-byte body:
#   1. closed loop (after a warm-up of 3 rounds of CALLS, at most 8,000 each, not reported): CALLS async calls submitted by SUBMITTERS concurrent submitters: the accept rate (202s/s), then the
#      completion rate (the node's async capacity) and accept -> result latency of those calls (a queue builds up),
#      and vfn's CPU per call over that phase (cpu_us_per_call: less sensitive to a busy machine than rates);
#   2. open loop (OPEN_SECONDS > 0): a fixed offered rate at 25/50/75 % of that capacity, OPEN_SECONDS each:
#      accepted/s, refused, accept -> result p50/p99 while the queue does not fill;
#   3. WebSocket invoke round trips over SUBMITTERS sockets (WS_SECONDS > 0);
#   4. the store's own limit (STORE_SECONDS > 0), in a JVM of its own started after vfn stopped: what an accept
#      writes (a ~500-byte record into a map + its id into a queue, one synchronous backup), written straight to
#      Hazelcast by SUBMITTERS threads, one call at a time and in batches of 64, on 1 and on 2 members;
#   5. the machine's own speed (PLAIN_SECONDS > 0): the plain Vert.x server of bench/sync.sh answering echo with 64
#      connections (5 s warm-up), alone, before vfn starts;
# then RATIO lines: vfn's accept and completion rates as shares of the store's limit on one member, and of the plain
# server's echo rate, the figure that makes runs on machines of different speeds comparable (the issue's targets,
# 20k accepts/s and 15k completions/s, were set where the plain server answered 155k/s: 0.13x and 0.10x of plain).
# vfn runs with -Xmx1g and --max-call-store 40%: every call of the run (warm-up included) stays stored for
# --result-ttl, and the default share of a 512 MiB heap would refuse calls before the run ends. The load generator
# shares the machine's cores.
# With NODES=2 in the environment, a second vfn node joins the first before the run: every accepted call then has
# its synchronous backup on the other JVM (both run calls; the benchmark talks to the first one's gateway).
# Usage: bench/async.sh [calls=20000] [submitters=64] [ws_seconds=10] [open_seconds=10] [store_seconds=5] [plain_seconds=10]
# (Rebuild after a change: mvn -B -q package -DskipTests && mvn -B -q -f bench/pom.xml package)
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-20000}; SUBMITTERS=${2:-64}; WS_SECONDS=${3:-10}; OPEN_SECONDS=${4:-10}; STORE_SECONDS=${5:-5}
PLAIN_SECONDS=${6:-10}
VFN_PORT=18580; CLUSTER_PORT=18601; PLAIN_PORT=18590; NODES=${NODES:-1}
VFN_JAR=${VFN_JAR:-platform/target/vfn.jar}  # another build to compare: VFN_JAR=/path/to/vfn.jar bench/...
[ -f "$VFN_JAR" ] || mvn -B -q package -DskipTests
[ -f bench/target/vfn-bench.jar ] || mvn -B -q -f bench/pom.xml package
HZ_FLAGS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED -Dhazelcast.phone.home.enabled=false"
work=$(mktemp -d)
cleanup() { kill "${vfn_pid:-}" "${second_pid:-}" "${plain_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
field() { echo "$1" | sed -nE "s/.*$2=([0-9.]+).*/\\1/p" | head -1; }

plain=""
if [ "$PLAIN_SECONDS" -gt 0 ]; then
  java -Xmx512m -cp bench/target/vfn-bench.jar io.vfn.bench.PlainServer $PLAIN_PORT > "$work/plain.log" 2>&1 & plain_pid=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null -d x "http://127.0.0.1:$PLAIN_PORT/function/echo" && break; sleep 0.5; done
  plain=$(java -cp bench/target/vfn-bench.jar io.vfn.bench.LoadGenerator plain-echo "http://127.0.0.1:$PLAIN_PORT/function/echo" \
    64 5 "$PLAIN_SECONDS" 100 text/plain | grep RESULT)
  echo "$plain"
  kill "$plain_pid"; wait "$plain_pid" 2>/dev/null || true
fi

java -Xmx1g -jar "$VFN_JAR" --max-call-store 40% --port $VFN_PORT --data-dir "$work/data" --cluster-name "bench-async-$$" \
  --cluster-port $CLUSTER_PORT --cluster-members 127.0.0.1:$CLUSTER_PORT > "$work/vfn.log" 2>&1 & vfn_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null -d x "http://127.0.0.1:$VFN_PORT/function/echo" && break
  sleep 0.5
done
if [ "$NODES" = 2 ]; then
  java -Xmx1g -jar "$VFN_JAR" --max-call-store 40% --port $((VFN_PORT + 1)) --data-dir "$work/data2" \
    --cluster-name "bench-async-$$" --cluster-port $((CLUSTER_PORT + 1)) --cluster-members 127.0.0.1:$CLUSTER_PORT \
    > "$work/vfn2.log" 2>&1 & second_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$VFN_PORT/health/ready" -o /dev/null \
      && curl -sf "http://127.0.0.1:$((VFN_PORT + 1))/health/ready" -o /dev/null && break
    sleep 0.5
  done
fi
echo "cores=$(nproc) nodes=$NODES calls=$CALLS submitters=$SUBMITTERS ws=${WS_SECONDS}s open=${OPEN_SECONDS}s store=${STORE_SECONDS}s $(java -version 2>&1 | head -1)"
results=$(java -Dbench.serverPid="$vfn_pid${second_pid:+,$second_pid}" -Dbench.clockTicks="$(getconf CLK_TCK)" -cp bench/target/vfn-bench.jar io.vfn.bench.AsyncBench 127.0.0.1 $VFN_PORT "$SUBMITTERS" "$CALLS" "$WS_SECONDS" \
  "$OPEN_SECONDS" | grep RESULT)
echo "$results"
kill "$vfn_pid" ${second_pid:+"$second_pid"}; wait "$vfn_pid" 2>/dev/null || true
accepts=$(field "$(echo "$results" | grep async-accept)" accepts_per_s)
completions=$(field "$(echo "$results" | grep async-end-to-end)" completions_per_s)
if [ -n "$plain" ]; then
  awk -v a="$accepts" -v c="$completions" -v p="$(field "$plain" rps)" 'BEGIN {
    printf "RATIO accepts/plain-echo=%.3fx completions/plain-echo=%.3fx (targets, scaled from the issue: 0.13x and 0.10x)\n", a / p, c / p }'
fi

if [ "$STORE_SECONDS" -gt 0 ]; then
  store=$(for members in 1 2; do
    # shellcheck disable=SC2086
    java -Xmx512m $HZ_FLAGS -cp bench/target/vfn-bench.jar io.vfn.bench.StoreBench $members "$SUBMITTERS" "$STORE_SECONDS" 64 | grep RESULT
  done)
  echo "$store"
  limit=$(field "$(echo "$store" | grep 'store-single members=1 ')" calls_per_s)
  batched=$(field "$(echo "$store" | grep 'store-batch-64 members=1 ')" calls_per_s)
  awk -v a="$accepts" -v c="$completions" -v l="$limit" -v b="$batched" 'BEGIN {
    printf "RATIO accepts/store-single=%.2fx accepts/store-batch=%.2fx completions/store-single=%.2fx (one member)\n", a / l, a / b, c / l }'
fi
