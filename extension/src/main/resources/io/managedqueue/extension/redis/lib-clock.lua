-- Shared routine, included by every script that reads the time (--@include lib-clock.lua).
-- Redis's clock, not the caller's: pods with skewed clocks agree on due times and leases.

-- now in epoch milliseconds
local function redisNow()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
