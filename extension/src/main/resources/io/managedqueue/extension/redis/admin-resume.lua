-- admin-resume.lua: resumes a paused queue and wakes the workers of each of its addresses.
-- KEYS[1] the queue's pause flag
-- ARGV[1] wake channel   ARGV[2..] the queue's addresses (plugin|queue|job)
-- Returns 1 when the queue was paused.
local was = redis.call('DEL', KEYS[1])
for i = 2, #ARGV do
  redis.call('PUBLISH', ARGV[1], ARGV[i] .. '|0')
end
return was
