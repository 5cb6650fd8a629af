-- admin-page.lua: one page of an operator's job listing, newest first in each segment.
-- A segment is one structure of one address holding jobs of one state: a list (the wait list,
-- newest at its tail) or a sorted set (read from its highest score). Members are checked
-- against the job hash, so a member in the wrong structure for the moment is skipped.
-- KEYS[1..] per segment its structure
-- ARGV[1] queue key base   ARGV[2] tenant ('' = every tenant)   ARGV[3] page size
-- ARGV[4] budget: members to look at in this call at most
-- ARGV[5] segment to start at (1-based)   ARGV[6] offset in it (members already looked at)
-- ARGV[7..] per segment (as in KEYS) a pair: state, kind ('list' | 'zset')
-- Returns {next segment, next offset, found, then per job: member, n, n field/value entries of its hash}
-- next segment > number of segments: the listing is complete.
--@include lib-keys.lua
local base, tenant, limit, budget = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local seg, offset = tonumber(ARGV[5]), tonumber(ARGV[6])
local segments = #KEYS
local tenantPrefix = tenant .. '|'
local jobs, found, looked = {}, 0, 0

while seg <= segments and found < limit and looked < budget do
  local state, key, kind = ARGV[5 + 2 * seg], KEYS[seg], ARGV[6 + 2 * seg]
  local n = math.min(100, budget - looked)
  local members
  if kind == 'list' then
    local forward = redis.call('LRANGE', key, -(offset + n), -(offset + 1))
    members = {}
    for i = #forward, 1, -1 do
      members[#members + 1] = forward[i]
    end
  else
    members = redis.call('ZREVRANGE', key, offset, offset + n - 1)
  end
  local full = false
  for _, m in ipairs(members) do
    looked = looked + 1
    offset = offset + 1
    if tenant == '' or string.sub(m, 1, #tenantPrefix) == tenantPrefix then
      local h = redis.call('HGETALL', Keys.job(base, m))
      local current
      for i = 1, #h, 2 do
        if h[i] == 'state' then
          current = h[i + 1]
        end
      end
      if current == state then
        found = found + 1
        jobs[#jobs + 1] = m
        jobs[#jobs + 1] = #h
        for i = 1, #h do
          jobs[#jobs + 1] = h[i]
        end
        if found >= limit then
          full = true
          break
        end
      end
    end
  end
  if not full and #members < n then
    seg = seg + 1 -- this structure is exhausted
    offset = 0
  end
end
local out = {seg, offset, found}
for _, v in ipairs(jobs) do
  out[#out + 1] = v
end
return out
