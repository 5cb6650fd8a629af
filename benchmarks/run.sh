#!/usr/bin/env bash
# Side-by-side benchmark: BullMQ 6.7 (shared/anchors/bullmq/bench.mjs) and Managed Queues
# (io.managedqueue.benchmarks.Bench), same scenarios, same private Redis, alternated A B A B...,
# then one markdown table of medians and ratios. Needs only a JDK 17+ and Node.js/npm.
#
#   benchmarks/run.sh [--n=20000] [--pairs=3] [--skip-build] [--java-opts='-Xmx1g ...']
#                     [--ours-args='...'] [--bullmq-args='...']
#   (N=..., PAIRS=..., JAVA_OPTS=... in the environment work too)
#
# Everything it starts (one redis-server, the benchmark processes) it stops by pid; it writes only
# under benchmarks/target/ (a COPY of the anchor goes to target/bullmq; results to target/bench-run/<time>/).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
ANCHOR="${BULLMQ_ANCHOR:-$ROOT/../shared/anchors/bullmq}"

N="${N:-20000}"
PAIRS="${PAIRS:-3}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
OURS_ARGS="${OURS_ARGS:-}"
BULLMQ_ARGS="${BULLMQ_ARGS:-}"
SKIP_BUILD=0
RUN_TIMEOUT="${RUN_TIMEOUT:-900}"   # seconds, per benchmark process

for arg in "$@"; do
  case "$arg" in
    --n=*) N="${arg#*=}" ;;
    --pairs=*) PAIRS="${arg#*=}" ;;
    --skip-build) SKIP_BUILD=1 ;;
    --java-opts=*) JAVA_OPTS="${arg#*=}" ;;
    --ours-args=*) OURS_ARGS="${arg#*=}" ;;
    --bullmq-args=*) BULLMQ_ARGS="${arg#*=}" ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

OUT="$HERE/target/bench-run/$(date +%Y%m%dT%H%M%S)"
mkdir -p "$OUT" "$HERE/target/bin"

REDIS_PID=""
CHILD_PID=""
REPLICA_PID=""
cleanup() {
  if [[ -n "$REPLICA_PID" ]] && kill -0 "$REPLICA_PID" 2>/dev/null; then kill "$REPLICA_PID" 2>/dev/null || true; fi
  if [[ -n "$CHILD_PID" ]] && kill -0 "$CHILD_PID" 2>/dev/null; then kill "$CHILD_PID" 2>/dev/null || true; fi
  if [[ -n "$REDIS_PID" ]] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
    log "redis-server (pid $REDIS_PID) stopped"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------ build -------
if [[ "$SKIP_BUILD" == 0 ]]; then
  log "building the engine and the benchmark (../mvnw, tests skipped)"
  if grep -q '<module>benchmarks</module>' "$ROOT/pom.xml"; then
    "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl benchmarks -am package -DskipTests
  else
    # the benchmark module is not in the reactor yet: install what it depends on, then build it alone
    "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl api,test-support,extension -am install -DskipTests
    "$ROOT/mvnw" -q -B -f "$HERE/pom.xml" package -DskipTests
  fi
fi
[[ -f "$HERE/target/managed-queue-benchmarks.jar" ]] || { echo "no target/managed-queue-benchmarks.jar: build first" >&2; exit 1; }
CLASSPATH_BENCH="$HERE/target/managed-queue-benchmarks.jar:$HERE/target/lib/*"

# ------------------------------------------------------------------------------ BullMQ ------
BULL="$HERE/target/bullmq"
mkdir -p "$BULL"
cp "$ANCHOR/bench.mjs" "$ANCHOR/summarize.mjs" "$BULL/"
anchor_sum="$(cat "$ANCHOR/package.json" "$ANCHOR/package-lock.json" | cksum)"
if [[ ! -d "$BULL/node_modules" || "$(cat "$BULL/.anchor-sum" 2>/dev/null)" != "$anchor_sum" ]]; then
  log "installing the BullMQ anchor's dependencies in a copy: $BULL"
  rm -rf "$BULL/node_modules" "$BULL/.anchor-sum"
  cp "$ANCHOR/package.json" "$ANCHOR/package-lock.json" "$BULL/"
  # The anchor's lock file lacks some optional platform packages, so `npm ci` may refuse it;
  # `npm install` then resolves the same exact pins (bullmq 6.7.0, ioredis 5.11.1) inside the copy.
  (cd "$BULL" && { npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null; })
  echo "$anchor_sum" > "$BULL/.anchor-sum"
fi

# bench.mjs calls `redis-cli ... info <section>`; on a machine without Redis tools a node stand-in does it
if ! command -v redis-cli >/dev/null 2>&1; then
  cp "$HERE/redis-cli-shim.cjs" "$HERE/target/bin/redis-cli"
  chmod +x "$HERE/target/bin/redis-cli"
  log "no redis-cli on PATH: using the node stand-in target/bin/redis-cli for bench.mjs"
fi
export PATH="$PATH:$HERE/target/bin"
if ! command -v redis-benchmark >/dev/null 2>&1; then
  BULLMQ_ARGS="$BULLMQ_ARGS --no-redis-benchmark"
  log "no redis-benchmark on PATH: bench.mjs runs without its redis-benchmark ceiling lines"
fi

# ------------------------------------------------------------------------------ Redis -------
# shellcheck source=lib-redis.sh
source "$HERE/lib-redis.sh"

# ------------------------------------------------------------------------------ runs --------
TIMEOUT_CMD=()
command -v timeout >/dev/null 2>&1 && TIMEOUT_CMD=(timeout "$RUN_TIMEOUT")

run_one() { # name outfile command...
  local name="$1" out="$2"; shift 2
  log "$name: start (load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
  local start=$SECONDS
  "${TIMEOUT_CMD[@]}" "$@" >"$out" 2>"${out%.jsonl}.err" &
  CHILD_PID=$!
  local rc=0
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  log "$name: exit $rc after $(( SECONDS - start )) s -> $(basename "$out")"
  return 0
}

log "N=$N, $PAIRS pair(s), BullMQ first in each pair; JVM options: $JAVA_OPTS"
for k in $(seq 1 "$PAIRS"); do
  # shellcheck disable=SC2086
  run_one "BullMQ run $k/$PAIRS" "$OUT/bullmq-$k.jsonl" \
    bash -c "cd '$BULL' && exec node bench.mjs $N --port=$PORT $BULLMQ_ARGS"
  sleep 3
  # shellcheck disable=SC2086
  run_one "Managed Queues run $k/$PAIRS" "$OUT/ours-$k.jsonl" \
    java $JAVA_OPTS -cp "$CLASSPATH_BENCH" io.managedqueue.benchmarks.Bench "$N" --port="$PORT" $OURS_ARGS
  sleep 3
done

node "$HERE/compare.mjs" --bullmq "$OUT"/bullmq-*.jsonl --ours "$OUT"/ours-*.jsonl | tee "$OUT/table.md"
node "$HERE/limits.mjs" "$OUT" | tee "$OUT/limits.md"
log "raw JSON lines and stderr logs in $OUT"
