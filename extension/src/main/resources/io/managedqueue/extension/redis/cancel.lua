-- cancel.lua: WAITING | DELAYED | WAITING_CHILDREN -> CANCELLED; any other state is reported, not changed.
-- KEYS[1] job hash
-- ARGV[1] member id   ARGV[2] queue key base (<prefix>:{plugin|queue})   ARGV[3] required tenant ('' = any caller)
-- The address's wait, delayed and failed keys are derived from the job's name; they share the
-- job's hash tag, so the script stays in one slot.
-- Returns CANCELLED, NOT_FOUND, ALREADY_CANCELLED, or the state that refused (ACTIVE, COMPLETED, FAILED).
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local jobKey = KEYS[1]
local member, base, tenant = ARGV[1], ARGV[2], ARGV[3]
local f = redis.call('HMGET', jobKey, 'state', 'tenant', 'name', 'rlKey')
local state, name = f[1], f[3]
if not state or (tenant ~= '' and f[2] ~= tenant) then
  return 'NOT_FOUND'
end
if state == 'WAITING' then
  removeWaiting(base .. ':wait:' .. name, member)
  if f[4] then
    -- it may be parked by its rate-limit key (see claim.lua)
    redis.call('LREM', base .. ':parked:' .. name .. '|' .. (f[2] or '') .. '|' .. f[4], 1, member)
  end
elseif state == 'WAITING_CHILDREN' then
  -- a flow's parent: it never runs; its children go on and are still recorded
  redis.call('ZREM', base .. ':parents:' .. name, member)
elseif state == 'DELAYED' then
  redis.call('ZREM', base .. ':delayed:' .. name, member)
elseif state == 'CANCELLED' then
  return 'ALREADY_CANCELLED'
else
  return state
end
finish(jobKey, member, base .. ':failed:' .. name, 'CANCELLED', redisNow(), 'rfAge', 'rfCount', base .. ':job:', state)
flushCounts()
return 'CANCELLED'
