-- admin-retry-all.lua: one bounded batch of an operator's retry-all: the oldest finished jobs of
-- one address that are in the given state (FAILED or CANCELLED) -> WAITING.
-- KEYS[1] address failed zset (FAILED and CANCELLED members by finish time)
-- ARGV[1] queue key base   ARGV[2] job name   ARGV[3] address wire (plugin|queue|job)   ARGV[4] wake channel
-- ARGV[5] state to retry   ARGV[6] offset: members of another state already skipped   ARGV[7] max members to look at
-- Returns {moved, skipped, looked}: looked < max means the set is exhausted.
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
--@include lib-admin.lua
local failedKey = KEYS[1]
local base, job, wire, channel, state = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local offset, max = tonumber(ARGV[6]), tonumber(ARGV[7])
local members = redis.call('ZRANGE', failedKey, offset, offset + max - 1)
local now = redisNow()
local moved, skipped = 0, 0
for _, m in ipairs(members) do
  if redis.call('HGET', base .. ':job:' .. m, 'state') == state then
    retryFinished(base, job, m, state, now, channel, wire)
    moved = moved + 1
  else
    skipped = skipped + 1
  end
end
flushCounts()
return {moved, skipped, #members}
