# Sourced by run.sh and ab.sh: starts one private redis-server (no persistence) on a free loopback
# port. Expects HERE and OUT, and a cleanup trap that stops REDIS_PID; sets REDIS_PID and PORT.
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

