-- schedule-due.lua: the schedules due now, by Redis's clock, and when the next one is due.
-- KEYS[1] index zset
-- ARGV[1] how many due members at most
-- Returns {now (epoch ms), next due score after now or -1, due member, its score, due member, its score, ...}
--@include lib-clock.lua
local now = redisNow()
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[1]))
local later = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
local out = {now, -1}
if later[2] then
  out[2] = tonumber(later[2])
end
for i = 1, #due do
  out[#out + 1] = due[i]
end
return out
