-- Shared routines, included after lib-keys.lua by every script that creates, moves or deletes a
-- job, before lib-finish.lua (--@include lib-counts.lua). They keep the operators' counters without a scan:
--   <base>:counts:<job>     hash  jobs of an address per tenant and state: t|<tenant>|<STATE>
--   <base>:tput:<minute>    hash  jobs that ended in that minute, per tenant: t|<tenant>|COMPLETED|FAILED
-- Only per-tenant fields are kept: an operator's queue-wide count is their sum, taken at read time
-- (admin-queue.lua), which costs one HGETALL per address (fields grow with tenants, never with jobs)
-- and keeps the write path at one HINCRBY per changed field. Changes are summed in this script's
-- memory and written once by flushCounts(), which every such script calls before it returns: a claim
-- of 50 jobs of one tenant costs 2 HINCRBYs, not 100.
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
    addCount(key, 't|' .. tenant .. '|' .. from, -1)
  end
  if to then
    addCount(key, 't|' .. tenant .. '|' .. to, 1)
  end
end

-- A job ended COMPLETED or FAILED now: counted in this minute's throughput bucket.
local function countEnded(base, member, state, now)
  local key = Keys.throughput(base, math.floor(now / 60000))
  addCount(key, 't|' .. tenantOf(member) .. '|' .. state, 1, true)
end

local function flushCounts()
  for i = 1, #countKeys do
    local delta = countDeltas[i]
    if delta ~= 0 then
      local total = redis.call('HINCRBY', countKeys[i], countFields[i], delta)
      if countExpires[i] and total == delta then
        redis.call('EXPIRE', countKeys[i], ENDED_TTL_SECONDS) -- a new field of a minute's bucket: its first job, not every call
      end
    end
  end
end
