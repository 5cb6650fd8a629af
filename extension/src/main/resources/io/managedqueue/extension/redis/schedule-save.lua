-- schedule-save.lua: creates or replaces a schedule's hash. With an unchanged spec the pending
-- tick (and a catch-up it stands for) is kept; a new spec starts at the tick the caller computed.
-- The last fired tick is always kept.
-- KEYS[1] schedule hash
-- ARGV[1] spec (wire form)   ARGV[2] next tick (epoch ms) if the spec is new or changed
-- ARGV[3..] field/value pairs (id, tenant, template job fields)
-- Returns {next tick, last tick or ''}
local key = KEYS[1]
local spec, firstTick = ARGV[1], ARGV[2]
local old = redis.call('HMGET', key, 'spec', 'ticks')
local nextTick, lastTick = firstTick, ''
if old[2] then
  local bar = string.find(old[2], '|', 1, true)
  lastTick = string.sub(old[2], bar + 1)
  if old[1] == spec then
    nextTick = string.sub(old[2], 1, bar - 1)
  end
end
redis.call('DEL', key)
redis.call('HSET', key, 'spec', spec, 'ticks', nextTick .. '|' .. lastTick, unpack(ARGV, 3))
return {nextTick, lastTick}
