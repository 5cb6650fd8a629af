-- worker-remove.lua: a process stopping gracefully takes itself off the workers' list at once.
-- KEYS[1] the workers' index zset   KEYS[2] this worker's info hash
-- ARGV[1] worker id
-- Returns 1 when it was listed.
redis.call('DEL', KEYS[2])
return redis.call('ZREM', KEYS[1], ARGV[1])
