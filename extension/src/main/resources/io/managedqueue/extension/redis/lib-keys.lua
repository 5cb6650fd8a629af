-- Shared names, included before lib-waiting.lua, lib-counts.lua and lib-finish.lua by every script
-- that finds a key in data it reads (--@include lib-keys.lua): a member it pops, promotes or prunes,
-- a job name or rate-limit key read from a job's hash, a flow parent's address stored with its child,
-- the minute of a throughput bucket (Redis's clock), a worker id read from the index. Every key a
-- script knows before it runs comes in KEYS instead.
-- RedisKeys builds the same names; LuaKeysTest runs these functions and compares them with it.
--   base  <prefix>:{plugin|queue} (RedisKeys.queueBase): every name below shares its hash tag, so a
--         script stays in the slot of the keys it was given
local Keys = {}

function Keys.job(base, member)
  return base .. ':job:' .. member
end

function Keys.children(base, member)
  return base .. ':children:' .. member
end

function Keys.log(base, member)
  return base .. ':log:' .. member
end

function Keys.throughput(base, minute)
  return base .. ':tput:' .. minute
end

-- one rate-limit key's window of starts; limitKey is <tenant>|<key>
function Keys.keyLimiter(base, limitKey)
  return base .. ':klimit:' .. limitKey
end

-- the jobs of an address held back by one rate-limit key's window; limitKey is <tenant>|<key>
function Keys.parked(base, job, limitKey)
  return base .. ':parked:' .. job .. '|' .. limitKey
end

-- every key of an address, for a script that learns the address from a job's hash
function Keys.address(base, job)
  return {base = base, job = job,
    wait = base .. ':wait:' .. job, delayed = base .. ':delayed:' .. job, active = base .. ':active:' .. job,
    completed = base .. ':completed:' .. job, failed = base .. ':failed:' .. job,
    prio = base .. ':prio:' .. job, prioSeq = base .. ':prioseq:' .. job, counts = base .. ':counts:' .. job,
    parents = base .. ':parents:' .. job, parkedKeys = base .. ':parkedkeys:' .. job}
end

-- the address of a flow's parent, from the fields its child stores. A child enqueued by a build
-- older than parentBase/parentJob has only the parent's wait list, whose name ends :wait:<job>.
function Keys.parentAddress(parentBase, parentJob, parentWait)
  if parentBase then
    return Keys.address(parentBase, parentJob)
  end
  local base, job = string.match(parentWait, '^(.*):wait:(.*)$')
  return Keys.address(base, job)
end

-- workersBase is <prefix>:{workers} (RedisKeys.workersBase)
function Keys.workerInfo(workersBase, id)
  return workersBase .. ':info:' .. id
end
