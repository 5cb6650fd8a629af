-- Shared routines of the operators' scripts, included after lib-waiting.lua and lib-counts.lua (--@include lib-admin.lua).

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
--   addr     the address's keys: base, failed, wait, prio, prioSeq, counts (see lib-keys.lua)
--   member   the job's member     from  its current state (FAILED or CANCELLED)
--   channel  the wake channel     wire  plugin|queue|job
local function retryFinished(addr, member, from, now, channel, wire)
  local jobKey = Keys.job(addr.base, member)
  redis.call('ZREM', addr.failed, member)
  redis.call('HSET', jobKey, 'attemptsMade', 0, 'stalls', 0, 'runAt', now)
  redis.call('HDEL', jobKey, 'finishedAt')
  countMove(addr, member, from, 'WAITING')
  if pushWaiting(addr, jobKey, member, false) then
    wake(channel, wire, 0)
  end
end
