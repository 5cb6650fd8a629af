# Sourced by run.sh and ab.sh: starts one private redis-server (no persistence) on a free loopback
# port, and with REPLICA=1 a replica of it. Expects HERE and OUT, and a cleanup trap that stops REDIS_PID
# and REPLICA_PID; sets REDIS_PID and PORT (REPLICA_PID and REPLICA_PORT).
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


# With REPLICA=1: a replica of that Redis (no persistence, loopback, a free port), so the platform can run
# with managed-queue.redis.replica-acks=1 (WAIT 1) against it. Sets REPLICA_PID and REPLICA_PORT; the
# caller's cleanup stops REPLICA_PID.
redis_replication_field() { # port field
  local line=""
  { exec 4<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'INFO replication\r\n' >&4
  while IFS= read -r -t 2 line <&4; do
    line="${line%$'\r'}"
    if [[ "$line" == "$2:"* ]]; then echo "${line#*:}"; break; fi
    [[ -z "$line" ]] && break   # the blank line after the last section: the field is absent
  done
  exec 4>&- 4<&-
}

REPLICA_PID=""
REPLICA_PORT=""
if [[ "${REPLICA:-0}" == 1 ]]; then
  for _ in $(seq 1 20); do
    candidate=$(( 20000 + RANDOM % 30000 ))
    [[ "$candidate" == "$PORT" ]] && continue
    redis_ping "$candidate" && continue
    mkdir -p "$OUT/replica"
    "$REDIS_SERVER" --port "$candidate" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
      --replicaof 127.0.0.1 "$PORT" --dir "$OUT/replica" --logfile "$OUT/replica/redis.log" &
    REPLICA_PID=$!
    for _ in $(seq 1 100); do
      if [[ "$(redis_replication_field "$candidate" master_link_status)" == up ]]; then REPLICA_PORT="$candidate"; break; fi
      kill -0 "$REPLICA_PID" 2>/dev/null || break
      sleep 0.1
    done
    [[ -n "$REPLICA_PORT" ]] && break
    kill "$REPLICA_PID" 2>/dev/null || true
    wait "$REPLICA_PID" 2>/dev/null || true
    REPLICA_PID=""
  done
  [[ -n "$REPLICA_PORT" ]] || { echo "could not start a replica of 127.0.0.1:$PORT" >&2; exit 1; }
  log "replica on 127.0.0.1:$REPLICA_PORT (pid $REPLICA_PID) of 127.0.0.1:$PORT, link up"
fi
