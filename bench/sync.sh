#!/usr/bin/env bash
# Sync invocation benchmark: vfn (one node, examples) against a plain Vert.x server computing the same functions
# in-process. Loads /function/echo (100-byte body) and /function/hello with 64 keep-alive connections on loopback
# and prints, per target, requests/s, p50/p99 and the server's CPU per request (cpu_us: user + system time of the
# server process over the measured period, from /proc/PID/stat, divided by the requests answered), then vfn's figures
# as ratios of the plain server's (throughput: higher is better; p99 and CPU per call: lower is better).
# Both servers run at once, idle while the other is loaded; they get the same JVM flags (-Xmx512m).
# vfn also serves echo as "echo-loop", deployed with the spec's eventLoop (an instance on each of the node's event
# loops, a call running on the loop that read it): the same function without the thread hand-offs of the default.
# Usage: bench/sync.sh [warmup_s=5] [measure_s=10] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${1:-5}; MEASURE=${2:-10}; CONNECTIONS=${3:-64}
VFN_PORT=18480; PLAIN_PORT=18490; CLUSTER_PORT=18501
VFN_JAR=${VFN_JAR:-platform/target/vfn.jar}  # another build to compare: VFN_JAR=/path/to/vfn.jar bench/...
[ -f "$VFN_JAR" ] || mvn -B -q package -DskipTests
[ -f bench/target/vfn-bench.jar ] || mvn -B -q -f bench/pom.xml package
work=$(mktemp -d)
cleanup() { kill "${vfn_pid:-}" "${plain_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

TOKEN="bench-token-$$-$RANDOM$RANDOM"
java -Xmx512m -jar "$VFN_JAR" --port $VFN_PORT --data-dir "$work/data" --cluster-name "bench-$$" --admin-token "$TOKEN" \
  --cluster-port $CLUSTER_PORT --cluster-members 127.0.0.1:$CLUSTER_PORT > "$work/vfn.log" 2>&1 & vfn_pid=$!
java -Xmx512m -cp bench/target/vfn-bench.jar io.vfn.bench.PlainServer $PLAIN_PORT > "$work/plain.log" 2>&1 & plain_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$VFN_PORT/health/ready" && curl -sf -o /dev/null -d x "http://127.0.0.1:$PLAIN_PORT/function/echo" && break
  sleep 0.5
done
[ -f functions/echo/target/echo.jar ] || mvn -B -q package -DskipTests
loops=$(( 2 * $(nproc) > 64 ? 64 : 2 * $(nproc) ))  # Vert.x's default number of event loops
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/java-archive" \
  --data-binary @functions/echo/target/echo.jar "http://127.0.0.1:$VFN_PORT/system/functions/echo-loop?eventLoop=true&instances=$loops"
for _ in $(seq 1 60); do curl -sf -o /dev/null -d x "http://127.0.0.1:$VFN_PORT/function/echo-loop" && break; sleep 0.5; done

load() { # label server-pid url content-type [body]
  java -Dbench.serverPid="$2" -Dbench.clockTicks="$(getconf CLK_TCK)" -cp bench/target/vfn-bench.jar io.vfn.bench.LoadGenerator \
    "$1" "$3" "$CONNECTIONS" "$WARMUP" "$MEASURE" 100 "$4" ${5:+"$5"} | grep -E "RESULT|FIRST-ERROR"
}
echo "cores=$(nproc) connections=$CONNECTIONS warmup=${WARMUP}s measure=${MEASURE}s $(java -version 2>&1 | head -1)"
results=$(
  load plain-echo $plain_pid "http://127.0.0.1:$PLAIN_PORT/function/echo" text/plain
  load vfn-echo $vfn_pid "http://127.0.0.1:$VFN_PORT/function/echo" text/plain
  load vfn-echo-loop $vfn_pid "http://127.0.0.1:$VFN_PORT/function/echo-loop" text/plain
  load plain-hello $plain_pid "http://127.0.0.1:$PLAIN_PORT/function/hello" application/json '{"name":"Ada"}'
  load vfn-hello $vfn_pid "http://127.0.0.1:$VFN_PORT/function/hello" application/json '{"name":"Ada"}'
)
echo "$results"
rps() { echo "$results" | grep "RESULT $1 " | sed -E 's/.*rps=([0-9]+).*/\1/'; }
p99() { echo "$results" | grep "RESULT $1 " | sed -E 's/.*p99_ms=([0-9.]+).*/\1/'; }
cpu() { echo "$results" | grep "RESULT $1 " | sed -nE 's/.*cpu_us=([0-9.]+).*/\1/p'; }
for fn in echo echo-loop hello; do
  base=${fn%-loop}
  awk -v v="$(rps vfn-$fn)" -v p="$(rps plain-$base)" -v vp="$(p99 vfn-$fn)" -v pp="$(p99 plain-$base)" \
    -v vc="$(cpu vfn-$fn)" -v pc="$(cpu plain-$base)" -v fn=$fn \
    'BEGIN { printf "RATIO %s throughput=%.2fx p99=%.2fx cpu_per_call=%.2fx (vfn/plain; targets: throughput >= 0.65x, cpu <= 2x)\n",
             fn, v / p, vp / pp, (pc > 0 ? vc / pc : 0) }'
done
