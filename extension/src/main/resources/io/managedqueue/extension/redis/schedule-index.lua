-- schedule-index.lua: keeps the global schedule index and the id lookup together (one slot).
-- KEYS[1] index zset (member plugin|queue|tenant|id, score next tick)   KEYS[2] ids hash (<tenant>|<id> -> member)
-- ARGV[1] 'put' | 'drop'   ARGV[2] ids field   ARGV[3] member   ARGV[4] score (put only)
-- put: indexes the member, un-indexing the member the field pointed to before (the schedule moved address)
-- drop: un-indexes the member; forgets the field if it still points to it
-- Returns the member the field pointed to before, or ''
local index, ids = KEYS[1], KEYS[2]
local op, field, member = ARGV[1], ARGV[2], ARGV[3]
local previous = redis.call('HGET', ids, field) or ''
if op == 'put' then
  if previous ~= '' and previous ~= member then
    redis.call('ZREM', index, previous)
  end
  redis.call('HSET', ids, field, member)
  redis.call('ZADD', index, ARGV[4], member)
else
  redis.call('ZREM', index, member)
  if previous == member then
    redis.call('HDEL', ids, field)
  end
end
return previous
