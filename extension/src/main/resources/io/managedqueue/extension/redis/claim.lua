-- claim.lua: the worker's one call per cycle (group commit). In order:
--   ACTIVE -> COMPLETED for the jobs this worker finished since its last call (lease checked),
--   DELAYED -> WAITING (due), ACTIVE -> WAITING|FAILED (lease expired), WAITING -> ACTIVE (claim).
-- Settling and claiming together makes a processed job cost at most one round trip.
-- KEYS[1] address wait list   KEYS[2] address delayed zset   KEYS[3] address active zset (score: lease expiry)
-- KEYS[4] address failed zset KEYS[5] address completed zset KEYS[6] address priority zset
-- KEYS[7] queue rate-limit window zset   KEYS[8] address parked-keys zset (see step 3)
-- KEYS[9] the queue's pause flag (present: claim nothing; settling, promotion and recovery go on)
-- ARGV[1] job key prefix      ARGV[2] lease duration (ms)    ARGV[3] max jobs to claim
-- ARGV[4] lease token prefix (this process)                  ARGV[5] max stalls before failing
-- ARGV[6] queue limit: max starts per window (0 = none)   ARGV[7] its window (ms)
-- ARGV[8] per-key limit: max starts per window (0 = none) ARGV[9] its window (ms)
-- ARGV[10] number of completions, then ARGV[11..] member, lease pairs
-- Returns a flat list:
--   now, nextWakeAt (-1: none), waitingLeft,
--   completionCount, then per completion 1 (stored) or 0 (lease lost),
--   stalledCount, then per stalled job: member, stalls, tenant, failed (1|0)
--   claimedCount, then per claimed job: member, lease, attemptsMade and 11 fields (see step 3)
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local waitKey, delayedKey, activeKey, failedKey, completedKey, prioKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local queueLimitKey, parkedKeysKey, pausedKey = KEYS[7], KEYS[8], KEYS[9]
local jobPrefix, leaseMs, maxClaim, tokenPrefix, maxStalls =
  ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local queueMax, queueWindow, keyMax, keyWindow = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local completions = tonumber(ARGV[10])
local FIRST_COMPLETION = 11
local now = redisNow()
local base, jobName = addressOf(waitKey)

