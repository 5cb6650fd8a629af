-- admin-clean.lua: one bounded batch of an operator's clean: deletes the oldest finished jobs of
-- one address in one state that finished at least a given time ago.
-- KEYS[1] address finished zset (completed, or failed for FAILED and CANCELLED)
-- ARGV[1] queue key base   ARGV[2] job name   ARGV[3] state (COMPLETED | FAILED | CANCELLED)
-- ARGV[4] minimum age (ms)   ARGV[5] offset: members of another state already skipped   ARGV[6] max members to look at
-- Returns {deleted, skipped, looked}: looked < max means no older member is left.
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
local finishedKey = KEYS[1]
local base, job, state = ARGV[1], ARGV[2], ARGV[3]
local minAge, offset, max = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local members = redis.call('ZRANGEBYSCORE', finishedKey, '-inf', redisNow() - minAge, 'LIMIT', offset, max)
local jobPrefix = base .. ':job:'
local deleted, skipped = {}, 0
for _, m in ipairs(members) do
  if state == 'COMPLETED' or redis.call('HGET', jobPrefix .. m, 'state') == state then
    countMove(base, job, m, state, nil)
    deleteJob(jobPrefix, m)
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
