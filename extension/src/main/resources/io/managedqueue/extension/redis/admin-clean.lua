-- admin-clean.lua: one bounded batch of an operator's clean: deletes the oldest finished jobs of
-- one address in one state that finished at least a given time ago.
-- KEYS[1] address finished zset (completed, or failed for FAILED and CANCELLED)   KEYS[2] address counters hash
-- ARGV[1] queue key base   ARGV[2] state (COMPLETED | FAILED | CANCELLED)
-- ARGV[3] minimum age (ms)   ARGV[4] offset: members of another state already skipped   ARGV[5] max members to look at
-- Returns {deleted, skipped, looked}: looked < max means no older member is left.
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local finishedKey = KEYS[1]
local base, state = ARGV[1], ARGV[2]
local addr = {base = base, counts = KEYS[2]}
local minAge, offset, max = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local members = redis.call('ZRANGEBYSCORE', finishedKey, '-inf', redisNow() - minAge, 'LIMIT', offset, max)
local deleted, skipped = {}, 0
for _, m in ipairs(members) do
  if state == 'COMPLETED' or redis.call('HGET', Keys.job(base, m), 'state') == state then
    countMove(addr, m, state, nil)
    deleteJob(base, m)
    deleted[#deleted + 1] = m
  else
    skipped = skipped + 1
  end
end
if #deleted > 0 then
  redis.call('ZREM', finishedKey, unpack(deleted))
end
flushCounts()
return {#deleted, skipped, #members}
