-- Shared routines, included after lib-keys.lua by every script that creates, moves or deletes a
-- job, before lib-finish.lua (--@include lib-counts.lua). They keep the operators' counters without a scan:
--   <base>:counts:<job>     hash  jobs of an address per state: <STATE> and t|<tenant>|<STATE>
--   <base>:tput:<minute>    hash  jobs that ended in that minute: COMPLETED, FAILED, t|<tenant>|<STATE>
-- Changes are summed in this script's memory and written once by flushCounts(), which every
-- such script calls before it returns: a claim of 50 jobs of one tenant costs 4 HINCRBYs, not 200.
-- The counts hash comes with the address's keys (addr.counts, RedisKeys.counts); the minute's bucket
-- is named by Keys.throughput (RedisKeys.throughput).
local countKeys, countFields, countDeltas, countSlot, countExpires = {}, {}, {}, {}, {}
local ENDED_TTL_SECONDS = 7200

local function addCount(key, field, n, expires)
  local id = key .. '\n' .. field
  local i = countSlot[id]
  if not i then
    i = #countKeys + 1
    countSlot[id] = i
    countKeys[i], countFields[i], countDeltas[i], countExpires[i] = key, field, 0, expires
  end
  countDeltas[i] = countDeltas[i] + n
end

-- a member is <tenant>|<localId>; the tenant of a system-wide job is ''
local function tenantOf(member)
  return string.match(member, '^([^|]*)|') or ''
end

-- One job of an address moves from one state to another; nil stands for "no job" (created, deleted).
local function countMove(addr, member, from, to)
  if from == to then
    return
  end
  local key = addr.counts
  local tenant = tenantOf(member)
  if from then
    addCount(key, from, -1)
    addCount(key, 't|' .. tenant .. '|' .. from, -1)
  end
  if to then
    addCount(key, to, 1)
    addCount(key, 't|' .. tenant .. '|' .. to, 1)
  end
end

-- A job ended COMPLETED or FAILED now: counted in this minute's throughput bucket.
local function countEnded(base, member, state, now)
  local key = Keys.throughput(base, math.floor(now / 60000))
  addCount(key, state, 1, true)
  addCount(key, 't|' .. tenantOf(member) .. '|' .. state, 1)
end

local function flushCounts()
  for i = 1, #countKeys do
    local delta = countDeltas[i]
    if delta ~= 0 then
      local total = redis.call('HINCRBY', countKeys[i], countFields[i], delta)
      if countExpires[i] and total == delta then
        redis.call('EXPIRE', countKeys[i], ENDED_TTL_SECONDS) -- a new minute's bucket: once, not per call
      end
    end
  end
end
