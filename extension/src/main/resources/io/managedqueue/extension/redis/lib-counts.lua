-- Shared routines, included by every script that creates, moves or deletes a job, before
-- lib-finish.lua (--@include lib-counts.lua). They keep the operators' counters without a scan:
--   <base>:counts:<job>     hash  jobs of an address per state: <STATE> and t|<tenant>|<STATE>
--   <base>:tput:<minute>    hash  jobs that ended in that minute: COMPLETED, FAILED, t|<tenant>|<STATE>
-- Changes are summed in this script's memory and written once by flushCounts(), which every
-- such script calls before it returns: a claim of 50 jobs of one tenant costs 4 HINCRBYs, not 200.
-- <base> is <prefix>:{plugin|queue}; RedisKeys.counts/throughput build the same names.
local countKeys, countFields, countDeltas, countSlot = {}, {}, {}, {}
local endedKeys = {}
local ENDED_TTL_SECONDS = 7200

local function addCount(key, field, n)
  local id = key .. '\n' .. field
  local i = countSlot[id]
  if not i then
    i = #countKeys + 1
    countSlot[id] = i
    countKeys[i], countFields[i], countDeltas[i] = key, field, 0
  end
  countDeltas[i] = countDeltas[i] + n
end

-- a member is <tenant>|<localId>; the tenant of a system-wide job is ''
local function tenantOf(member)
  return string.match(member, '^([^|]*)|') or ''
end

-- the queue base and job name of an address key <base>:<kind>:<job> (the base ends with the hash tag)
local function addressOf(addressKey)
  return string.match(addressKey, '^(.-}):[%a]+:(.*)$')
end

-- One job of an address moves from one state to another; nil stands for "no job" (created, deleted).
local function countMove(base, job, member, from, to)
  if from == to then
    return
  end
  local key = base .. ':counts:' .. job
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
  local key = base .. ':tput:' .. math.floor(now / 60000)
  addCount(key, state, 1)
  addCount(key, 't|' .. tenantOf(member) .. '|' .. state, 1)
  endedKeys[key] = true
end

local function flushCounts()
  for i = 1, #countKeys do
    if countDeltas[i] ~= 0 then
      redis.call('HINCRBY', countKeys[i], countFields[i], countDeltas[i])
    end
  end
  for key in pairs(endedKeys) do
    redis.call('EXPIRE', key, ENDED_TTL_SECONDS)
  end
end
