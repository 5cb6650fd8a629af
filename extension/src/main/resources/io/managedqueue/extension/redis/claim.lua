-- claim.lua: the worker's one call per cycle (group commit), one step per file, in this order:
--   1 settle     ACTIVE -> COMPLETED | WAITING | DELAYED | FAILED for the attempts this worker ended since
--                its last call, completed or failed (claim-settle.lua)
--   2 promote    DELAYED -> WAITING for the due jobs (claim-promote.lua)
--   3 recover    ACTIVE -> WAITING | FAILED for the jobs whose lease expired (claim-recover.lua)
--   4 rate-limit parked jobs whose key has room again return to the line (claim-rate-limit.lua)
--   5 claim      WAITING -> ACTIVE under this worker's lease (claim-take.lua)
-- then it tells when a worker of the address must look again. Settling and claiming together
-- makes a processed job, and a failed attempt, cost at most one round trip; every step stays in the
-- address's slot.
-- KEYS[1] address wait list   KEYS[2] address delayed zset   KEYS[3] address active zset (score: lease expiry)
-- KEYS[4] address failed zset KEYS[5] address completed zset KEYS[6] address priority zset
-- KEYS[7] its sequence counter   KEYS[8] address counters hash
-- KEYS[9] queue rate-limit window zset   KEYS[10] address parked-keys zset (see step 4)
-- KEYS[11] the queue's pause flag (present: claim nothing; settling, promotion and recovery go on)
-- KEYS[12..] the job hash of each settlement, in the order of ARGV
-- ARGV[1] queue key base      ARGV[2] job name               ARGV[3] lease duration (ms)
-- ARGV[4] max jobs to claim   ARGV[5] lease token prefix (this process)   ARGV[6] max stalls before failing
-- ARGV[7] queue limit: max starts per window (0 = none)   ARGV[8] its window (ms)
-- ARGV[9] per-key limit: max starts per window (0 = none) ARGV[10] its window (ms)
-- ARGV[11] wake channel   ARGV[12] the address (plugin|queue|job), as its workers subscribe to wake-ups
-- ARGV[13] number of settlements, then ARGV[14..] per settlement: member, lease, kind ('c' completed,
--          'f' failed, 'p' failed and no retry can cure it), and for 'f' and 'p' the error text and the
--          backoff (ms) before a next attempt (claim-settle.lua)
-- Job hashes of members found here, and the parked lists and windows of rate-limit keys, are named
-- by Keys (lib-keys.lua).
-- Returns a flat list (decoded by ClaimReply):
--   now, nextWakeAt (-1: none), waitingLeft,
--   settledCount, then per settlement: outcome (-1 lease lost: nothing written, 0 failed, 1 retry waiting,
--     2 retry delayed, 3 completed; SettleOutcome.Kind), attemptsMade (0 when the lease was lost),
--     time (now; for a delayed retry, when it is due)
--   stalledCount, then per stalled job: member, stalls, tenant, failed (1|0)
--   claimedCount, then per claimed job: member, lease, attemptsMade and the job hash fields of
--   CLAIMED_FIELDS (claim-take.lua; ClaimReply.Field lists them in the same order)
--@include lib-clock.lua
--@include lib-keys.lua
--@include lib-waiting.lua
--@include lib-counts.lua
--@include lib-finish.lua
--@include claim-settle.lua
--@include claim-promote.lua
--@include claim-recover.lua
--@include claim-rate-limit.lua
--@include claim-take.lua

-- the cycle: this call's keys, settings and clock, read by every step
local c = {
  base = ARGV[1], job = ARGV[2],
  addr = {base = ARGV[1], wait = KEYS[1], prio = KEYS[6], prioSeq = KEYS[7], counts = KEYS[8]},
  delayed = KEYS[2], active = KEYS[3], failed = KEYS[4], completed = KEYS[5],
  queueLimit = KEYS[9], parkedKeys = KEYS[10], paused = KEYS[11],
  leaseMs = tonumber(ARGV[3]), maxClaim = tonumber(ARGV[4]), tokenPrefix = ARGV[5], maxStalls = tonumber(ARGV[6]),
  queueMax = tonumber(ARGV[7]), queueWindow = tonumber(ARGV[8]), keyMax = tonumber(ARGV[9]), keyWindow = tonumber(ARGV[10]),
  wakeChannel = ARGV[11], wakeAddress = ARGV[12],
  now = redisNow(),
  wakeAt = -1, -- the earliest time a full rate-limit window frees room (claim-rate-limit.lua)
  wakeWaiting = false -- a settled retry made the line non-empty (claim-settle.lua)
}

local FIRST_SETTLEMENT_KEY, FIRST_SETTLEMENT_ARG = 12, 14
local settled = settle(c, tonumber(ARGV[13]), FIRST_SETTLEMENT_KEY, FIRST_SETTLEMENT_ARG)
promote(c)
local stalled = recover(c)
local hasParked = unpark(c)
local claimed, claimedCount, held = claim(c)

-- when must a worker of this address look again: next delayed job, next lease expiry, or a window's room
local nextWake = -1
local function earlier(score)
  if score and (nextWake < 0 or tonumber(score) < nextWake) then
    nextWake = tonumber(score)
  end
end
earlier(redis.call('ZRANGE', c.delayed, 0, 0, 'WITHSCORES')[2])
earlier(redis.call('ZRANGE', c.active, 0, 0, 'WITHSCORES')[2])
if hasParked then
  earlier(redis.call('ZRANGE', c.parkedKeys, 0, 0, 'WITHSCORES')[2])
end
if c.wakeAt >= 0 then
  earlier(c.wakeAt)
end

flushCounts()
-- a rate-limited or paused queue reports nothing claimable: its workers sleep until the window
-- frees or a resume wakes them
local waitingLeft = held and 0 or waitingCount(c.addr)
-- a retry this call made WAITING and did not claim at once is for the address's idle workers
if c.wakeWaiting and waitingLeft > 0 then
  wake(c.wakeChannel, c.wakeAddress, 0)
end
local out = {c.now, nextWake, waitingLeft, #settled / 3}
for _, v in ipairs(settled) do
  out[#out + 1] = v
end
out[#out + 1] = #stalled / 4
for _, v in ipairs(stalled) do
  out[#out + 1] = v
end
out[#out + 1] = claimedCount
for _, v in ipairs(claimed) do
  out[#out + 1] = v
end
return out
