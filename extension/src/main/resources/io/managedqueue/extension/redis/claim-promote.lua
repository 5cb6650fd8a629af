-- claim.lua's step 2, promote: DELAYED -> WAITING for the due jobs, which join the tail of the
-- line earliest first (at most 1,000 per call; the next call takes the rest).
local function promote(c)
  local due = redis.call('ZRANGEBYSCORE', c.delayed, '-inf', c.now, 'LIMIT', 0, 1000)
  if #due == 0 then
    return
  end
  redis.call('ZREM', c.delayed, unpack(due))
  local plain = {}
  for _, m in ipairs(due) do
    local jobKey = Keys.job(c.base, m)
    countMove(c.addr, m, 'DELAYED', 'WAITING')
    if redis.call('HEXISTS', jobKey, 'prio') == 1 then
      pushWaiting(c.addr, jobKey, m, false)
    else
      redis.call('HSET', jobKey, 'state', 'WAITING')
      plain[#plain + 1] = m
    end
  end
  if #plain > 0 then
    redis.call('RPUSH', c.addr.wait, unpack(plain)) -- priority 0, the common case: one push for all
  end
end
