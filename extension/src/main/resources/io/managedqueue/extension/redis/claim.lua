-- claim.lua: the worker's one call per cycle (group commit). In order:
--   ACTIVE -> COMPLETED for the jobs this worker finished since its last call (lease checked),
--   DELAYED -> WAITING (due), ACTIVE -> WAITING|FAILED (lease expired), WAITING -> ACTIVE (claim).
-- Settling and claiming together makes a processed job cost at most one round trip.
-- KEYS[1] address wait list   KEYS[2] address delayed zset   KEYS[3] address active zset (score: lease expiry)
-- KEYS[4] address failed zset KEYS[5] address completed zset KEYS[6] address priority zset
-- KEYS[7] its sequence counter   KEYS[8] address counters hash
-- KEYS[9] queue rate-limit window zset   KEYS[10] address parked-keys zset (see step 3)
-- KEYS[11] the queue's pause flag (present: claim nothing; settling, promotion and recovery go on)
-- KEYS[12..] the job hash of each completion, in the order of ARGV
-- ARGV[1] queue key base      ARGV[2] job name               ARGV[3] lease duration (ms)
-- ARGV[4] max jobs to claim   ARGV[5] lease token prefix (this process)   ARGV[6] max stalls before failing
-- ARGV[7] queue limit: max starts per window (0 = none)   ARGV[8] its window (ms)
-- ARGV[9] per-key limit: max starts per window (0 = none) ARGV[10] its window (ms)
-- ARGV[11] number of completions, then ARGV[12..] member, lease pairs
-- Job hashes of members found here, and the parked lists and windows of rate-limit keys, are named
-- by Keys (lib-keys.lua).
-- Returns a flat list (decoded by ClaimReply):
--   now, nextWakeAt (-1: none), waitingLeft,
--   completionCount, then per completion 1 (stored) or 0 (lease lost),
--   stalledCount, then per stalled job: member, stalls, tenant, failed (1|0)
--   claimedCount, then per claimed job: member, lease, attemptsMade and the job hash fields of step 3
--   (ClaimReply.Field lists them in the same order)
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local base, jobName = ARGV[1], ARGV[2]
local addr = {base = base, wait = KEYS[1], prio = KEYS[6], prioSeq = KEYS[7], counts = KEYS[8]}
local delayedKey, activeKey, failedKey, completedKey = KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local queueLimitKey, parkedKeysKey, pausedKey = KEYS[9], KEYS[10], KEYS[11]
local FIRST_COMPLETION_KEY = 12
local leaseMs, maxClaim, tokenPrefix, maxStalls = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local queueMax, queueWindow, keyMax, keyWindow = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local completions = tonumber(ARGV[11])
local FIRST_COMPLETION = 12
local now = redisNow()

