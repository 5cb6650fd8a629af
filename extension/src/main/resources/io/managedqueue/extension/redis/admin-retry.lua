-- admin-retry.lua: FAILED | CANCELLED -> WAITING for one job (an operator's retry).
-- KEYS[1] job hash
-- ARGV[1] member id   ARGV[2] queue key base (<prefix>:{plugin|queue})   ARGV[3] required tenant ('' = any caller)
-- ARGV[4] wake channel
-- The address's keys are named by Keys (lib-keys.lua) from the job name its hash holds.
-- Returns the state the job was in ('' when absent or another tenant's); it moved only from FAILED or CANCELLED.
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
if f[1] == 'FAILED' or f[1] == 'CANCELLED' then
  retryFinished(Keys.address(base, f[3]), member, f[1], redisNow(), channel, f[4] .. '|' .. f[5] .. '|' .. f[3])
  flushCounts()
end
return f[1]
