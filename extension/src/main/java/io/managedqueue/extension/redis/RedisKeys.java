package io.managedqueue.extension.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.managedqueue.api.JobAddress;

/**
 * Builds every Redis key. All keys of one logical queue ({plugin, queue}) share the hash tag
 * {@code {plugin|queue}}, so each Lua script touches a single Redis Cluster slot. A script gets the
 * keys it knows before it runs in {@code KEYS}; the few it finds in data it reads (a popped member's
 * hash, a rate-limit key's parked list) are named by {@code lib-keys.lua}, which LuaKeysTest checks
 * against this class.
 *
 * <pre>
 * &lt;prefix&gt;:{plugin|queue}:job:&lt;tenant&gt;|&lt;id&gt;   hash    one job
 * &lt;prefix&gt;:{plugin|queue}:wait:&lt;job&gt;           list    WAITING members, FIFO
 * &lt;prefix&gt;:{plugin|queue}:delayed:&lt;job&gt;        zset    DELAYED members by due time
 * &lt;prefix&gt;:{plugin|queue}:active:&lt;job&gt;         zset    ACTIVE members by lease expiry
 * &lt;prefix&gt;:{plugin|queue}:completed:&lt;job&gt;      zset    COMPLETED members by finish time
 * &lt;prefix&gt;:{plugin|queue}:failed:&lt;job&gt;         zset    FAILED and CANCELLED members by finish time
 * &lt;prefix&gt;:{plugin|queue}:children:&lt;tenant&gt;|&lt;id&gt; hash  a flow parent's children: child id -&gt; state|result
 * &lt;prefix&gt;:{plugin|queue}:log:&lt;tenant&gt;|&lt;id&gt;    list   a job's log lines (ManagedQueueJob.log), deleted with the job
 * &lt;prefix&gt;:{plugin|queue}:prio:&lt;job&gt;           zset    WAITING members of priority != 0 (see lib-waiting.lua)
 * &lt;prefix&gt;:{plugin|queue}:prioseq:&lt;job&gt;        string  FIFO sequence of the priority zset
 * &lt;prefix&gt;:{plugin|queue}:dedup:&lt;job&gt;|&lt;tenant&gt;|&lt;id&gt;  string  the job a throttle/debounce id points to
 * &lt;prefix&gt;:{plugin|queue}:qlimit               zset    job starts in the queue's rate-limit window
 * &lt;prefix&gt;:{plugin|queue}:klimit:&lt;tenant&gt;|&lt;key&gt; zset   job starts in one rate-limit key's window
 * &lt;prefix&gt;:{plugin|queue}:parked:&lt;job&gt;|&lt;tenant&gt;|&lt;key&gt; list  WAITING members held back by their key's limit
 * &lt;prefix&gt;:{plugin|queue}:parkedkeys:&lt;job&gt;     zset    parked keys by the time their window frees
 * &lt;prefix&gt;:{plugin|queue}:counts:&lt;job&gt;         hash   jobs per state: STATE and t|&lt;tenant&gt;|STATE (lib-counts.lua)
 * &lt;prefix&gt;:{plugin|queue}:tput:&lt;minute&gt;       hash   jobs ended in that epoch minute: COMPLETED, FAILED, t|&lt;tenant&gt;|STATE; 2 h TTL
 * &lt;prefix&gt;:{plugin|queue}:parents:&lt;job&gt;        zset   WAITING_CHILDREN members (flow parents) by enqueue time
 * &lt;prefix&gt;:{plugin|queue}:paused               string present while an operator has paused the queue
 * &lt;prefix&gt;:{workers}:index                     zset   live worker processes by last heartbeat
 * &lt;prefix&gt;:{workers}:info:&lt;id&gt;                 hash   one worker process: host, startedAt, heartbeat, addresses
 * &lt;prefix&gt;:{plugin|queue}:schedule:&lt;tenant&gt;|&lt;id&gt; hash  one schedule: spec, ticks (next|last), template job fields
 * &lt;prefix&gt;:{plugin|queue}:outbox                hash    outbox row ids relayed, not yet known deleted from the outbox: row id -&gt; 1
 * &lt;prefix&gt;:{schedules}:index                  zset    every schedule (plugin|queue|tenant|id) by next tick; may lag the hash
 * &lt;prefix&gt;:{schedules}:ids                    hash    &lt;tenant&gt;|&lt;id&gt; to the index member, to find a schedule by id
 * &lt;prefix&gt;:wake                               channel wake-ups: &lt;plugin|queue|job&gt;|&lt;dueAt&gt;
 * &lt;prefix&gt;:addresses                          set     every address ever enqueued to
 * &lt;prefix&gt;:telemetry:depth-reporter           string  token of the process reporting queue depths (lease with TTL)
 * &lt;prefix&gt;:plugin:&lt;plugin&gt;:&lt;tenant&gt;:&lt;name&gt;     any     plugin-owned state ({@code pluginKey})
 * </pre>
 */
