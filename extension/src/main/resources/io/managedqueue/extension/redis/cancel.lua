-- cancel.lua: WAITING | DELAYED | WAITING_CHILDREN -> CANCELLED; any other state is reported, not changed.
-- KEYS[1] job hash
-- ARGV[1] member id   ARGV[2] queue key base (<prefix>:{plugin|queue})   ARGV[3] required tenant ('' = any caller)
-- The job's address is its name, read from its hash, so the address's keys are named by Keys
-- (lib-keys.lua); they share the job's hash tag, so the script stays in one slot.
-- Returns CANCELLED, NOT_FOUND, ALREADY_CANCELLED, or the state that refused (ACTIVE, COMPLETED, FAILED).
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local jobKey = KEYS[1]
local member, base, tenant = ARGV[1], ARGV[2], ARGV[3]
local f = redis.call('HMGET', jobKey, 'state', 'tenant', 'name', 'rlKey')
local state = f[1]
if not state or (tenant ~= '' and f[2] ~= tenant) then
  return 'NOT_FOUND'
end
local addr = Keys.address(base, f[3])
if state == 'WAITING' then
  removeWaiting(addr, member)
  if f[4] then
    -- it may be parked by its rate-limit key (see claim.lua)
    redis.call('LREM', Keys.parked(base, addr.job, (f[2] or '') .. '|' .. f[4]), 1, member)
  end
elseif state == 'WAITING_CHILDREN' then
  -- a flow's parent: it never runs; its children go on and are still recorded
  redis.call('ZREM', addr.parents, member)
elseif state == 'DELAYED' then
  redis.call('ZREM', addr.delayed, member)
elseif state == 'CANCELLED' then
  return 'ALREADY_CANCELLED'
else
  return state
end
finish(addr, jobKey, member, addr.failed, 'CANCELLED', redisNow(), 'rfAge', 'rfCount', state)
flushCounts()
return 'CANCELLED'
