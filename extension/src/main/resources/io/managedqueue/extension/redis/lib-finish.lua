-- Shared routine, included by the scripts that end a job (--@include lib-finish.lua).
-- Moves a job to a final state and applies the job's own retention to its address's set of
-- finished jobs, deleting the hashes of the jobs it prunes: Redis stays bounded without a sweeper.
--   jobKey     the job's hash
--   member     the job's member id in the address's sets (<tenant>|<localId>)
--   finished   the address's sorted set of finished jobs (score: finish time)
--   state      COMPLETED, FAILED or CANCELLED
--   ageField / countField   the job's retention fields (milliseconds / count; -1 = unbounded)
--   jobPrefix  the key prefix of the queue's job hashes
local function finish(jobKey, member, finished, state, now, ageField, countField, jobPrefix)
  redis.call('HSET', jobKey, 'state', state, 'finishedAt', now)
  redis.call('HDEL', jobKey, 'lease')
  local retained = redis.call('HMGET', jobKey, ageField, countField)
  local maxAge = tonumber(retained[1] or '-1')
  local maxCount = tonumber(retained[2] or '-1')
  if maxCount == 0 then
    redis.call('DEL', jobKey)
    return
  end
  redis.call('ZADD', finished, now, member)
  if maxAge > 0 then
    local old = redis.call('ZRANGEBYSCORE', finished, '-inf', now - maxAge, 'LIMIT', 0, 1000)
    for _, m in ipairs(old) do
      redis.call('DEL', jobPrefix .. m)
    end
    if #old > 0 then
      redis.call('ZREM', finished, unpack(old))
    end
  end
  if maxCount > 0 then
    -- at most 1000 per call keeps the script short; later finishes prune the rest
    local excess = math.min(redis.call('ZCARD', finished) - maxCount, 1000)
    if excess > 0 then
      local victims = redis.call('ZRANGE', finished, 0, excess - 1)
      for _, m in ipairs(victims) do
        redis.call('DEL', jobPrefix .. m)
      end
      redis.call('ZREMRANGEBYRANK', finished, 0, excess - 1)
    end
  end
end

local function redisNow()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Wakes idle workers of an address: only on the empty -> non-empty edge of its wait list, or
-- when a delayed job becomes the earliest one; busy workers keep claiming while jobs remain.
local function wake(channel, address, dueAt)
  redis.call('PUBLISH', channel, address .. '|' .. dueAt)
end