public final class RedisKeys {

    /** Addresses whose names are kept; past it (a runaway set of job names) they are built per call. */
    static final int MAX_CACHED_ADDRESSES = 4096;

    /**
     * What every enqueue to one address, and every claim of it, names: built once per address rather
     * than per job or per claim.
     *
     * @param base      {@link #queueBase(JobAddress)}
     * @param jobPrefix {@link #jobPrefix(JobAddress)}, to which a member is appended
     * @param wire      {@link #wire(JobAddress)}
     * @param waitList  {@link #waitList(JobAddress)}
     * @param delayed   {@link #delayed(JobAddress)}
     * @param priorityAndCounts {@link #priorityAndCounts(JobAddress)}
     * @param claimKeys the fixed keys of claim.lua, {@code KEYS[1..11]} in its order (its header lists them)
     */
    public record AddressNames(String base, String jobPrefix, String wire, String waitList, String delayed,
                               List<Object> priorityAndCounts, List<Object> claimKeys) {
    }

    private final String prefix;
    private final Map<JobAddress, AddressNames> names = new ConcurrentHashMap<>();

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** @return the names of one address, the same values the single-key methods build */
    public AddressNames names(JobAddress address) {
        AddressNames cached = names.get(address);
        if (cached != null) {
            return cached;
        }
        AddressNames built = new AddressNames(queueBase(address), jobPrefix(address), wire(address), waitList(address),
                delayed(address), priorityAndCounts(address), claimKeys(address));
        if (names.size() < MAX_CACHED_ADDRESSES) {
            names.putIfAbsent(address, built);
        }
        return built;
    }

    private List<Object> claimKeys(JobAddress address) {
        List<Object> claimKeys = new ArrayList<>(11);
        claimKeys.addAll(List.of(waitList(address), delayed(address), active(address), failed(address), completed(address)));
        claimKeys.addAll(priorityAndCounts(address));
        claimKeys.addAll(List.of(queueLimiter(address), parkedKeys(address), paused(QueueName.of(address))));
        return List.copyOf(claimKeys);
    }

    public String prefix() {
        return prefix;
    }

    /** @return {@code <prefix>:{plugin|queue}}, the base of every key of that logical queue */
    public String queueBase(String pluginName, String queueName) {
        return prefix + ":{" + pluginName + "|" + queueName + "}";
    }

    public String queueBase(JobAddress address) {
        return queueBase(address.pluginName(), address.queueName());
    }

    public String queueBase(QueueName queue) {
        return queueBase(queue.pluginName(), queue.queueName());
    }

    public String jobPrefix(JobAddress address) {
        return jobPrefix(QueueName.of(address));
    }

    /** @return the prefix of a queue's job hashes (every address of the queue shares it) */
    public String jobPrefix(QueueName queue) {
        return queueBase(queue) + ":job:";
    }

    public String job(JobRef ref) {
        return queueBase(ref.pluginName(), ref.queueName()) + ":job:" + ref.member();
    }

    public String waitList(JobAddress address) {
        return queueBase(address) + ":wait:" + address.jobName();
    }

    public String delayed(JobAddress address) {
        return queueBase(address) + ":delayed:" + address.jobName();
    }

    public String active(JobAddress address) {
        return queueBase(address) + ":active:" + address.jobName();
    }

    public String completed(JobAddress address) {
        return queueBase(address) + ":completed:" + address.jobName();
    }

    public String failed(JobAddress address) {
        return queueBase(address) + ":failed:" + address.jobName();
    }

    /** @return a flow parent's record of its children */
    public String children(JobRef parent) {
        return queueBase(parent.pluginName(), parent.queueName()) + ":children:" + parent.member();
    }

    /** @return a job's log lines; lib-finish.lua's deleteJob derives the same name */
    public String log(JobRef ref) {
        return queueBase(ref.pluginName(), ref.queueName()) + ":log:" + ref.member();
    }

    public String prio(JobAddress address) {
        return queueBase(address) + ":prio:" + address.jobName();
    }

