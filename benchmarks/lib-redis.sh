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

# Starts redis-server (no persistence, loopback) with the extra arguments on a free port other than
# avoid_port, in dir, and waits up to ticks × 0.1 s until `ready <port>` holds; tries 20 ports. The pid goes
# into the variable named pid_var at once (the caller's cleanup trap stops it), the port into port_var.
start_redis_on_free_port() { # pid_var port_var dir ticks ready avoid_port [redis-server args...]
  local -n started_pid=$1 started_port=$2
  local dir=$3 ticks=$4 ready=$5 avoid=$6 candidate
  shift 6
  started_port=""
  mkdir -p "$dir"
  for _ in $(seq 1 20); do
    candidate=$(( 20000 + RANDOM % 30000 ))
    [[ "$candidate" == "$avoid" ]] && continue
    redis_ping "$candidate" && continue   # something already answers there
    "$REDIS_SERVER" --port "$candidate" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
      --dir "$dir" --logfile "$dir/redis.log" "$@" &
    started_pid=$!
    for _ in $(seq 1 "$ticks"); do
      if "$ready" "$candidate"; then started_port="$candidate"; return 0; fi
      kill -0 "$started_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$started_pid" 2>/dev/null || true
    wait "$started_pid" 2>/dev/null || true
    started_pid=""
  done
  return 1
}

REDIS_PID=""
PORT=""
start_redis_on_free_port REDIS_PID PORT "$OUT" 50 redis_ping "" \
  || { echo "could not start redis-server on a free port" >&2; exit 1; }
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

replica_link_up() { # port
  [[ "$(redis_replication_field "$1" master_link_status)" == up ]]
}

REPLICA_PID=""
REPLICA_PORT=""
if [[ "${REPLICA:-0}" == 1 ]]; then
  start_redis_on_free_port REPLICA_PID REPLICA_PORT "$OUT/replica" 100 replica_link_up "$PORT" --replicaof 127.0.0.1 "$PORT" \
    || { echo "could not start a replica of 127.0.0.1:$PORT" >&2; exit 1; }
  log "replica on 127.0.0.1:$REPLICA_PORT (pid $REPLICA_PID) of 127.0.0.1:$PORT, link up"
fi
