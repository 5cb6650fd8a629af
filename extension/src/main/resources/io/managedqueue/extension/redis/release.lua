-- release.lua: ACTIVE -> WAITING without using an attempt: a worker shutting down hands a job back.
-- KEYS[1] job hash   KEYS[2] address active zset   KEYS[3] address wait list
-- KEYS[4] address priority zset   KEYS[5] its sequence counter   KEYS[6] address counters hash
-- ARGV[1] member id  ARGV[2] lease token           ARGV[3] wake channel   ARGV[4] address
-- Returns 1, or 0 when the lease was no longer held.
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
local jobKey, activeKey = KEYS[1], KEYS[2]
local addr = {wait = KEYS[3], prio = KEYS[4], prioSeq = KEYS[5], counts = KEYS[6]}
local member, lease, channel, address = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('HGET', jobKey, 'lease') ~= lease then
  return 0
end
redis.call('ZREM', activeKey, member)
redis.call('HDEL', jobKey, 'lease')
redis.call('HINCRBY', jobKey, 'attemptsMade', -1)
pushWaiting(addr, jobKey, member, true)
countMove(addr, member, 'ACTIVE', 'WAITING')
flushCounts()
wake(channel, address, 0)
return 1
