-- enqueue.lua: WAITING or DELAYED, deduplicated by job id.
-- KEYS[1] job hash            KEYS[2] address wait list      KEYS[3] address delayed zset
-- ARGV[1] member id           ARGV[2] delay (ms)             ARGV[3] wake channel
-- ARGV[4] address (plugin|queue|job)
-- ARGV[5..] field/value pairs of the job hash (everything but state and times)
-- Returns {created (1|0), state}
--@include lib-finish.lua
local jobKey, waitKey, delayedKey = KEYS[1], KEYS[2], KEYS[3]
local member, delay, channel, address = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]

local existing = redis.call('HGET', jobKey, 'state')
if existing then
  return {0, existing}
end

local now = redisNow()
local runAt = now + delay
local fields = {}
for i = 5, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', jobKey, 'enqueuedAt', now, 'runAt', runAt, 'attemptsMade', 0, 'stalls', 0, unpack(fields))

if delay > 0 then
  redis.call('HSET', jobKey, 'state', 'DELAYED')
  redis.call('ZADD', delayedKey, runAt, member)
  local first = redis.call('ZRANGE', delayedKey, 0, 0)
  if first[1] == member then
    wake(channel, address, runAt)
  end
  return {1, 'DELAYED'}
end

redis.call('HSET', jobKey, 'state', 'WAITING')
if redis.call('RPUSH', waitKey, member) == 1 then
  wake(channel, address, 0)
end
return {1, 'WAITING'}
