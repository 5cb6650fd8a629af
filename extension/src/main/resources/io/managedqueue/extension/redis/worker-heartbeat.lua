-- worker-heartbeat.lua: a process with workers reports that it is alive and what it handles.
-- KEYS[1] the workers' index zset (id -> last heartbeat)   KEYS[2] this worker's info hash
-- ARGV[1] worker id   ARGV[2] host   ARGV[3] handled addresses, one per line: plugin|queue|job|concurrency|busy
-- ARGV[4] how long a silent worker is still listed (ms)
-- Returns the heartbeat time (Redis clock, ms). Entries silent for longer than ARGV[4] are dropped.
--@include lib-clock.lua
local now = redisNow()
local ttl = tonumber(ARGV[4])
redis.call('HSETNX', KEYS[2], 'startedAt', now)
redis.call('HSET', KEYS[2], 'host', ARGV[2], 'addresses', ARGV[3], 'heartbeat', now)
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
return now