-- 0. completions: only the lease holder may complete; a lost lease means the job was recovered elsewhere
local settled = {}
for i = 0, completions - 1 do
  local member, lease = ARGV[FIRST_COMPLETION + 2 * i], ARGV[FIRST_COMPLETION + 1 + 2 * i]
  local jobKey = jobPrefix .. member
  if redis.call('HGET', jobKey, 'lease') == lease then
    redis.call('ZREM', activeKey, member)
    finish(jobKey, member, completedKey, 'COMPLETED', now, 'rcAge', 'rcCount', jobPrefix, 'ACTIVE')
    settled[#settled + 1] = 1
  else
    settled[#settled + 1] = 0
  end
end

-- 1. due delayed jobs join the tail of the wait list, earliest first
local due = redis.call('ZRANGEBYSCORE', delayedKey, '-inf', now, 'LIMIT', 0, 1000)
if #due > 0 then
  redis.call('ZREM', delayedKey, unpack(due))
  local plain = {}
  for _, m in ipairs(due) do
    local jobKey = jobPrefix .. m
    countMove(base, jobName, m, 'DELAYED', 'WAITING')
    if redis.call('HEXISTS', jobKey, 'prio') == 1 then
      pushWaiting(waitKey, jobKey, m, false)
    else
      redis.call('HSET', jobKey, 'state', 'WAITING')
      plain[#plain + 1] = m
    end
  end
  if #plain > 0 then
    redis.call('RPUSH', waitKey, unpack(plain)) -- priority 0, the common case: one push for all
  end
end

-- 2. jobs whose lease expired: their worker is gone. The attempt does not count; the job
--    goes back to the head of the line, or fails once it stalled more than maxStalls times.
local out = {}
local stalled = redis.call('ZRANGEBYSCORE', activeKey, '-inf', now, 'LIMIT', 0, 100)
local stalledOut = {}
for _, m in ipairs(stalled) do
  local jobKey = jobPrefix .. m
  redis.call('ZREM', activeKey, m)
  if redis.call('EXISTS', jobKey) == 1 then
    local stalls = redis.call('HINCRBY', jobKey, 'stalls', 1)
    local tenant = redis.call('HGET', jobKey, 'tenant') or ''
    local failed = 0
    if stalls > maxStalls then
      redis.call('HSET', jobKey, 'lastError', 'stalled ' .. stalls .. ' times: its worker stopped renewing the lease')
      finish(jobKey, m, failedKey, 'FAILED', now, 'rfAge', 'rfCount', jobPrefix, 'ACTIVE')
      failed = 1
    else
      redis.call('HINCRBY', jobKey, 'attemptsMade', -1)
      redis.call('HDEL', jobKey, 'lease')
      countMove(base, jobName, m, 'ACTIVE', 'WAITING')
      pushWaiting(waitKey, jobKey, m, true)
    end
    stalledOut[#stalledOut + 1] = m
    stalledOut[#stalledOut + 1] = stalls
    stalledOut[#stalledOut + 1] = tenant
    stalledOut[#stalledOut + 1] = failed
  end
end

-- 3. claim. Rate limits are sliding windows: a zset of the starts within the window, pruned
--    on each look. A job over its queue's limit stays at the head of the line; a job over its
--    key's limit is parked in that key's own FIFO list, so other keys' jobs pass it, and comes
--    back to the head of the line when the key's window has room again.
local limitWakeAt = -1
local function wakeAt(t)
  if limitWakeAt < 0 or t < limitWakeAt then
    limitWakeAt = t
  end
end
local function windowCount(key, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  return redis.call('ZCARD', key)
end
local function windowFreesAt(key, window)
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tonumber(oldest[2] or now) + window
end
local function parkedList(key)
  return base .. ':parked:' .. jobName .. '|' .. key
end

-- parked jobs also return when the key limit was switched off (room is then only bounded per call)
local hasParked = keyMax > 0 or redis.call('EXISTS', parkedKeysKey) == 1
if hasParked then
  local freedBy = now
  if keyMax == 0 then
    freedBy = '+inf'
  end
  for _, key in ipairs(redis.call('ZRANGEBYSCORE', parkedKeysKey, '-inf', freedBy, 'LIMIT', 0, 100)) do
    local limitKey = base .. ':klimit:' .. key
    local room = 1000
    if keyMax > 0 then
      room = keyMax - windowCount(limitKey, keyWindow)
    end
    local parked = parkedList(key)
    if room > 0 then
      local back = redis.call('LPOP', parked, room)
      if back then
        for i = #back, 1, -1 do
          pushWaiting(waitKey, jobPrefix .. back[i], back[i], true)
        end
      end
    end
    if redis.call('LLEN', parked) == 0 then
      redis.call('ZREM', parkedKeysKey, key)
    elseif keyMax > 0 then
      redis.call('ZADD', parkedKeysKey, math.max(now, windowFreesAt(limitKey, keyWindow)), key)
    end
  end
end

local claimedOut = {}
local claimedCount = 0
local queueRoom = maxClaim
if queueMax > 0 then
  queueRoom = math.min(maxClaim, queueMax - windowCount(queueLimitKey, queueWindow))
end
local queueLimited = false

local function claimOne(m, expiry)
  local jobKey = jobPrefix .. m
  local f = redis.call('HMGET', jobKey, 'state', 'rlKey', 'tenant')
  if f[1] ~= 'WAITING' then
    return
  end
  if keyMax > 0 and f[2] then
    local key = (f[3] or '') .. '|' .. f[2]
    local limitKey = base .. ':klimit:' .. key
    if windowCount(limitKey, keyWindow) >= keyMax then
      redis.call('RPUSH', parkedList(key), m)
      local freesAt = windowFreesAt(limitKey, keyWindow)
      redis.call('ZADD', parkedKeysKey, freesAt, key)
      wakeAt(freesAt)
      return
    end
    redis.call('ZADD', limitKey, now, m .. '#' .. now)
    redis.call('PEXPIRE', limitKey, keyWindow)
  end
  local attempts = redis.call('HINCRBY', jobKey, 'attemptsMade', 1)
  local seq = redis.call('HINCRBY', jobKey, 'leaseSeq', 1)
  local lease = tokenPrefix .. ':' .. seq
  if queueMax > 0 then
    redis.call('ZADD', queueLimitKey, now, m .. '#' .. seq)
    redis.call('PEXPIRE', queueLimitKey, queueWindow)
  end
  redis.call('HSET', jobKey, 'state', 'ACTIVE', 'startedAt', now, 'lease', lease)
  countMove(base, jobName, m, 'WAITING', 'ACTIVE')
  redis.call('ZADD', activeKey, expiry, m)
  local fields = redis.call('HMGET', jobKey, 'tenant', 'org', 'user', 'scopeKey', 'attrs', 'payload',
    'maxAttempts', 'boType', 'boDelay', 'boJitter', 'enqueuedAt')
  claimedOut[#claimedOut + 1] = m
  claimedOut[#claimedOut + 1] = lease
  claimedOut[#claimedOut + 1] = attempts
  for i = 1, 11 do
    claimedOut[#claimedOut + 1] = fields[i] or ''
  end
  claimedCount = claimedCount + 1
end

local paused = maxClaim > 0 and redis.call('EXISTS', pausedKey) == 1
if maxClaim > 0 and not paused then
  local expiry = now + leaseMs
  if queueMax == 0 and keyMax == 0 and redis.call('ZCARD', prioKey) == 0 then
    -- the fast path: no limit, no prioritised job
    local ids = redis.call('LPOP', waitKey, maxClaim)
    if ids then
      for _, m in ipairs(ids) do
        claimOne(m, expiry)
      end
    end
  else
    -- a parked job does not count: look at most a bounded number of jobs per call
    local looked = 0
    while claimedCount < queueRoom and looked < maxClaim + 100 do
      local m = popWaiting(waitKey, prioKey)
      if not m then
        break
      end
      looked = looked + 1
      claimOne(m, expiry)
    end
    if queueMax > 0 and claimedCount >= queueRoom and waitingCount(waitKey) > 0 then
      queueLimited = true
      wakeAt(windowFreesAt(queueLimitKey, queueWindow))
    end
  end
end

-- 4. when must a worker of this address look again: next delayed job or next lease expiry
local nextWake = -1
local nextDelayed = redis.call('ZRANGE', delayedKey, 0, 0, 'WITHSCORES')
if nextDelayed[2] then
  nextWake = tonumber(nextDelayed[2])
end
local nextExpiry = redis.call('ZRANGE', activeKey, 0, 0, 'WITHSCORES')
if nextExpiry[2] and (nextWake < 0 or tonumber(nextExpiry[2]) < nextWake) then
  nextWake = tonumber(nextExpiry[2])
end
if hasParked then
  local nextParked = redis.call('ZRANGE', parkedKeysKey, 0, 0, 'WITHSCORES')
  if nextParked[2] then
    wakeAt(tonumber(nextParked[2]))
  end
end
if limitWakeAt >= 0 and (nextWake < 0 or limitWakeAt < nextWake) then
  nextWake = limitWakeAt
end

flushCounts()
out[1] = now
out[2] = nextWake
-- a rate-limited or paused queue reports nothing claimable: its workers sleep until the window
-- frees or a resume wakes them
out[3] = (queueLimited or paused) and 0 or waitingCount(waitKey)
out[4] = #settled
for _, v in ipairs(settled) do
  out[#out + 1] = v
end
out[#out + 1] = #stalledOut / 4
for _, v in ipairs(stalledOut) do
  out[#out + 1] = v
end
out[#out + 1] = claimedCount
for _, v in ipairs(claimedOut) do
  out[#out + 1] = v
end
return out
