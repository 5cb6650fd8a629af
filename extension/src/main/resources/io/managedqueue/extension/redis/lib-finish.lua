-- Shared routines, included after lib-keys.lua, lib-waiting.lua and lib-counts.lua by the scripts that end a job.

local finish

-- A flow's child has ended: record it with its parent, then fail the parent (a child whose
-- failure counts) or, when it was the last child, make the parent WAITING. The parent's keys are
-- named by Keys from the address its child stores; on Redis Cluster enqueueFlow keeps a flow in one slot.
--   isChild  whether the job has a parent, when the caller read it already (nil: look)
local function notifyParent(jobKey, state, now, isChild)
  if isChild == false or (isChild == nil and redis.call('HEXISTS', jobKey, 'parentKey') == 0) then
    return -- not a flow's child: the common case costs one call at most
  end
  local p = redis.call('HMGET', jobKey, 'parentKey', 'parentBase', 'parentJob', 'parentMember', 'onFail', 'pubId',
    'parentWake', 'parentAddr', 'result', 'lastError', 'parentWait')
  local parentKey, parentMember, pubId = p[1], p[4], p[6]
  local parent = Keys.parentAddress(p[2], p[3], p[11])
  redis.call('HSET', Keys.children(parent.base, parentMember), pubId, state .. '|' .. (p[9] or ''))
  if redis.call('HGET', parentKey, 'state') ~= 'WAITING_CHILDREN' then
    return -- already failed or cancelled: the child is recorded, nothing else changes
  end
  if state ~= 'COMPLETED' and p[5] ~= 'ignore' then
    redis.call('ZREM', parent.parents, parentMember)
    redis.call('HSET', parentKey, 'lastError', 'child ' .. pubId .. ' ended ' .. state .. ': ' .. (p[10] or ''))
    finish(parent, parentKey, parentMember, parent.failed, 'FAILED', now, 'rfAge', 'rfCount', 'WAITING_CHILDREN')
    return
  end
  if redis.call('HINCRBY', parentKey, 'pending', -1) <= 0 then
    redis.call('ZREM', parent.parents, parentMember)
    redis.call('HSET', parentKey, 'runAt', now)
    countMove(parent, parentMember, 'WAITING_CHILDREN', 'WAITING')
    if pushWaiting(parent, parentKey, parentMember, false) then
      wake(p[7], p[8], 0)
    end
  end
end

-- Deletes a job's hash, its log and, for a flow parent, the record of its children.
local function deleteJob(base, member)
  redis.call('DEL', Keys.job(base, member), Keys.children(base, member), Keys.log(base, member))
end

-- Deletes finished members of an address's set of finished jobs, and counts them gone: one DEL
-- for all of them (at most 1,000 members, 3 keys each, one hash slot).
--   completed: true for the set of COMPLETED jobs; the other set holds FAILED and CANCELLED ones
local function pruneFinished(addr, members, completed)
  if #members == 0 then
    return
  end
  local doomed = {}
  for _, m in ipairs(members) do
    local jobKey = Keys.job(addr.base, m)
    local gone = 'COMPLETED'
    if not completed then
      gone = redis.call('HGET', jobKey, 'state')
    end
    countMove(addr, m, gone, nil)
    doomed[#doomed + 1] = jobKey
    doomed[#doomed + 1] = Keys.children(addr.base, m)
    doomed[#doomed + 1] = Keys.log(addr.base, m)
  end
  redis.call('DEL', unpack(doomed))
end

-- Moves a job to a final state and applies the job's own retention to its address's set of
-- finished jobs, deleting the hashes of the jobs it prunes: Redis stays bounded without a sweeper.
--   addr       the address's keys: at least base and counts (see lib-keys.lua)
--   jobKey     the job's hash
--   member     the job's member id in the address's sets (<tenant>|<localId>)
--   finished   the address's sorted set of finished jobs (score: finish time)
--   state      COMPLETED, FAILED or CANCELLED
--   ageField / countField   the job's retention fields (milliseconds / count; -1 = unbounded)
--   from       the state the job leaves (ACTIVE, WAITING, DELAYED or WAITING_CHILDREN)
--   known      optional, what the caller read of the job already (saves two calls):
--              {isChild = the job has a parentKey, age = its ageField's value, count = its countField's}
finish = function(addr, jobKey, member, finished, state, now, ageField, countField, from, known)
  redis.call('HSET', jobKey, 'state', state, 'finishedAt', now)
  redis.call('HDEL', jobKey, 'lease')
  if state ~= 'CANCELLED' then
    countEnded(addr.base, member, state, now)
  end
  local retained
  if known then
    notifyParent(jobKey, state, now, known.isChild)
    retained = {known.age, known.count}
  else
    notifyParent(jobKey, state, now)
    retained = redis.call('HMGET', jobKey, ageField, countField)
  end
  local maxAge = tonumber(retained[1] or '-1')
  local maxCount = tonumber(retained[2] or '-1')
  if maxCount == 0 then
    countMove(addr, member, from, nil)
    deleteJob(addr.base, member)
    return
  end
  countMove(addr, member, from, state)
  redis.call('ZADD', finished, now, member)
  if maxAge > 0 then
    local old = redis.call('ZRANGEBYSCORE', finished, '-inf', now - maxAge, 'LIMIT', 0, 1000)
    pruneFinished(addr, old, state == 'COMPLETED')
    if #old > 0 then
      redis.call('ZREM', finished, unpack(old))
    end
  end
  if maxCount > 0 then
    -- Pruned in bursts: a set over its bound by at most 1 % (of 100 or more) waits, then one
    -- burst cuts it back to the bound. Once an address is full, most finishes then cost one ZCARD
    -- instead of a ZRANGE, a DEL and a ZREMRANGEBYRANK each. At most 1,000 per call keeps the
    -- script short; later finishes prune the rest.
    local excess = redis.call('ZCARD', finished) - maxCount
    if excess > math.floor(maxCount / 100) then
      excess = math.min(excess, 1000)
      local victims = redis.call('ZRANGE', finished, 0, excess - 1)
      pruneFinished(addr, victims, state == 'COMPLETED')
      redis.call('ZREMRANGEBYRANK', finished, 0, excess - 1)
    end
  end
end
