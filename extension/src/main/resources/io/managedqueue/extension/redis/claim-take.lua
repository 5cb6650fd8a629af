-- claim.lua's step 5, claim: WAITING -> ACTIVE under this worker's lease, up to maxClaim jobs,
-- within the rate limits (claim-rate-limit.lua). A paused queue claims nothing.

-- what a worker needs of a claimed job, after its member, lease and attempts (ClaimReply.Field); an
-- absent field goes out as '', which ClaimReply reads as that field's default (JobFields leaves defaults out)
local CLAIMED_FIELDS = {'tenant', 'org', 'user', 'scopeKey', 'attrs', 'payload', 'maxAttempts', 'boType', 'boDelay',
  'boJitter', 'enqueuedAt', 'tp'}
-- read with them in one HMGET: what the claim itself decides on (ahead of CLAIMED_FIELDS)
local READ_FIELDS = {'state', 'rlKey', 'attemptsMade', 'leaseSeq'}
local FIRST_CLAIMED = #READ_FIELDS + 1
local TENANT = FIRST_CLAIMED -- CLAIMED_FIELDS[1]
for _, name in ipairs(CLAIMED_FIELDS) do
  READ_FIELDS[#READ_FIELDS + 1] = name
end

-- starts one popped member, unless it is no longer WAITING or its rate-limit key parks it: one
-- read and one write of its hash (the counters it bumps are computed here, not by HINCRBY)
local function claimOne(c, m, expiry, out)
  local jobKey = Keys.job(c.base, m)
  local f = redis.call('HMGET', jobKey, unpack(READ_FIELDS))
  if f[1] ~= 'WAITING' then
    return false
  end
  if c.keyMax > 0 and f[2] and parkIfKeyFull(c, m, (f[TENANT] or '') .. '|' .. f[2]) then
    return false
  end
  local attempts = tonumber(f[3] or '0') + 1
  local seq = tonumber(f[4] or '0') + 1
  local lease = c.tokenPrefix .. ':' .. seq
  if c.queueMax > 0 then
    redis.call('ZADD', c.queueLimit, c.now, m .. '#' .. seq)
    redis.call('PEXPIRE', c.queueLimit, c.queueWindow)
  end
  redis.call('HSET', jobKey, 'state', 'ACTIVE', 'startedAt', c.now, 'lease', lease, 'attemptsMade', attempts,
    'leaseSeq', seq)
  countMove(c.addr, m, 'WAITING', 'ACTIVE')
  redis.call('ZADD', c.active, expiry, m)
  out[#out + 1] = m
  out[#out + 1] = lease
  out[#out + 1] = attempts
  for i = FIRST_CLAIMED, #READ_FIELDS do
    out[#out + 1] = f[i] or ''
  end
  return true
end

-- Returns the claimed jobs (flat, see claim.lua), how many, and whether nothing more is claimable
-- now although jobs wait (the queue is paused or at its limit: its workers sleep until a resume
-- wakes them or the window frees).
local function claim(c)
  local out, count = {}, 0
  if c.maxClaim == 0 then
    return out, 0, false
  end
  if redis.call('EXISTS', c.paused) == 1 then
    return out, 0, true
  end
  local expiry = c.now + c.leaseMs
  if c.queueMax == 0 and c.keyMax == 0 and redis.call('ZCARD', c.addr.prio) == 0 then
    -- the fast path: no limit, no prioritised job
    local ids = redis.call('LPOP', c.addr.wait, c.maxClaim)
    if ids then
      for _, m in ipairs(ids) do
        if claimOne(c, m, expiry, out) then
          count = count + 1
        end
      end
    end
    return out, count, false
  end
  local room = c.maxClaim
  if c.queueMax > 0 then
    room = math.min(c.maxClaim, c.queueMax - windowCount(c, c.queueLimit, c.queueWindow))
  end
  -- a parked job does not count: look at most a bounded number of jobs per call
  local looked = 0
  while count < room and looked < c.maxClaim + 100 do
    local m = popWaiting(c.addr)
    if not m then
      break
    end
    looked = looked + 1
    if claimOne(c, m, expiry, out) then
      count = count + 1
    end
  end
  if c.queueMax > 0 and count >= room and waitingCount(c.addr) > 0 then
    wakeAt(c, windowFreesAt(c, c.queueLimit, c.queueWindow))
    return out, count, true
  end
  return out, count, false
end
