-- claim.lua: the worker's one call per cycle (group commit). In order:
--   ACTIVE -> COMPLETED for the jobs this worker finished since its last call (lease checked),
--   DELAYED -> WAITING (due), ACTIVE -> WAITING|FAILED (lease expired), WAITING -> ACTIVE (claim).
-- Settling and claiming together makes a processed job cost at most one round trip.
-- KEYS[1] address wait list   KEYS[2] address delayed zset   KEYS[3] address active zset (score: lease expiry)
-- KEYS[4] address failed zset KEYS[5] address completed zset KEYS[6] address priority zset
-- ARGV[1] job key prefix      ARGV[2] lease duration (ms)    ARGV[3] max jobs to claim
-- ARGV[4] lease token prefix (this process)                  ARGV[5] max stalls before failing
-- ARGV[6] number of completions, then ARGV[7..] member, lease pairs
-- Returns a flat list:
--   now, nextWakeAt (-1: none), waitingLeft,
--   completionCount, then per completion 1 (stored) or 0 (lease lost),
--   stalledCount, then per stalled job: member, stalls, tenant, failed (1|0)
--   claimedCount, then per claimed job: member, lease, attemptsMade and 11 fields (see step 3)
--@include lib-finish.lua
--@include lib-waiting.lua
local waitKey, delayedKey, activeKey, failedKey, completedKey, prioKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local jobPrefix, leaseMs, maxClaim, tokenPrefix, maxStalls, completions =
  ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local now = redisNow()

-- 0. completions: only the lease holder may complete; a lost lease means the job was recovered elsewhere
local settled = {}
for i = 0, completions - 1 do
  local member, lease = ARGV[7 + 2 * i], ARGV[8 + 2 * i]
  local jobKey = jobPrefix .. member
  if redis.call('HGET', jobKey, 'lease') == lease then
    redis.call('ZREM', activeKey, member)
    finish(jobKey, member, completedKey, 'COMPLETED', now, 'rcAge', 'rcCount', jobPrefix)
    settled[#settled + 1] = 1
  else
    settled[#settled + 1] = 0
  end
end

-- 1. due delayed jobs join the tail of the wait list, earliest first
local due = redis.call('ZRANGEBYSCORE', delayedKey, '-inf', now, 'LIMIT', 0, 1000)
if #due > 0 then
  redis.call('ZREM', delayedKey, unpack(due))
  for _, m in ipairs(due) do
    pushWaiting(waitKey, jobPrefix .. m, m, false)
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
      finish(jobKey, m, failedKey, 'FAILED', now, 'rfAge', 'rfCount', jobPrefix)
      failed = 1
    else
      redis.call('HINCRBY', jobKey, 'attemptsMade', -1)
      redis.call('HDEL', jobKey, 'lease')
      pushWaiting(waitKey, jobKey, m, true)
    end
    stalledOut[#stalledOut + 1] = m
    stalledOut[#stalledOut + 1] = stalls
    stalledOut[#stalledOut + 1] = tenant
    stalledOut[#stalledOut + 1] = failed
  end
end

-- 3. claim
local claimedOut = {}
local claimedCount = 0
if maxClaim > 0 then
  local ids
  if redis.call('ZCARD', prioKey) == 0 then
    ids = redis.call('LPOP', waitKey, maxClaim) -- the fast path: no prioritised job waits
  else
    ids = {}
    while #ids < maxClaim do
      local m = popWaiting(waitKey, prioKey)
      if not m then
        break
      end
      ids[#ids + 1] = m
    end
  end
  if ids then
    local expiry = now + leaseMs
    for _, m in ipairs(ids) do
      local jobKey = jobPrefix .. m
      if redis.call('HGET', jobKey, 'state') == 'WAITING' then
        local attempts = redis.call('HINCRBY', jobKey, 'attemptsMade', 1)
        local lease = tokenPrefix .. ':' .. redis.call('HINCRBY', jobKey, 'leaseSeq', 1)
        redis.call('HSET', jobKey, 'state', 'ACTIVE', 'startedAt', now, 'lease', lease)
        redis.call('ZADD', activeKey, expiry, m)
        local f = redis.call('HMGET', jobKey, 'tenant', 'org', 'user', 'scopeKey', 'attrs', 'payload',
          'maxAttempts', 'boType', 'boDelay', 'boJitter', 'enqueuedAt')
        claimedOut[#claimedOut + 1] = m
        claimedOut[#claimedOut + 1] = lease
        claimedOut[#claimedOut + 1] = attempts
        for i = 1, 11 do
          claimedOut[#claimedOut + 1] = f[i] or ''
        end
        claimedCount = claimedCount + 1
      end
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

out[1] = now
out[2] = nextWake
out[3] = waitingCount(waitKey)
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
