#!/usr/bin/env bash
# Async flood against one node with -Xmx512m: SUBMITTERS concurrent anonymous submitters post BODY-sized bodies to
# echo for SECONDS; prints accepted/s, refused/s (413/429 problems), other statuses, and the peak heap seen on
# /metrics (sampled every second), then whether every accepted call ended succeeded. Shows what the byte bounds cost.
# Usage: bench/async-flood.sh [seconds=30] [submitters=64] [body=1m]   (curl only; rebuild: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${1:-30}; SUBMITTERS=${2:-64}; BODY=${3:-1m}
VFN_PORT=18680; CLUSTER_PORT=18701
[ -f platform/target/vfn.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
cleanup() { kill "${vfn_pid:-}" "${sampler_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
case "$BODY" in *m) bytes=$(( ${BODY%m} << 20 ));; *k) bytes=$(( ${BODY%k} << 10 ));; *) bytes=$BODY;; esac
head -c "$bytes" /dev/zero | tr '\0' 'x' > "$work/body"

java -Xmx512m -jar platform/target/vfn.jar --port $VFN_PORT --data-dir "$work/data" --cluster-name "bench-flood-$$" \
  --cluster-port $CLUSTER_PORT --cluster-members 127.0.0.1:$CLUSTER_PORT --max-async-body 16m > "$work/vfn.log" 2>&1 & vfn_pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null -d x "http://127.0.0.1:$VFN_PORT/function/echo" && break; sleep 0.5; done

heap() { curl -s "http://127.0.0.1:$VFN_PORT/metrics" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s += $NF} END {printf "%d\n", s}'; }
( while true; do heap >> "$work/heap"; sleep 1; done ) & sampler_pid=$!

end=$(( $(date +%s) + SECONDS_ ))
submit() {
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -D - -H "Content-Type: application/octet-stream" -H "Expect:" --data-binary @"$work/body" "http://127.0.0.1:$VFN_PORT/async-function/echo" \
      | awk 'NR == 1 {code = $2} tolower($1) == "x-call-id:" {id = $2} END {gsub(/\r/, "", id); print code, id}'
  done
}
export -f submit; export end work VFN_PORT
seq "$SUBMITTERS" | xargs -P "$SUBMITTERS" -I{} bash -c submit > "$work/statuses"
kill "$sampler_pid" 2>/dev/null || true

accepted=$(awk '$1 == 202' "$work/statuses" | wc -l)
refused=$(awk '$1 == 413 || $1 == 429' "$work/statuses" | wc -l)
other=$(awk '$1 != 202 && $1 != 413 && $1 != 429 {print $1}' "$work/statuses" | sort | uniq -c | tr '\n' ' ')
peak=$(sort -n "$work/heap" | tail -1)
echo "seconds=$SECONDS_ submitters=$SUBMITTERS body=$BODY cores=$(nproc)"
echo "RESULT accepted=$accepted accepted_per_s=$(( accepted / SECONDS_ )) refused=$refused refused_per_s=$(( refused / SECONDS_ )) other=[${other}] peak_heap_mib=$(( peak >> 20 ))"

ended=0; succeeded=0
for id in $(awk '$1 == 202 {print $2}' "$work/statuses"); do
  for _ in $(seq 1 600); do
    status=$(curl -s "http://127.0.0.1:$VFN_PORT/calls/$id" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
    case "$status" in queued|running) sleep 0.1;; *) break;; esac
  done
  ended=$((ended + 1)); [ "$status" = succeeded ] && succeeded=$((succeeded + 1))
done
echo "RESULT accepted_calls_ended=$ended succeeded=$succeeded alive=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$VFN_PORT/health/live")"
