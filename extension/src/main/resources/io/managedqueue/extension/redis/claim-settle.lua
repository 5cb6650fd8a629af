-- claim.lua's step 1, settle: ACTIVE -> COMPLETED for the jobs this worker finished since its last
-- call. Only the lease holder may complete; a lost lease means the job was recovered elsewhere.
--   c  the cycle (see claim.lua)   count  completions sent, whose job hashes are KEYS[firstKey..]
--      and whose member, lease pairs are ARGV[firstArg..]
-- Returns per completion 1 (stored) or 0 (lease lost).
local function settle(c, count, firstKey, firstArg)
  local settled = {}
  for i = 0, count - 1 do
    local member, lease = ARGV[firstArg + 2 * i], ARGV[firstArg + 1 + 2 * i]
    local jobKey = KEYS[firstKey + i]
    if redis.call('HGET', jobKey, 'lease') == lease then
      redis.call('ZREM', c.active, member)
      finish(c.addr, jobKey, member, c.completed, 'COMPLETED', c.now, 'rcAge', 'rcCount', 'ACTIVE')
      settled[#settled + 1] = 1
    else
      settled[#settled + 1] = 0
    end
  end
  return settled
end
