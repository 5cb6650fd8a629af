-- Shared routines of the operators' scripts, included after lib-finish.lua (--@include lib-admin.lua).

-- The fields of one job an operator's single-job script needs, or nil when the job is absent or,
-- with a required tenant, another tenant's (reported as not found, never as refused).
--   returns {state, tenant, job name, plugin, queue}
local function visibleJob(jobKey, tenant)
  local f = redis.call('HMGET', jobKey, 'state', 'tenant', 'name', 'plugin', 'queue')
  if not f[1] or (tenant ~= '' and (f[2] or '') ~= tenant) then
    return nil
  end
  return f
end

-- FAILED | CANCELLED -> WAITING: an operator's retry. Attempts and stalls start again from 0; the
-- last error is kept for the record. The job joins the back of its line like a new one.
--   base     the queue base    job  the job name    member  the job's member
--   from     its current state (FAILED or CANCELLED)
--   channel  the wake channel  wire plugin|queue|job
local function retryFinished(base, job, member, from, now, channel, wire)
  local jobKey = base .. ':job:' .. member
  redis.call('ZREM', base .. ':failed:' .. job, member)
  redis.call('HSET', jobKey, 'attemptsMade', 0, 'stalls', 0, 'runAt', now)
  redis.call('HDEL', jobKey, 'finishedAt')
  countMove(base, job, member, from, 'WAITING')
  if pushWaiting(base .. ':wait:' .. job, jobKey, member, false) then
    wake(channel, wire, 0)
  end
end
