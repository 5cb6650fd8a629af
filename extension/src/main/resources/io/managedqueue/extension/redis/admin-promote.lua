-- admin-promote.lua: DELAYED -> WAITING now (an operator runs a delayed job at once).
-- KEYS[1] job hash
-- ARGV[1] member id   ARGV[2] queue key base   ARGV[3] required tenant ('' = any caller)   ARGV[4] wake channel
-- The address's keys are named by Keys (lib-keys.lua) from the job name its hash holds.
-- Returns the state the job was in ('' when absent or another tenant's); it moved only from DELAYED.
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-admin.lua
local jobKey = KEYS[1]
local member, base, tenant, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local f = visibleJob(jobKey, tenant)
if not f then
  return ''
end
if f[1] == 'DELAYED' then
  local addr = Keys.address(base, f[3])
  redis.call('ZREM', addr.delayed, member)
  redis.call('HSET', jobKey, 'runAt', redisNow())
  countMove(addr, member, 'DELAYED', 'WAITING')
  flushCounts()
  if pushWaiting(addr, jobKey, member, false) then
    wake(channel, f[4] .. '|' .. f[5] .. '|' .. addr.job, 0)
  end
end
return f[1]
