-- update-data.lua: replaces the payload or the result of an ACTIVE job; only the lease holder may.
-- KEYS[1] job hash
-- ARGV[1] lease token   ARGV[2] new value (JSON)   ARGV[3] field: payload | result
-- Returns 1, or 0 when the lease was no longer held.
local jobKey = KEYS[1]
if redis.call('HGET', jobKey, 'lease') ~= ARGV[1] then
  return 0
end
redis.call('HSET', jobKey, ARGV[3], ARGV[2])
return 1
