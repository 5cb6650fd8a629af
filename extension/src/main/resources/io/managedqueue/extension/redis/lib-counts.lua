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

-- pending changes: countDeltas[key][tenant][state] = n, and the keys in first-use order
local countDeltas, countKeys, countExpires = {}, {}, {}
local ENDED_TTL_SECONDS = 7200

-- Nested tables instead of one table keyed by a built name: a job's move then creates no string,
-- the field names are built once per tenant and state when flushed.
local function addCount(key, tenant, state, n, expires)
  local byTenant = countDeltas[key]
  if not byTenant then
    byTenant = {}
    countDeltas[key] = byTenant
    countKeys[#countKeys + 1] = key
    countExpires[key] = expires
  end
  local byState = byTenant[tenant]
  if not byState then
    byState = {}
    byTenant[tenant] = byState
  end
  byState[state] = (byState[state] or 0) + n
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
  local tenant = tenantOf(member)
  if from then
    addCount(addr.counts, tenant, from, -1)
  end
  if to then
    addCount(addr.counts, tenant, to, 1)
  end
end

-- A job ended COMPLETED or FAILED now: counted in this minute's throughput bucket (its name is
-- kept: the jobs a call ends all end at the call's time, in one address's queue).
local endedBase, endedMinute, endedKey
local function countEnded(base, member, state, now)
  local minute = math.floor(now / 60000)
  if base ~= endedBase or minute ~= endedMinute then
    endedBase, endedMinute, endedKey = base, minute, Keys.throughput(base, minute)
  end
  addCount(endedKey, tenantOf(member), state, 1, true)
end

local function flushCounts()
  for _, key in ipairs(countKeys) do
    for tenant, byState in pairs(countDeltas[key]) do
      for state, delta in pairs(byState) do
        if delta ~= 0 then
          local total = redis.call('HINCRBY', key, 't|' .. tenant .. '|' .. state, delta)
          if countExpires[key] and total == delta then
            redis.call('EXPIRE', key, ENDED_TTL_SECONDS) -- a new field of a minute's bucket: its first job, not every call
          end
        end
      end
    end
  end
end
