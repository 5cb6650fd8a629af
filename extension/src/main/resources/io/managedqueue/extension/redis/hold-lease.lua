-- hold-lease.lua: one process at a time holds a named lease (the telemetry reporter of global
-- queue depths). Taking, renewing and releasing are one script each time, so two processes never
-- both believe they hold it.
-- KEYS[1] lease key
-- ARGV[1] this process's token   ARGV[2] 'hold' (take or renew) | 'release'   ARGV[3] lease duration (ms)
-- Returns 1 when this token holds the lease after the call (hold), or released it (release); else 0
local key, token, op = KEYS[1], ARGV[1], ARGV[2]
local holder = redis.call('GET', key)
if op == 'release' then
  if holder == token then
    redis.call('DEL', key)
    return 1
  end
  return 0
end
if not holder then
  redis.call('SET', key, token, 'PX', ARGV[3])
  return 1
end
if holder == token then
  redis.call('PEXPIRE', key, ARGV[3])
  return 1
end
return 0
