-- retry-or-fail.lua: ACTIVE -> WAITING | DELAYED (attempts left) or FAILED (final attempt).
-- KEYS[1] job hash   KEYS[2] address active zset   KEYS[3] address wait list
-- KEYS[4] address delayed zset                     KEYS[5] address failed zset
-- KEYS[6] address priority zset   KEYS[7] its sequence counter   KEYS[8] address counters hash
-- ARGV[1] member id  ARGV[2] lease token           ARGV[3] error text
-- ARGV[4] backoff before the next attempt (ms)     ARGV[5] queue key base
-- ARGV[6] wake channel                             ARGV[7] address (plugin|queue|job)
-- ARGV[8] '1' to fail regardless of attempts left
-- Returns {outcome, attemptsMade, time}: outcome -1 lease lost, 0 failed (time: now),
-- 1 retry waiting (time: now), 2 retry delayed (time: runAt)
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local jobKey, activeKey, delayedKey, failedKey = KEYS[1], KEYS[2], KEYS[4], KEYS[5]
local member, lease, err, backoff, base, channel, address, forceFail =
  ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7], ARGV[8]
if redis.call('HGET', jobKey, 'lease') ~= lease then
  return {-1, 0, 0}
end
local now = redisNow()
local addr = {base = base, wait = KEYS[3], prio = KEYS[6], prioSeq = KEYS[7], counts = KEYS[8]}
redis.call('ZREM', activeKey, member)
redis.call('HDEL', jobKey, 'lease')
redis.call('HSET', jobKey, 'lastError', err)
local attempts = tonumber(redis.call('HGET', jobKey, 'attemptsMade'))
local maxAttempts = tonumber(redis.call('HGET', jobKey, 'maxAttempts') or '1') -- absent: 1 (JobFields)
if forceFail == '1' or attempts >= maxAttempts then
  finish(addr, jobKey, member, failedKey, 'FAILED', now, 'rfAge', 'rfCount', 'ACTIVE')
  flushCounts()
  return {0, attempts, now}
end
if backoff <= 0 then
  redis.call('HSET', jobKey, 'runAt', now)
  countMove(addr, member, 'ACTIVE', 'WAITING')
  flushCounts()
  if pushWaiting(addr, jobKey, member, false) then
    wake(channel, address, 0)
  end
  return {1, attempts, now}
end
local runAt = now + backoff
redis.call('HSET', jobKey, 'state', 'DELAYED', 'runAt', runAt)
countMove(addr, member, 'ACTIVE', 'DELAYED')
flushCounts()
delayUntil(delayedKey, member, runAt, channel, address)
return {2, attempts, runAt}
