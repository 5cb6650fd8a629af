-- Shared routines, included after lib-keys.lua by every script that makes a job WAITING
-- (--@include lib-waiting.lua). Jobs of priority 0 wait in the address's list (FIFO, the fast
-- path). Others wait in the address's priority zset, scored so that ascending order is: higher
-- priority first, FIFO within one priority. A claim takes priority > 0 first, then the list, then
-- priority < 0. Scores stay exact in a double: (2 * 10^6 + 1) priorities x 2^32 sequence numbers < 2^53.
--   addr  the address's keys: a table with at least wait, prio and prioSeq (from KEYS, or Keys.address)
local PRIO_SPAN = 4294967296
local MAX_PRIORITY = 1000000
local DEFAULT_SCORE = MAX_PRIORITY * PRIO_SPAN

-- Wakes idle workers of an address: only on the empty -> non-empty edge of its wait list, or
-- when a delayed job becomes the earliest one; busy workers keep claiming while jobs remain.
--   address  plugin|queue|job, as the workers subscribe to it   dueAt  0, or when a delayed job is due
local function wake(channel, address, dueAt)
  redis.call('PUBLISH', channel, address .. '|' .. dueAt)
end

-- Makes a job DELAYED until runAt (its state is the caller's to write), and wakes the address's
-- workers when it is now the earliest delayed job: they sleep until the earliest due time they know.
local function delayUntil(delayedKey, member, runAt, channel, address)
  redis.call('ZADD', delayedKey, runAt, member)
  if redis.call('ZRANGE', delayedKey, 0, 0)[1] == member then
    wake(channel, address, runAt)
  end
end

-- How many jobs of an address wait (its idle workers need a wake-up when this becomes 1).
local function waitingCount(addr)
  return redis.call('LLEN', addr.wait) + redis.call('ZCARD', addr.prio)
end

-- Makes a job wait. head: ahead of every job of its priority (a job handed back or recovered).
-- priority: the job's, when the caller knows it (nil: read from the job); stateSet: the caller
-- already wrote state WAITING. Returns true when nothing else of the address was waiting, so
-- its idle workers need a wake-up. The priority-0 path costs one push (two calls at most).
local function pushWaiting(addr, jobKey, member, head, priority, stateSet)
  priority = priority or tonumber(redis.call('HGET', jobKey, 'prio') or '0')
  if not stateSet then
    redis.call('HSET', jobKey, 'state', 'WAITING')
  end
  if priority == 0 then
    local length
    if head then
      length = redis.call('LPUSH', addr.wait, member)
    else
      length = redis.call('RPUSH', addr.wait, member)
    end
    return length == 1 and redis.call('ZCARD', addr.prio) == 0
  end
  local seq = 0
  if not head then
    seq = redis.call('INCR', addr.prioSeq) % PRIO_SPAN
  end
  redis.call('ZADD', addr.prio, (MAX_PRIORITY - priority) * PRIO_SPAN + seq, member)
  return redis.call('ZCARD', addr.prio) == 1 and redis.call('LLEN', addr.wait) == 0
end

-- Removes a waiting job from whichever structure holds it.
local function removeWaiting(addr, member)
  if redis.call('ZREM', addr.prio, member) == 0 then
    redis.call('LREM', addr.wait, 1, member)
  end
end

-- Pops the next waiting member of an address, or nil.
local function popWaiting(addr)
  local top = redis.call('ZRANGE', addr.prio, 0, 0, 'WITHSCORES')
  if top[1] and tonumber(top[2]) < DEFAULT_SCORE then
    redis.call('ZREM', addr.prio, top[1])
    return top[1]
  end
  local m = redis.call('LPOP', addr.wait)
  if m then
    return m
  end
  if top[1] then
    redis.call('ZREM', addr.prio, top[1])
    return top[1]
  end
  return nil
end
