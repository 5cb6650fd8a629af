-- claim.lua's step 1, settle: the attempts this worker ended since its last call, completed or failed.
-- Only the lease holder may settle; a lost lease means the job was recovered, handed back or claimed
-- again elsewhere, and nothing is written.
--   completed                      ACTIVE -> COMPLETED
--   failed, attempts left          ACTIVE -> WAITING (no backoff) or DELAYED (until the backoff ends)
--   failed, last attempt or 'p'    ACTIVE -> FAILED
-- Finished jobs get their retention, flow parents hear of them (lib-finish.lua); a retry that makes the
-- address's line non-empty sets c.wakeWaiting (claim.lua wakes idle workers if it still waits after the
-- claim step), one that becomes the earliest delayed job wakes them for its due time.
--   c  the cycle (see claim.lua)   count  settlements sent, whose job hashes are KEYS[firstKey..] and whose
--      entries start at ARGV[firstArg]: member, lease, kind ('c' completed | 'f' failed | 'p' failed, no
--      retry can cure it), and for 'f' and 'p' the error text and the backoff (ms) before a next attempt
-- Returns per settlement, flat: outcome (SETTLED below; SettleOutcome.Kind), attemptsMade (0 when the lease
-- was lost), time (now; for a delayed retry, when it is due).

-- the outcome codes
local SETTLED = {LEASE_LOST = -1, FAILED = 0, RETRY_WAITING = 1, RETRY_DELAYED = 2, COMPLETED = 3}

-- A failed attempt of a job this worker holds (its lease is checked, its active entry removed):
-- retried or failed for good. Returns its outcome and time.
local function failAttempt(c, jobKey, member, attempts, maxAttempts, kind, err, backoff, known)
  if kind == 'p' or attempts >= maxAttempts then
    redis.call('HSET', jobKey, 'lastError', err) -- first: a flow parent failed by this child quotes it
    finish(c.addr, jobKey, member, c.failed, 'FAILED', c.now, 'rfAge', 'rfCount', 'ACTIVE', known)
    return SETTLED.FAILED, c.now
  end
  redis.call('HDEL', jobKey, 'lease')
  if backoff <= 0 then
    redis.call('HSET', jobKey, 'lastError', err, 'runAt', c.now)
    countMove(c.addr, member, 'ACTIVE', 'WAITING')
    if pushWaiting(c.addr, jobKey, member, false) then
      c.wakeWaiting = true
    end
    return SETTLED.RETRY_WAITING, c.now
  end
  local runAt = c.now + backoff
  redis.call('HSET', jobKey, 'lastError', err, 'state', 'DELAYED', 'runAt', runAt)
  countMove(c.addr, member, 'ACTIVE', 'DELAYED')
  delayUntil(c.delayed, member, runAt, c.wakeChannel, c.wakeAddress)
  return SETTLED.RETRY_DELAYED, runAt
end

local function settle(c, count, firstKey, firstArg)
  local settled = {}
  local arg = firstArg
  for i = 0, count - 1 do
    local member, lease, kind = ARGV[arg], ARGV[arg + 1], ARGV[arg + 2]
    arg = arg + 3
    local jobKey = KEYS[firstKey + i]
    -- one read for everything settling may need: the lease check, the retry decision, and what
    -- finish() would otherwise read itself (flow parent, the retention of either outcome)
    local f = redis.call('HMGET', jobKey, 'lease', 'attemptsMade', 'maxAttempts', 'parentKey', 'rcAge', 'rcCount',
      'rfAge', 'rfCount')
    local outcome, attempts, at = SETTLED.LEASE_LOST, 0, c.now
    if f[1] == lease then
      attempts = tonumber(f[2])
      local isChild = f[4] ~= false
      redis.call('ZREM', c.active, member)
      if kind == 'c' then
        finish(c.addr, jobKey, member, c.completed, 'COMPLETED', c.now, 'rcAge', 'rcCount', 'ACTIVE',
          {isChild = isChild, age = f[5], count = f[6]})
        outcome = SETTLED.COMPLETED
      else
        outcome, at = failAttempt(c, jobKey, member, attempts, tonumber(f[3] or '1'), kind, ARGV[arg], tonumber(ARGV[arg + 1]),
          {isChild = isChild, age = f[7], count = f[8]})
      end
    end
    if kind ~= 'c' then
      arg = arg + 2
    end
    settled[#settled + 1] = outcome
    settled[#settled + 1] = attempts
    settled[#settled + 1] = at
  end
  return settled
end
