-- admin-queue.lua: what an operator sees of one logical queue, read in one call (no scan of jobs).
-- KEYS[1] the queue's pause flag, then per job name of the queue: its counters hash, wait list, priority zset
-- ARGV[1] queue key base   ARGV[2] tenant ('' = every tenant)   ARGV[3] number of states S, ARGV[4..3+S] the states
-- Returns {now, paused (1|0), completed last minute, failed last minute, completed last hour, failed last hour,
--          then per job name: S counts and the due time of its longest-waiting job (-1: none)}
-- Throughput comes from per-minute buckets (lib-counts.lua); the oldest minute of a window counts pro rata.
-- The longest-waiting job is looked for at the head of the wait list and of the priority line (the
-- first 1,000 members of each for one tenant).
--@include lib-clock.lua
--@include lib-keys.lua
local base, tenant, stateCount = ARGV[1], ARGV[2], tonumber(ARGV[3])
local now = redisNow()

-- Counters hold per-tenant fields t|<tenant>|<STATE> only (lib-counts.lua): one tenant's count is
-- one field, every tenant's is the sum of the fields of that state, read with one HGETALL.
local function countsOf(key, states)
  local counts = {}
  if tenant ~= '' then
    local fields = {}
    for i, state in ipairs(states) do
      fields[i] = 't|' .. tenant .. '|' .. state
    end
    local values = redis.call('HMGET', key, unpack(fields))
    for i, state in ipairs(states) do
      counts[state] = tonumber(values[i] or '0')
    end
    return counts
  end
  local fields = redis.call('HGETALL', key)
  for i = 1, #fields, 2 do
    local state = string.match(fields[i], '^t|.*|([^|]+)$')
    if state then -- a field of another shape (an older version's queue-wide total) is not a tenant's
      counts[state] = (counts[state] or 0) + tonumber(fields[i + 1])
    end
  end
  return counts
end

local minute = math.floor(now / 60000)
local fraction = (now % 60000) / 60000
local ENDED = {'COMPLETED', 'FAILED'}
local buckets = {}
local function ended(m, state)
  if not buckets[m] then
    buckets[m] = countsOf(Keys.throughput(base, m), ENDED)
  end
  return buckets[m][state] or 0
end
local function window(minutes, state)
  local sum = 0
  for m = minute - minutes + 1, minute do
    sum = sum + ended(m, state)
  end
  -- the part of the minute before the window's first full one that still lies inside it
  return math.floor(sum + ended(minute - minutes, state) * (1 - fraction) + 0.5)
end

local out = {now, redis.call('EXISTS', KEYS[1]), window(1, 'COMPLETED'), window(1, 'FAILED'),
  window(60, 'COMPLETED'), window(60, 'FAILED')}

local function firstOfTenant(members)
  for _, m in ipairs(members) do
    if tenant == '' or string.sub(m, 1, #tenant + 1) == tenant .. '|' then
      return m
    end
  end
  return nil
end

local scan = 0
if tenant ~= '' then
  scan = 999
end
local states = {}
for s = 4, 3 + stateCount do
  states[#states + 1] = ARGV[s]
end
for i = 2, #KEYS, 3 do
  local counts = countsOf(KEYS[i], states)
  for s = 4, 3 + stateCount do
    out[#out + 1] = math.max(0, counts[ARGV[s]] or 0)
  end
  local oldest = -1
  local heads = {firstOfTenant(redis.call('LRANGE', KEYS[i + 1], 0, scan)),
    firstOfTenant(redis.call('ZRANGE', KEYS[i + 2], 0, scan))}
  for _, m in pairs(heads) do
    local runAt = tonumber(redis.call('HGET', Keys.job(base, m), 'runAt') or '-1')
    if runAt >= 0 and (oldest < 0 or runAt < oldest) then
      oldest = runAt
    end
  end
  out[#out + 1] = oldest
end
return out
