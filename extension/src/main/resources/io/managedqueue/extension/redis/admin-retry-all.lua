-- admin-retry-all.lua: one bounded batch of an operator's retry-all: the oldest finished jobs of
-- one address that are in the given state (FAILED or CANCELLED) -> WAITING.
-- KEYS[1] address failed zset (FAILED and CANCELLED members by finish time)   KEYS[2] address wait list
-- KEYS[3] address priority zset   KEYS[4] its sequence counter   KEYS[5] address counters hash
-- ARGV[1] queue key base   ARGV[2] address wire (plugin|queue|job)   ARGV[3] wake channel
-- ARGV[4] state to retry   ARGV[5] offset: members of another state already skipped   ARGV[6] max members to look at
-- Returns {moved, skipped, looked}: looked < max means the set is exhausted.
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-admin.lua
local base, wire, channel, state = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local addr = {base = base, failed = KEYS[1], wait = KEYS[2], prio = KEYS[3], prioSeq = KEYS[4], counts = KEYS[5]}
local offset, max = tonumber(ARGV[5]), tonumber(ARGV[6])
local members = redis.call('ZRANGE', addr.failed, offset, offset + max - 1)
local now = redisNow()
local moved, skipped = 0, 0
for _, m in ipairs(members) do
  if redis.call('HGET', Keys.job(base, m), 'state') == state then
    retryFinished(addr, m, state, now, channel, wire)
    moved = moved + 1
  else
    skipped = skipped + 1
  end
end
flushCounts()
return {moved, skipped, #members}
