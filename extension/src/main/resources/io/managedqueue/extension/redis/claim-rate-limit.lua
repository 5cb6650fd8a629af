-- claim.lua's step 4, rate-limit, and the rule the claim step asks before starting a job.
-- Rate limits are sliding windows: a zset of the starts within the window, pruned on each look.
-- A job over its queue's limit stays at the head of the line; a job over its key's limit is parked
-- in that key's own FIFO list (Keys.parked), so other keys' jobs pass it, and comes back to the
-- head of the line when the key's window has room again.

-- the earliest time a full window frees room, so the worker looks again then (c.wakeAt, -1: none)
local function wakeAt(c, t)
  if c.wakeAt < 0 or t < c.wakeAt then
    c.wakeAt = t
  end
end

local function windowCount(c, key, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', c.now - window)
  return redis.call('ZCARD', key)
end

local function windowFreesAt(c, key, window)
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tonumber(oldest[2] or c.now) + window
end

-- Parked jobs of keys whose window has room go back to the head of the line; they also return
-- when the key limit was switched off (room is then only bounded per call).
-- Returns whether this address may have parked jobs (then the next wake-up considers them).
local function unpark(c)
  local hasParked = c.keyMax > 0 or redis.call('EXISTS', c.parkedKeys) == 1
  if not hasParked then
    return false
  end
  local freedBy = c.now
  if c.keyMax == 0 then
    freedBy = '+inf'
  end
  for _, key in ipairs(redis.call('ZRANGEBYSCORE', c.parkedKeys, '-inf', freedBy, 'LIMIT', 0, 100)) do
    local limitKey = Keys.keyLimiter(c.base, key)
    local room = 1000
    if c.keyMax > 0 then
      room = c.keyMax - windowCount(c, limitKey, c.keyWindow)
    end
    local parked = Keys.parked(c.base, c.job, key)
    if room > 0 then
      local back = redis.call('LPOP', parked, room)
      if back then
        for i = #back, 1, -1 do
          pushWaiting(c.addr, Keys.job(c.base, back[i]), back[i], true)
        end
      end
    end
    if redis.call('LLEN', parked) == 0 then
      redis.call('ZREM', c.parkedKeys, key)
    elseif c.keyMax > 0 then
      redis.call('ZADD', c.parkedKeys, math.max(c.now, windowFreesAt(c, limitKey, c.keyWindow)), key)
    end
  end
  return true
end

-- Before a job of rate-limit key <tenant>|<rlKey> starts: parks it when the key's window is full
-- (returns true), else counts its start in the window (returns false).
local function parkIfKeyFull(c, m, limitKey)
  local window = Keys.keyLimiter(c.base, limitKey)
  if windowCount(c, window, c.keyWindow) >= c.keyMax then
    redis.call('RPUSH', Keys.parked(c.base, c.job, limitKey), m)
    local freesAt = windowFreesAt(c, window, c.keyWindow)
    redis.call('ZADD', c.parkedKeys, freesAt, limitKey)
    wakeAt(c, freesAt)
    return true
  end
  redis.call('ZADD', window, c.now, m .. '#' .. c.now)
  redis.call('PEXPIRE', window, c.keyWindow)
  return false
end
