-- admin-recount.lua: recounts one address's jobs from its structures and repairs its counters.
-- Costs time proportional to the address's jobs: an operator's repair, never a read path.
-- KEYS[1] the address's counters hash   KEYS[2] wait list   KEYS[3] priority zset   KEYS[4] parked-keys zset
-- KEYS[5] delayed zset   KEYS[6] active zset   KEYS[7] completed zset   KEYS[8] failed zset   KEYS[9] parents zset
-- ARGV[1] queue key base   ARGV[2] job name (the parked lists are named by Keys.parked)
-- Returns the number of counter fields that were wrong and were corrected.
--@include lib-keys.lua
--@include lib-counts.lua
local countsKey = KEYS[1]
local base, job = ARGV[1], ARGV[2]
local tally = {}
local function add(field)
  tally[field] = (tally[field] or 0) + 1
end
-- counts each member whose hash holds one of the states the structure may hold
local function tallyMembers(members, allowed)
  for _, m in ipairs(members) do
    local state = redis.call('HGET', Keys.job(base, m), 'state')
    if state and allowed[state] then
      add('t|' .. tenantOf(m) .. '|' .. state)
    end
  end
end
local waiting = {WAITING = true}
tallyMembers(redis.call('LRANGE', KEYS[2], 0, -1), waiting)
tallyMembers(redis.call('ZRANGE', KEYS[3], 0, -1), waiting)
for _, key in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
  tallyMembers(redis.call('LRANGE', Keys.parked(base, job, key), 0, -1), waiting)
end
tallyMembers(redis.call('ZRANGE', KEYS[5], 0, -1), {DELAYED = true})
tallyMembers(redis.call('ZRANGE', KEYS[6], 0, -1), {ACTIVE = true})
tallyMembers(redis.call('ZRANGE', KEYS[7], 0, -1), {COMPLETED = true})
tallyMembers(redis.call('ZRANGE', KEYS[8], 0, -1), {FAILED = true, CANCELLED = true})
tallyMembers(redis.call('ZRANGE', KEYS[9], 0, -1), {WAITING_CHILDREN = true})

local corrected = 0
local current = redis.call('HGETALL', countsKey)
local seen = {}
for i = 1, #current, 2 do
  local field, value = current[i], tonumber(current[i + 1])
  seen[field] = true
  local want = tally[field]
  if not want then -- no job of that tenant and state, or a field no script writes: gone
    if value ~= 0 then
      corrected = corrected + 1
    end
    redis.call('HDEL', countsKey, field)
  elseif value ~= want then
    corrected = corrected + 1
    redis.call('HSET', countsKey, field, want)
  end
end
for field, want in pairs(tally) do
  if not seen[field] then
    corrected = corrected + 1
    redis.call('HSET', countsKey, field, want)
  end
end
return corrected
