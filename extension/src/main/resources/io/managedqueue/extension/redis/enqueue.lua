-- enqueue.lua: creates a job, WAITING or DELAYED; deduplicated by job id, or by a throttle or
-- debounce id; optionally guarded (a scheduler's compare-and-set of its next tick).
-- KEYS[1] job hash   KEYS[2] address wait list   KEYS[3] address delayed zset
-- KEYS[4] address priority zset   KEYS[5] its sequence counter   KEYS[6] address counters hash
-- then the keys of the options ARGV[5] names, in its order: the dedup key, the guard hash
-- ARGV[1] member id  ARGV[2] delay (ms)          ARGV[3] wake channel   ARGV[4] address (plugin|queue|job)
-- ARGV[5] options, '' for none (the common case: no placeholder is sent), else its letters in this order,
--   each followed (from ARGV[6] on, in that order) by its values:
--   't' throttle: the queue key base, the ttl (ms)   'b' debounce: the queue key base
--   'g' guard: its field, the value the field must hold ('' = absent), its next value
-- then field/value pairs of the job hash (not state or times) to the end; its plugin, queue and name
--   fields may be left out: a new job's are written from ARGV[4]
-- Returns {created (1|0|-1 guard refused), state, member}
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
local jobKey, delayedKey = KEYS[1], KEYS[3]
local addr = {wait = KEYS[2], prio = KEYS[4], prioSeq = KEYS[5], counts = KEYS[6]}
local member, delay, channel, address = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local options = ARGV[5]
local FIRST_FIELD = 6
local dedupMode, dedupKey, base, dedupTtl = ''
local guardKey, guardField, guardExpected, guardNext
if options ~= '' then
  local nextKey = 7
  local mode = string.sub(options, 1, 1)
  if mode == 't' or mode == 'b' then
    dedupKey, base = KEYS[nextKey], ARGV[FIRST_FIELD]
    nextKey, FIRST_FIELD = nextKey + 1, FIRST_FIELD + 1
    if mode == 't' then
      dedupMode, dedupTtl = 'throttle', ARGV[FIRST_FIELD]
      FIRST_FIELD = FIRST_FIELD + 1
    else
      dedupMode = 'debounce'
    end
  end
  if string.find(options, 'g', 1, true) then
    guardKey = KEYS[nextKey]
    guardField, guardExpected, guardNext = ARGV[FIRST_FIELD], ARGV[FIRST_FIELD + 1], ARGV[FIRST_FIELD + 2]
    FIRST_FIELD = FIRST_FIELD + 3
  end
end

if guardKey then
  if (redis.call('HGET', guardKey, guardField) or '') ~= guardExpected then
    return {-1, '', member}
  end
  redis.call('HSET', guardKey, guardField, guardNext)
end

local function fields()
  local out = {}
  for i = FIRST_FIELD, #ARGV do
    out[#out + 1] = ARGV[i]
  end
  return out
end

local now = redisNow()
local priority = 0
for i = FIRST_FIELD, #ARGV, 2 do
  if ARGV[i] == 'prio' then
    priority = tonumber(ARGV[i + 1])
  end
end
if dedupMode ~= '' then
  local pending = redis.call('GET', dedupKey)
  if pending then
    local pendingKey = Keys.job(base, pending)
    local state = redis.call('HGET', pendingKey, 'state')
    if dedupMode == 'throttle' then
      return {0, state or 'COMPLETED', pending}
    end
    if state == 'DELAYED' then
      -- debounce: the pending job takes this request's data and waits a full delay again; the
      -- fields a request may leave out go first (optional ones, and those left out at their
      -- default: JobFields), so none of an earlier request's survives that this one leaves out
      local runAt = now + delay
      redis.call('HDEL', pendingKey, 'org', 'user', 'scopeKey', 'attrs', 'payload', 'prio', 'rlKey', 'tp',
        'maxAttempts', 'boType', 'boDelay', 'boJitter', 'rcAge', 'rcCount', 'rfAge', 'rfCount')
      redis.call('HSET', pendingKey, 'runAt', runAt, unpack(fields()))
      delayUntil(delayedKey, pending, runAt, channel, address)
      return {0, 'DELAYED', pending}
    end
  end
  if dedupMode == 'throttle' then
    redis.call('SET', dedupKey, member, 'PX', dedupTtl)
  else
    -- a day past the delay keeps the key bounded even if no worker ever promotes the job
    redis.call('SET', dedupKey, member, 'PX', delay + 86400000)
  end
end

local existing = redis.call('HGET', jobKey, 'state')
if existing then
  return {0, existing, member}
end

local runAt = now + delay
local state = delay > 0 and 'DELAYED' or 'WAITING'
local plugin, queue, name = string.match(address, '^([^|]*)|([^|]*)|(.*)$')
redis.call('HSET', jobKey, 'plugin', plugin, 'queue', queue, 'name', name, 'state', state, 'enqueuedAt', now,
  'runAt', runAt, 'attemptsMade', 0, 'stalls', 0, unpack(fields()))
countMove(addr, member, nil, state)
flushCounts()

if delay > 0 then
  delayUntil(delayedKey, member, runAt, channel, address)
  return {1, 'DELAYED', member}
end

if pushWaiting(addr, jobKey, member, false, priority, true) then
  wake(channel, address, 0)
end
return {1, 'WAITING', member}