-- 0. completions: only the lease holder may complete; a lost lease means the job was recovered elsewhere
local settled = {}
for i = 0, completions - 1 do
  local member, lease = ARGV[FIRST_COMPLETION + 2 * i], ARGV[FIRST_COMPLETION + 1 + 2 * i]
  local jobKey = KEYS[FIRST_COMPLETION_KEY + i]
  if redis.call('HGET', jobKey, 'lease') == lease then
    redis.call('ZREM', activeKey, member)
    finish(addr, jobKey, member, completedKey, 'COMPLETED', now, 'rcAge', 'rcCount', 'ACTIVE')
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
    local jobKey = Keys.job(base, m)
    countMove(addr, m, 'DELAYED', 'WAITING')
    if redis.call('HEXISTS', jobKey, 'prio') == 1 then
      pushWaiting(addr, jobKey, m, false)
    else
      redis.call('HSET', jobKey, 'state', 'WAITING')
      plain[#plain + 1] = m
    end
  end
  if #plain > 0 then
    redis.call('RPUSH', addr.wait, unpack(plain)) -- priority 0, the common case: one push for all
  end
end

-- 2. jobs whose lease expired: their worker is gone. The attempt does not count; the job
--    goes back to the head of the line, or fails once it stalled more than maxStalls times.
local out = {}
local stalled = redis.call('ZRANGEBYSCORE', activeKey, '-inf', now, 'LIMIT', 0, 100)
local stalledOut = {}
for _, m in ipairs(stalled) do
  local jobKey = Keys.job(base, m)
  redis.call('ZREM', activeKey, m)
  if redis.call('EXISTS', jobKey) == 1 then
    local stalls = redis.call('HINCRBY', jobKey, 'stalls', 1)
    local tenant = redis.call('HGET', jobKey, 'tenant') or ''
    local failed = 0
    if stalls > maxStalls then
      redis.call('HSET', jobKey, 'lastError', 'stalled ' .. stalls .. ' times: its worker stopped renewing the lease')
      finish(addr, jobKey, m, failedKey, 'FAILED', now, 'rfAge', 'rfCount', 'ACTIVE')
      failed = 1
    else
      redis.call('HINCRBY', jobKey, 'attemptsMade', -1)
      redis.call('HDEL', jobKey, 'lease')
      countMove(addr, m, 'ACTIVE', 'WAITING')
      pushWaiting(addr, jobKey, m, true)
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

-- parked jobs also return when the key limit was switched off (room is then only bounded per call)
local hasParked = keyMax > 0 or redis.call('EXISTS', parkedKeysKey) == 1
if hasParked then
  local freedBy = now
  if keyMax == 0 then
    freedBy = '+inf'
  end
  for _, key in ipairs(redis.call('ZRANGEBYSCORE', parkedKeysKey, '-inf', freedBy, 'LIMIT', 0, 100)) do
    local limitKey = Keys.keyLimiter(base, key)
    local room = 1000
    if keyMax > 0 then
      room = keyMax - windowCount(limitKey, keyWindow)
    end
    local parked = Keys.parked(base, jobName, key)
    if room > 0 then
      local back = redis.call('LPOP', parked, room)
      if back then
        for i = #back, 1, -1 do
          pushWaiting(addr, Keys.job(base, back[i]), back[i], true)
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

-- what a worker needs of a claimed job, after its member, lease and attempts (ClaimReply.Field)
local CLAIMED_FIELDS = {'tenant', 'org', 'user', 'scopeKey', 'attrs', 'payload', 'maxAttempts', 'boType', 'boDelay',
  'boJitter', 'enqueuedAt', 'tp'}

local function claimOne(m, expiry)
  local jobKey = Keys.job(base, m)
  local f = redis.call('HMGET', jobKey, 'state', 'rlKey', 'tenant')
  if f[1] ~= 'WAITING' then
    return
  end
  if keyMax > 0 and f[2] then
    local key = (f[3] or '') .. '|' .. f[2]
    local limitKey = Keys.keyLimiter(base, key)
    if windowCount(limitKey, keyWindow) >= keyMax then
      redis.call('RPUSH', Keys.parked(base, jobName, key), m)
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
  countMove(addr, m, 'WAITING', 'ACTIVE')
  redis.call('ZADD', activeKey, expiry, m)
  local fields = redis.call('HMGET', jobKey, unpack(CLAIMED_FIELDS))
  claimedOut[#claimedOut + 1] = m
  claimedOut[#claimedOut + 1] = lease
  claimedOut[#claimedOut + 1] = attempts
  for i = 1, #CLAIMED_FIELDS do
    claimedOut[#claimedOut + 1] = fields[i] or ''
  end
  claimedCount = claimedCount + 1
end

local paused = maxClaim > 0 and redis.call('EXISTS', pausedKey) == 1
if maxClaim > 0 and not paused then
  local expiry = now + leaseMs
  if queueMax == 0 and keyMax == 0 and redis.call('ZCARD', addr.prio) == 0 then
    -- the fast path: no limit, no prioritised job
    local ids = redis.call('LPOP', addr.wait, maxClaim)
    if ids then
      for _, m in ipairs(ids) do
        claimOne(m, expiry)
      end
    end
  else
    -- a parked job does not count: look at most a bounded number of jobs per call
    local looked = 0
    while claimedCount < queueRoom and looked < maxClaim + 100 do
      local m = popWaiting(addr)
      if not m then
        break
      end
      looked = looked + 1
      claimOne(m, expiry)
    end
    if queueMax > 0 and claimedCount >= queueRoom and waitingCount(addr) > 0 then
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
out[3] = (queueLimited or paused) and 0 or waitingCount(addr)
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
