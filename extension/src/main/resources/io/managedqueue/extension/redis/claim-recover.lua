-- claim.lua's step 3, recover: ACTIVE -> WAITING | FAILED for jobs whose lease expired: their
-- worker is gone. The attempt does not count; the job goes back to the head of the line, or fails
-- once it stalled more than maxStalls times (at most 100 per call).
-- Returns per stalled job: member, stalls, tenant, failed (1|0), flat.
local function recover(c)
  local stalledOut = {}
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', c.active, '-inf', c.now, 'LIMIT', 0, 100)) do
    local jobKey = Keys.job(c.base, m)
    redis.call('ZREM', c.active, m)
    if redis.call('EXISTS', jobKey) == 1 then
      local stalls = redis.call('HINCRBY', jobKey, 'stalls', 1)
      local tenant = redis.call('HGET', jobKey, 'tenant') or ''
      local failed = 0
      if stalls > c.maxStalls then
        redis.call('HSET', jobKey, 'lastError', 'stalled ' .. stalls .. ' times: its worker stopped renewing the lease')
        finish(c.addr, jobKey, m, c.failed, 'FAILED', c.now, 'rfAge', 'rfCount', 'ACTIVE')
        failed = 1
      else
        redis.call('HINCRBY', jobKey, 'attemptsMade', -1)
        redis.call('HDEL', jobKey, 'lease')
        countMove(c.addr, m, 'ACTIVE', 'WAITING')
        pushWaiting(c.addr, jobKey, m, true)
      end
      stalledOut[#stalledOut + 1] = m
      stalledOut[#stalledOut + 1] = stalls
      stalledOut[#stalledOut + 1] = tenant
      stalledOut[#stalledOut + 1] = failed
    end
  end
  return stalledOut
end
