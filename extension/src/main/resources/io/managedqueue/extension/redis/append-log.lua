-- append-log.lua: appends a line to an ACTIVE job's log, keeping the newest lines; only the lease holder may.
-- KEYS[1] job hash   KEYS[2] the job's log list
-- ARGV[1] lease token   ARGV[2] the line   ARGV[3] lines kept
-- Returns 1, or 0 when the lease was no longer held.
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[1] then
  return 0
end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
return 1
