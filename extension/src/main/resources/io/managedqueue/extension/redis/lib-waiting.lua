-- Shared routine, included by every script that makes a job WAITING (--@include lib-waiting.lua).
-- Jobs of priority 0 wait in the address's list (FIFO, the fast path). Others wait in the
-- address's priority zset, scored so that ascending order is: higher priority first, FIFO within
-- one priority. A claim takes priority > 0 first, then the list, then priority < 0.
-- Scores stay exact in a double: (2 * 10^6 + 1) priorities x 2^32 sequence numbers < 2^53.
local PRIO_SPAN = 4294967296
local MAX_PRIORITY = 1000000
local DEFAULT_SCORE = MAX_PRIORITY * PRIO_SPAN

-- the keys of an address's priority zset and its sequence counter, from its wait list's key
local function prioKeys(waitKey)
  local base, job = string.match(waitKey, '^(.*):wait:(.*)$')
  return base .. ':prio:' .. job, base .. ':prioseq:' .. job
end

-- How many jobs of an address wait (its idle workers need a wake-up when this becomes 1).
local function waitingCount(waitKey)
  local prioKey = prioKeys(waitKey)
  return redis.call('LLEN', waitKey) + redis.call('ZCARD', prioKey)
end

-- Makes a job wait. head: ahead of every job of its priority (a job handed back or recovered).
-- priority: the job's, when the caller knows it (nil: read from the job); stateSet: the caller
-- already wrote state WAITING. Returns true when nothing else of the address was waiting, so
-- its idle workers need a wake-up. The priority-0 path costs one push (two calls at most).
local function pushWaiting(waitKey, jobKey, member, head, priority, stateSet)
  priority = priority or tonumber(redis.call('HGET', jobKey, 'prio') or '0')
  if not stateSet then
    redis.call('HSET', jobKey, 'state', 'WAITING')
  end
  local prioKey, seqKey = prioKeys(waitKey)
  if priority == 0 then
    local length
    if head then
      length = redis.call('LPUSH', waitKey, member)
    else
      length = redis.call('RPUSH', waitKey, member)
    end
    return length == 1 and redis.call('ZCARD', prioKey) == 0
  end
  local seq = 0
  if not head then
    seq = redis.call('INCR', seqKey) % PRIO_SPAN
  end
  redis.call('ZADD', prioKey, (MAX_PRIORITY - priority) * PRIO_SPAN + seq, member)
  return redis.call('ZCARD', prioKey) == 1 and redis.call('LLEN', waitKey) == 0
end

-- Removes a waiting job from whichever structure holds it.
local function removeWaiting(waitKey, member)
  local prioKey = prioKeys(waitKey)
  if redis.call('ZREM', prioKey, member) == 0 then
    redis.call('LREM', waitKey, 1, member)
  end
end

-- Pops the next waiting member of an address, or nil.
local function popWaiting(waitKey, prioKey)
  local top = redis.call('ZRANGE', prioKey, 0, 0, 'WITHSCORES')
  if top[1] and tonumber(top[2]) < DEFAULT_SCORE then
    redis.call('ZREM', prioKey, top[1])
    return top[1]
  end
  local m = redis.call('LPOP', waitKey)
  if m then
    return m
  end
  if top[1] then
    redis.call('ZREM', prioKey, top[1])
    return top[1]
  end
  return nil
end
