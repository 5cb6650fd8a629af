-- extend-leases.lua: renews the leases this process holds on ACTIVE jobs of one address.
-- KEYS[1] address active zset   KEYS[2..] the job hashes, one per member of ARGV
-- ARGV[1] lease duration (ms)   ARGV[2..] member, lease token pairs
-- Returns the members whose lease this process no longer holds (recovered elsewhere, or gone).
--@include lib-clock.lua
local activeKey = KEYS[1]
local leaseMs = tonumber(ARGV[1])
local expiry = redisNow() + leaseMs
local lost = {}
for j = 2, #KEYS do
  local member, lease = ARGV[2 * j - 2], ARGV[2 * j - 1]
  if redis.call('HGET', KEYS[j], 'lease') == lease then
    redis.call('ZADD', activeKey, 'XX', expiry, member)
  else
    lost[#lost + 1] = member
  end
end
return lost
