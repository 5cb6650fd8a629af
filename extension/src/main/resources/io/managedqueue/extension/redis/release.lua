-- release.lua: ACTIVE -> WAITING without using an attempt: a worker shutting down hands a job back.
-- KEYS[1] job hash   KEYS[2] address active zset   KEYS[3] address wait list
-- ARGV[1] member id  ARGV[2] lease token           ARGV[3] wake channel   ARGV[4] address
-- Returns 1, or 0 when the lease was no longer held.
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local jobKey, activeKey, waitKey = KEYS[1], KEYS[2], KEYS[3]
local member, lease, channel, address = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('HGET', jobKey, 'lease') ~= lease then
  return 0
end
redis.call('ZREM', activeKey, member)
redis.call('HDEL', jobKey, 'lease')
redis.call('HINCRBY', jobKey, 'attemptsMade', -1)
pushWaiting(waitKey, jobKey, member, true)
local base, job = addressOf(waitKey)
countMove(base, job, member, 'ACTIVE', 'WAITING')
flushCounts()
wake(channel, address, 0)
return 1
