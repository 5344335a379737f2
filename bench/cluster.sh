#!/usr/bin/env bash
# Cluster benchmark, sync echo calls (100-byte body, 64 keep-alive connections, loopback):
#   1. the cost of the cross-node hop: through a gateway-only node (--no-run-functions) whose calls all go to the
#      instances of another node, against the same load through that other node's own gateway;
#   2. scaling: 1, 2 and 3 nodes behind a client that spreads its connections over all their gateways.
# After each setup, a SHARE line: of the calls its gateways dispatched during the load (warm-up included), how many
# went to an instance on another node (vfn_dispatch_total{target="remote"} over local + remote, from every gateway's
# /metrics), then RATIO lines: each setup's throughput and its nodes' CPU per call (cpu_us: user + system time of
# all its nodes over the measured period, from /proc/PID/stat) against one node's.
# Every node shares the same 2 cores here, so more nodes add coordination, not capacity: read the figures as the
# cost of the cluster machinery, not as the speed-up of a real multi-machine cluster. The warm-up is long because
# each node's JIT compiles the same code: with 5 s, three fresh JVMs spent most of the measured period compiling
# (their C2 threads took 8 s of CPU each in the first 20 s of load).
# Usage: bench/cluster.sh [warmup_s=30] [measure_s=10] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${1:-30}; MEASURE=${2:-10}; CONNECTIONS=${3:-64}
VFN_JAR=${VFN_JAR:-platform/target/vfn.jar}  # another build to compare: VFN_JAR=/path/to/vfn.jar bench/...
[ -f "$VFN_JAR" ] || mvn -B -q package -DskipTests
[ -f bench/target/vfn-bench.jar ] || mvn -B -q -f bench/pom.xml package
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

CLUSTER_PORT=18701
start() { # name port [flags…]: starts a node of cluster "$cluster" and waits until it is ready
  local name=$1 port=$2; shift 2
  java -Xmx512m -jar "$VFN_JAR" --port "$port" --data-dir "$work/$name" --cluster-name "$cluster" \
    --cluster-port $CLUSTER_PORT --cluster-members "127.0.0.1:$CLUSTER_PORT,127.0.0.1:$((CLUSTER_PORT + 1)),127.0.0.1:$((CLUSTER_PORT + 2))" \
    "$@" > "$work/$name.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && return; sleep 0.5; done
  echo "node $name did not start"; cat "$work/$name.log"; exit 1
}
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
load() { # label urls
  java -Dbench.serverPid="$(IFS=,; echo "${pids[*]}")" -Dbench.clockTicks="$(getconf CLK_TCK)" \
    -cp bench/target/vfn-bench.jar io.vfn.bench.LoadGenerator "$1" "$2" "$CONNECTIONS" "$WARMUP" "$MEASURE" 100 text/plain \
    | grep -E "RESULT|FIRST-ERROR" | tee -a "$work/results"
}
dispatched() { # target urls: the sum of vfn_dispatch_total{function="echo",target=…} over the gateways of these urls
  local sum=0 url value
  for url in ${2//,/ }; do
    value=$(curl -sf "${url%/function/*}/metrics" | grep -E "^vfn_dispatch_total\{.*function=\"echo\".*target=\"$1\"" \
      | awk '{ s += $2 } END { printf "%d", s }') || value=0
    sum=$((sum + ${value:-0}))
  done
  echo $sum
}
measured() { # label urls: the load, then the cross-node share of what the gateways dispatched meanwhile
  local local0 remote0 local1 remote1
  local0=$(dispatched local "$2"); remote0=$(dispatched remote "$2")
  load "$1" "$2"
  local1=$(dispatched local "$2"); remote1=$(dispatched remote "$2")
  awk -v l=$((local1 - local0)) -v r=$((remote1 - remote0)) -v label="$1" 'BEGIN {
    if (l + r == 0) printf "SHARE %s cross_node=unknown (no vfn_dispatch_total)\n", label;
    else printf "SHARE %s cross_node=%.2f local=%d remote=%d\n", label, r / (l + r), l, r }'
}
echo "cores=$(nproc) connections=$CONNECTIONS warmup=${WARMUP}s measure=${MEASURE}s $(java -version 2>&1 | head -1)"

cluster="bench-hop-$$"
start worker 18710
start edge 18711 --no-examples --no-run-functions
curl -sf -o /dev/null -d x http://127.0.0.1:18711/function/echo
measured local-gateway http://127.0.0.1:18710/function/echo
measured cross-node-hop http://127.0.0.1:18711/function/echo
stop_all

for n in 1 2 3; do
  cluster="bench-scale-$n-$$"
  urls=""
  for i in $(seq 1 "$n"); do
    port=$((18720 + i))
    if [ "$i" = 1 ]; then start "n$n-$i" $port; else start "n$n-$i" $port --no-examples; fi
    urls="${urls:+$urls,}http://127.0.0.1:$port/function/echo"
  done
  measured "nodes-$n" "$urls"
  stop_all
done

rps() { sed -nE "s/^RESULT $1 rps=([0-9]+).*/\1/p" "$work/results"; }
cpu() { sed -nE "s/^RESULT $1 .*cpu_us=([0-9.]+).*/\1/p" "$work/results"; }
awk -v hop="$(rps cross-node-hop)" -v own="$(rps local-gateway)" -v n1="$(rps nodes-1)" -v n2="$(rps nodes-2)" -v n3="$(rps nodes-3)" 'BEGIN {
  printf "RATIO throughput cross-node-hop/local-gateway=%.2fx nodes-2/nodes-1=%.2fx nodes-3/nodes-1=%.2fx (target for 3 nodes: >= 0.8x)\n",
    hop / own, n2 / n1, n3 / n1 }'
awk -v hop="$(cpu cross-node-hop)" -v own="$(cpu local-gateway)" -v n1="$(cpu nodes-1)" -v n2="$(cpu nodes-2)" -v n3="$(cpu nodes-3)" 'BEGIN {
  if (own > 0 && n1 > 0) printf "RATIO cpu_per_call cross-node-hop/local-gateway=%.2fx nodes-2/nodes-1=%.2fx nodes-3/nodes-1=%.2fx\n",
    hop / own, n2 / n1, n3 / n1 }'
