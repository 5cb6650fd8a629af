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
cleanup() {
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
REDIS_SERVER="$(command -v redis-server || true)"
if [[ -z "$REDIS_SERVER" ]]; then
  jar="$(ls "$HERE"/target/lib/embedded-redis-*.jar 2>/dev/null | head -1)"
  [[ -n "$jar" ]] || { echo "no redis-server on PATH and no embedded-redis jar in target/lib" >&2; exit 1; }
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) bin=redis-server-7.0.15-linux-amd64 ;;
    Linux-aarch64|Linux-arm64) bin=redis-server-7.0.15-linux-arm64 ;;
    Darwin-x86_64) bin=redis-server-7.0.15-darwin-amd64 ;;
    Darwin-arm64) bin=redis-server-7.0.15-darwin-arm64 ;;
    *) echo "no bundled redis-server for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
  esac
  (cd "$HERE/target/bin" && jar xf "$jar" "$bin" && chmod +x "$bin")
  REDIS_SERVER="$HERE/target/bin/$bin"
  log "no redis-server on PATH: using $bin from $(basename "$jar")"
fi

redis_ping() { # port
  local reply=""
  # (a bare `exec ... 2>/dev/null` would silence this shell's stderr for good: hence the braces)
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 2 reply <&3 || true
  exec 3>&- 3<&-
  [[ "$reply" == +PONG* ]]
}

PORT=""
for _ in $(seq 1 20); do
  candidate=$(( 20000 + RANDOM % 30000 ))
  redis_ping "$candidate" && continue   # something already answers there
  "$REDIS_SERVER" --port "$candidate" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$OUT" --logfile "$OUT/redis.log" &
  REDIS_PID=$!
  for _ in $(seq 1 50); do
    if redis_ping "$candidate"; then PORT="$candidate"; break; fi
    kill -0 "$REDIS_PID" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$PORT" ]] && break
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=""
done
[[ -n "$PORT" ]] || { echo "could not start redis-server on a free port" >&2; exit 1; }
log "redis-server $("$REDIS_SERVER" --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$PORT (pid $REDIS_PID, no persistence, hz 10)"

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
log "raw JSON lines and stderr logs in $OUT"