    public String prioSeq(JobAddress address) {
        return queueBase(address) + ":prioseq:" + address.jobName();
    }

    /**
     * @return what lib-waiting.lua and lib-counts.lua need of an address besides its wait list, in
     *         this order: the priority zset, its sequence counter, the counters hash
     */
    public List<Object> priorityAndCounts(JobAddress address) {
        return List.of(prio(address), prioSeq(address), counts(address));
    }

    /** Per address, so a deduplication id can never join a job of another job name. */
    public String dedup(JobAddress address, String tenant, String dedupId) {
        return queueBase(address) + ":dedup:" + address.jobName() + "|" + tenant + "|" + dedupId;
    }

    /** @return an address's counters of jobs per state; lib-counts.lua derives the same name */
    public String counts(JobAddress address) {
        return queueBase(address) + ":counts:" + address.jobName();
    }

    /** @return a queue's bucket of jobs that ended in one epoch minute; lib-counts.lua derives the same name */
    public String throughput(String pluginName, String queueName, long epochMinute) {
        return queueBase(pluginName, queueName) + ":tput:" + epochMinute;
    }

    /** @return an address's flow parents waiting for their children */
    public String parents(JobAddress address) {
        return queueBase(address) + ":parents:" + address.jobName();
    }

    /** @return the flag that pauses a logical queue on every pod */
    public String paused(String pluginName, String queueName) {
        return queueBase(pluginName, queueName) + ":paused";
    }

    public String paused(QueueName queue) {
        return paused(queue.pluginName(), queue.queueName());
    }

    /** @return {@code <prefix>:{workers}}, the base of the workers' keys (one slot) */
    public String workersBase() {
        return prefix + ":{workers}";
    }

    public String workerIndex() {
        return workersBase() + ":index";
    }

    /** @return one worker process's info hash */
    public String workerInfo(String workerId) {
        return workersBase() + ":info:" + workerId;
    }

    public String queueLimiter(JobAddress address) {
        return queueBase(address) + ":qlimit";
    }

    /** @return the window of one rate-limit key's starts; the key is the tenant's, so tenants never share one */
    public String keyLimiter(JobAddress address, String tenant, String rateLimitKey) {
        return queueBase(address) + ":klimit:" + tenant + "|" + rateLimitKey;
    }

    /** @return the WAITING jobs of an address held back by one rate-limit key's window */
    public String parked(JobAddress address, String tenant, String rateLimitKey) {
        return queueBase(address) + ":parked:" + address.jobName() + "|" + tenant + "|" + rateLimitKey;
    }

    public String parkedKeys(JobAddress address) {
        return queueBase(address) + ":parkedkeys:" + address.jobName();
    }

    /** @return the hash of one schedule, in its queue's slot so firing it and enqueueing its job is one script */
    public String schedule(String pluginName, String queueName, String tenant, String scheduleId) {
        return queueBase(pluginName, queueName) + ":schedule:" + tenant + "|" + scheduleId;
    }

    public String scheduleIndex() {
        return prefix + ":{schedules}:index";
    }

    public String scheduleIds() {
        return prefix + ":{schedules}:ids";
    }

    public String wakeChannel() {
        return prefix + ":wake";
    }

    public String addresses() {
        return prefix + ":addresses";
    }

    /** @return the wire form of an address, as published on the wake channel */
    public static String wire(JobAddress address) {
        return address.pluginName() + "|" + address.queueName() + "|" + address.jobName();
    }

    /** @return the address of a {@link #wire(JobAddress)} form */
    public static JobAddress parseWire(String wire) {
        int first = wire.indexOf('|');
        int second = wire.indexOf('|', first + 1);
        return new JobAddress(wire.substring(0, first), wire.substring(first + 1, second), wire.substring(second + 1));
    }

    public String pluginKey(String pluginName, String tenant, String name) {
        return prefix + ":plugin:" + pluginName + ":" + tenant + ":" + name;
    }

    /** @return the lease of the one process that reports the queues' depths to telemetry */
    public String telemetryReporter() {
        return prefix + ":telemetry:depth-reporter";
    }

    /**
     * @return the hash of the outbox rows whose jobs reached this logical queue, kept until their rows are deleted:
     *         a row relayed again after a crash finds its field and creates nothing
     */
    public String outboxRelayed(JobAddress address) {
        return queueBase(address) + ":outbox";
    }

    /** @return the lock held by the one process that sweeps the transactional outbox at a time */
    public String outboxSweeper() {
        return prefix + ":outbox:sweeper";
    }
}
