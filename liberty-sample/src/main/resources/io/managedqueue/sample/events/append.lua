-- Records one inbound event and opens (or extends) the integration's debounce window.
-- KEYS[1] events list    (the window's events, oldest first)
-- KEYS[2] state hash     (version: bumped per event; flushed: the last flushed version; flushes, stale: counters)
-- ARGV[1] the event, JSON
-- ARGV[2] time to live of both keys, ms (an abandoned window does not stay in Redis for ever)
-- Returns the new version: only the flush job carrying it may flush.
redis.call('rpush', KEYS[1], ARGV[1])
local version = redis.call('hincrby', KEYS[2], 'version', 1)
redis.call('pexpire', KEYS[1], ARGV[2])
redis.call('pexpire', KEYS[2], ARGV[2])
return version
