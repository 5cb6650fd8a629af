-- enqueue-flow.lua: creates a flow atomically: a parent WAITING_CHILDREN and its children, each
-- WAITING or DELAYED, or nothing at all. Deduplicated by the parent's id.
-- KEYS[1] parent job hash   KEYS[2] parent address's parents zset   KEYS[3] parent address's counters hash
-- then per child c (1-based), KEYS[6c - 2 .. 6c + 3]: its job hash, wait list, delayed zset, priority zset,
--   priority sequence counter, counters hash
-- ARGV[1] wake channel   ARGV[2] child count   ARGV[3] parent member   ARGV[4] parent queue key base
-- ARGV[5] parent job name   ARGV[6] parent wait list (stored only for the previous build, see lib-keys.lua)
-- ARGV[7] parent address (plugin|queue|job)   ARGV[8] parent field count n, ARGV[9 .. 8 + n] parent field/value
-- pairs; then per child: member, delay (ms), address, on-failure (fail|ignore), public id, field count m,
-- m field/value pairs
-- Returns {1, 'WAITING_CHILDREN'} | {0, existing parent state} | {-1, index of a child whose id exists}
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
local parentKey = KEYS[1]
local parent = {parents = KEYS[2], counts = KEYS[3]}
local channel, childCount, parentMember = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local parentBase, parentJob, parentWait, parentAddr = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local PARENT_FIELDS = 8

local existing = redis.call('HGET', parentKey, 'state')
if existing then
  return {0, existing}
end

-- read the children's arguments, and refuse before writing anything if one exists already
local children = {}
local i = PARENT_FIELDS + 1 + tonumber(ARGV[PARENT_FIELDS])
for c = 1, childCount do
  local k = 6 * c - 2
  local child = {key = KEYS[k], addr = {wait = KEYS[k + 1], prio = KEYS[k + 3], prioSeq = KEYS[k + 4], counts = KEYS[k + 5]},
    delayed = KEYS[k + 2], member = ARGV[i], delay = tonumber(ARGV[i + 1]), address = ARGV[i + 2], onFail = ARGV[i + 3],
    pubId = ARGV[i + 4]}
  local n = tonumber(ARGV[i + 5])
  child.first, child.last = i + 6, i + 5 + n
  i = i + 6 + n
  if redis.call('EXISTS', child.key) == 1 then
    return {-1, c - 1}
  end
  children[c] = child
end

local now = redisNow()
local parentFields = {}
for f = PARENT_FIELDS + 1, PARENT_FIELDS + tonumber(ARGV[PARENT_FIELDS]) do
  parentFields[#parentFields + 1] = ARGV[f]
end
redis.call('HSET', parentKey, 'enqueuedAt', now, 'runAt', now, 'attemptsMade', 0, 'stalls', 0,
  'state', 'WAITING_CHILDREN', 'pending', childCount, unpack(parentFields))
redis.call('ZADD', parent.parents, now, parentMember)
countMove(parent, parentMember, nil, 'WAITING_CHILDREN')

for _, child in ipairs(children) do
  local fields = {}
  for f = child.first, child.last do
    fields[#fields + 1] = ARGV[f]
  end
  local runAt = now + child.delay
  redis.call('HSET', child.key, 'enqueuedAt', now, 'runAt', runAt, 'attemptsMade', 0, 'stalls', 0,
    'parentKey', parentKey, 'parentBase', parentBase, 'parentJob', parentJob, 'parentWait', parentWait,
    'parentMember', parentMember, 'onFail', child.onFail, 'pubId', child.pubId, 'parentWake', channel,
    'parentAddr', parentAddr, unpack(fields))
  if child.delay > 0 then
    redis.call('HSET', child.key, 'state', 'DELAYED')
    countMove(child.addr, child.member, nil, 'DELAYED')
    delayUntil(child.delayed, child.member, runAt, channel, child.address)
  else
    countMove(child.addr, child.member, nil, 'WAITING')
    if pushWaiting(child.addr, child.key, child.member, false) then
      wake(channel, child.address, 0)
    end
  end
end
flushCounts()
return {1, 'WAITING_CHILDREN'}
