#!/usr/bin/env bash
# A/B of two builds of Managed Queues on the same machine in the same run: the benchmark jar of a
# base commit (A) against the working tree's (B), alternated A B A B... against one private Redis,
# then one table of medians with ratios B/A (> 1 = B better). Used to show that a change does not
# slow the hot path (DESIGN §7: no feature slower by more than 5 % when it is off).
#
#   benchmarks/ab.sh <base-commit> [--n=20000] [--pairs=3] [--java-opts='...'] [--bench-args='...'] [--b-args='...'] [--replica]
#
# --b-args are given to B only: `ab.sh HEAD --b-args=--telemetry` measures what a switch costs on one build.
# --replica starts a replica of the private Redis (loopback, free port, stopped by pid), for both sides:
# `ab.sh HEAD --replica --bench-args='--replica-acks=0' --b-args=--replica-acks=1` measures replica acknowledgement.
# It builds A in a git worktree under benchmarks/target/ab/ (removed afterwards) and stops what it starts by pid.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BASE="${1:?usage: benchmarks/ab.sh <base-commit> [--n=N] [--pairs=N] [--java-opts=...] [--bench-args=...]}"
shift
N=20000
PAIRS=3
JAVA_OPTS="-Xms1g -Xmx1g"
BENCH_ARGS="--no-client-counts"
B_ARGS=""
REPLICA=0
for arg in "$@"; do
  case "$arg" in
    --n=*) N="${arg#*=}" ;;
    --pairs=*) PAIRS="${arg#*=}" ;;
    --java-opts=*) JAVA_OPTS="${arg#*=}" ;;
    --bench-args=*) BENCH_ARGS="${arg#*=}" ;;
    --b-args=*) B_ARGS="${arg#*=}" ;;
    --replica) REPLICA=1 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[ab.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
AB="$HERE/target/ab"
OUT="$AB/run-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$OUT" "$HERE/target/bin"
REDIS_PID=""
SRC_A="$AB/src-a"
REPLICA_PID=""
cleanup() {
  if [[ -n "$REPLICA_PID" ]] && kill -0 "$REPLICA_PID" 2>/dev/null; then kill "$REPLICA_PID" 2>/dev/null || true; fi
  if [[ -n "$REDIS_PID" ]] && kill -0 "$REDIS_PID" 2>/dev/null; then kill "$REDIS_PID" 2>/dev/null || true; fi
  git -C "$ROOT" worktree remove --force "$SRC_A" 2>/dev/null || true
}
trap cleanup EXIT

build() { # source-root destination
  "$1/mvnw" -q -B -f "$1/pom.xml" -pl benchmarks -am package -DskipTests
  rm -rf "$2" && mkdir -p "$2"
  cp -r "$1/benchmarks/target/managed-queue-benchmarks.jar" "$1/benchmarks/target/lib" "$2/"
}
log "building B (working tree)"
build "$ROOT" "$AB/b"
log "building A ($BASE)"
git -C "$ROOT" worktree remove --force "$SRC_A" 2>/dev/null || true
git -C "$ROOT" worktree add --detach "$SRC_A" "$BASE" >/dev/null
build "$SRC_A" "$AB/a"

# shellcheck source=lib-redis.sh
source "$HERE/lib-redis.sh"

for k in $(seq 1 "$PAIRS"); do
  for side in a b; do
    extra=""
    [[ "$side" == b ]] && extra="$B_ARGS"
    log "$side run $k/$PAIRS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$AB/$side/managed-queue-benchmarks.jar:$AB/$side/lib/*" io.managedqueue.benchmarks.Bench "$N" \
      --port="$PORT" $BENCH_ARGS $extra >"$OUT/$side-$k.jsonl" 2>"$OUT/$side-$k.err" || log "$side run $k failed: see $OUT/$side-$k.err"
    sleep 3
  done
done
echo "A = $BASE${BENCH_ARGS:+ with $BENCH_ARGS}, B = working tree${B_ARGS:+ with $B_ARGS}${REPLICA_PORT:+, Redis with one replica}; the table's 'BullMQ' column is A, 'ours' is B, ratios > 1 = B better"
node "$HERE/compare.mjs" --bullmq "$OUT"/a-*.jsonl --ours "$OUT"/b-*.jsonl | tee "$OUT/table.md"
log "raw JSON lines in $OUT"
