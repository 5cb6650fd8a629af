-- complete.lua: ACTIVE -> COMPLETED, then retention of the address's completed jobs.
-- KEYS[1] job hash   KEYS[2] address active zset   KEYS[3] address completed zset
-- ARGV[1] member id  ARGV[2] lease token           ARGV[3] job key prefix
-- Returns 1, or 0 when this worker no longer holds the lease (the job was recovered elsewhere).
--@include lib-finish.lua
local jobKey, activeKey, completedKey = KEYS[1], KEYS[2], KEYS[3]
local member, lease, jobPrefix = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', jobKey, 'lease') ~= lease then
  return 0
end
redis.call('ZREM', activeKey, member)
finish(jobKey, member, completedKey, 'COMPLETED', redisNow(), 'rcAge', 'rcCount', jobPrefix)
return 1
