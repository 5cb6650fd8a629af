-- workers-read.lua: the live workers, each with its info.
-- KEYS[1] the workers' index zset
-- ARGV[1] the workers' key base (<prefix>:{workers}; the info hashes are named by Keys.workerInfo)   ARGV[2] how long a silent worker is still listed (ms)
-- Returns {id, host, startedAt, heartbeat, addresses, ...} for every worker heard from within ARGV[2].
--@include lib-clock.lua
--@include lib-keys.lua
local now = redisNow()
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[2]), '+inf')) do
  local f = redis.call('HMGET', Keys.workerInfo(ARGV[1], id), 'host', 'startedAt', 'heartbeat', 'addresses')
  if f[3] then
    out[#out + 1] = id
    out[#out + 1] = f[1] or ''
    out[#out + 1] = f[2] or f[3]
    out[#out + 1] = f[3]
    out[#out + 1] = f[4] or ''
  end
end
return out
