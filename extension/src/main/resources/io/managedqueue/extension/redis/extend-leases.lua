-- extend-leases.lua: renews the leases this process holds on ACTIVE jobs of one address.
-- KEYS[1] address active zset
-- ARGV[1] lease duration (ms)   ARGV[2] job key prefix   ARGV[3..] member, lease token pairs
-- Returns the members whose lease this process no longer holds (recovered elsewhere, or gone).
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local activeKey = KEYS[1]
local leaseMs, jobPrefix = tonumber(ARGV[1]), ARGV[2]
local expiry = redisNow() + leaseMs
local lost = {}
for i = 3, #ARGV, 2 do
  local member, lease = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', jobPrefix .. member, 'lease') == lease then
    redis.call('ZADD', activeKey, 'XX', expiry, member)
  else
    lost[#lost + 1] = member
  end
end
return lost
