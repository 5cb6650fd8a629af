-- enqueue-flow.lua: creates a flow atomically: a parent WAITING_CHILDREN and its children, each
-- WAITING or DELAYED, or nothing at all. Deduplicated by the parent's id.
-- KEYS[1] parent job hash, then per child i: KEYS[1 + 3i - 2 ..] its job hash, wait list, delayed zset
-- ARGV[1] wake channel   ARGV[2] child count   ARGV[3] parent member
-- ARGV[4] parent field count n, ARGV[5 .. 4 + n] parent field/value pairs; then per child:
--   member, delay (ms), address, on-failure (fail|ignore), public id, field count m, m field/value pairs
-- Returns {1, 'WAITING_CHILDREN'} | {0, existing parent state} | {-1, index of a child whose id exists}
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local parentKey = KEYS[1]
local channel, childCount, parentMember = ARGV[1], tonumber(ARGV[2]), ARGV[3]

local existing = redis.call('HGET', parentKey, 'state')
if existing then
  return {0, existing}
end

-- read the children's arguments, and refuse before writing anything if one exists already
local children = {}
local i = 5 + tonumber(ARGV[4])
for c = 1, childCount do
  local child = {key = KEYS[3 * c - 1], wait = KEYS[3 * c], delayed = KEYS[3 * c + 1],
    member = ARGV[i], delay = tonumber(ARGV[i + 1]), address = ARGV[i + 2], onFail = ARGV[i + 3], pubId = ARGV[i + 4]}
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
for f = 5, 4 + tonumber(ARGV[4]) do
  parentFields[#parentFields + 1] = ARGV[f]
end
redis.call('HSET', parentKey, 'enqueuedAt', now, 'runAt', now, 'attemptsMade', 0, 'stalls', 0,
  'state', 'WAITING_CHILDREN', 'pending', childCount, unpack(parentFields))
local parentWait = string.match(parentKey, '^(.*):job:') .. ':wait:' .. redis.call('HGET', parentKey, 'name')
local parentBase, parentJob = addressOf(parentWait)
redis.call('ZADD', parentBase .. ':parents:' .. parentJob, now, parentMember)
countMove(parentBase, parentJob, parentMember, nil, 'WAITING_CHILDREN')
local parentAddr = redis.call('HGET', parentKey, 'plugin') .. '|' .. redis.call('HGET', parentKey, 'queue') .. '|'
  .. redis.call('HGET', parentKey, 'name')

for _, child in ipairs(children) do
  local fields = {}
  for f = child.first, child.last do
    fields[#fields + 1] = ARGV[f]
  end
  local runAt = now + child.delay
  local childBase, childJob = addressOf(child.wait)
  redis.call('HSET', child.key, 'enqueuedAt', now, 'runAt', runAt, 'attemptsMade', 0, 'stalls', 0,
    'parentKey', parentKey, 'parentWait', parentWait, 'parentMember', parentMember, 'onFail', child.onFail,
    'pubId', child.pubId, 'parentWake', channel, 'parentAddr', parentAddr, unpack(fields))
  if child.delay > 0 then
    redis.call('HSET', child.key, 'state', 'DELAYED')
    countMove(childBase, childJob, child.member, nil, 'DELAYED')
    redis.call('ZADD', child.delayed, runAt, child.member)
    local first = redis.call('ZRANGE', child.delayed, 0, 0)
    if first[1] == child.member then
      wake(channel, child.address, runAt)
    end
  else
    countMove(childBase, childJob, child.member, nil, 'WAITING')
    if pushWaiting(child.wait, child.key, child.member, false) then
      wake(channel, child.address, 0)
    end
  end
end
flushCounts()
return {1, 'WAITING_CHILDREN'}
