-- Flushes the integration's window if this flush job is the latest one; atomically, so an event
-- arriving meanwhile either makes this flush stale or lands in the next window, never in both.
-- KEYS[1] events list
-- KEYS[2] state hash
-- KEYS[3] flush log list (newest first, bounded)
-- ARGV[1] the version the flush job carries
-- ARGV[2] now, ISO-8601
-- ARGV[3] time to live of the keys, ms
-- ARGV[4] how many flush records to keep
-- Returns JSON: {"outcome": "FLUSHED" | "STALE" | "ALREADY_FLUSHED", ...}
local version = tonumber(ARGV[1])
local current = tonumber(redis.call('hget', KEYS[2], 'version') or '0')
if version ~= current then
    -- a later event bumped the version: its own flush job will take this window
    redis.call('hincrby', KEYS[2], 'stale', 1)
    return cjson.encode({outcome = 'STALE', version = version, currentVersion = current})
end
local flushed = tonumber(redis.call('hget', KEYS[2], 'flushed') or '0')
if flushed >= version then
    -- the same flush job run again (at-least-once): the window is already gone
    return cjson.encode({outcome = 'ALREADY_FLUSHED', version = version, currentVersion = current})
end
local raw = redis.call('lrange', KEYS[1], 0, -1)
local events = {}
for i, e in ipairs(raw) do
    events[i] = cjson.decode(e)
end
redis.call('del', KEYS[1])
redis.call('hset', KEYS[2], 'flushed', version)
redis.call('hincrby', KEYS[2], 'flushes', 1)
local record = {outcome = 'FLUSHED', version = version, eventCount = #raw, flushedAt = ARGV[2], events = events}
local json = cjson.encode(record)
redis.call('lpush', KEYS[3], json)
redis.call('ltrim', KEYS[3], 0, tonumber(ARGV[4]) - 1)
redis.call('pexpire', KEYS[2], ARGV[3])
redis.call('pexpire', KEYS[3], ARGV[3])
return json
