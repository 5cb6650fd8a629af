package io.managedqueue.extension.redis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueException;

/**
 * The operators' reads and transitions, each one Lua script in the queue's slot: counts and
 * throughput from counters (never a scan of jobs), bounded listing pages, and the transitions
 * retry, promote, clean, pause and resume.
 */
public final class AdminStore {

    private static final List<JobState> STATES = List.of(JobState.values());
    /** Members one listing call looks at, at most: a page over a sparse filter is bounded, not unbounded. */
    private static final int PAGE_BUDGET = 2000;

    private final RedissonClient redis;
    private final RedisKeys keys;
    private final RScript script;

    public AdminStore(RedissonClient redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.script = redis.getScript(StringCodec.INSTANCE);
    }

    /**
     * Reads several logical queues in one pipelined round trip.
     *
     * @param queues logical queue ({@code plugin|queue}) to its job names
     * @param tenant the tenant whose counts are read, {@code ""} for all
     * @return the same keys, in the same order, to their stats
     */
    public Map<QueueName, QueueStats> queueStats(Map<QueueName, List<String>> queues, String tenant) {
        if (queues.isEmpty()) {
            return Map.of();
        }
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        RScriptAsync batchScript = batch.getScript(StringCodec.INSTANCE);
        queues.forEach((queue, jobNames) -> {
            List<Object> queueKeys = new ArrayList<>(1 + 3 * jobNames.size());
            queueKeys.add(keys.paused(queue));
            for (String jobName : jobNames) {
                JobAddress address = queue.address(jobName);
                queueKeys.addAll(List.of(keys.counts(address), keys.waitList(address), keys.prio(address)));
            }
            List<String> args = new ArrayList<>();
            args.add(keys.queueBase(queue));
            args.add(tenant);
            args.add(Integer.toString(STATES.size()));
            STATES.forEach(s -> args.add(s.name()));
            batchScript.evalAsync(Mode.READ_ONLY, LuaScript.ADMIN_QUEUE.text(), ReturnType.LIST, queueKeys, args.toArray());
        });
        BatchResult<?> result = call("queues", batch::execute);
        Map<QueueName, QueueStats> stats = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<QueueName, List<String>> queue : queues.entrySet()) {
            stats.put(queue.getKey(), toStats(queue.getValue(), (List<?>) result.getResponses().get(i++)));
        }
        return stats;
    }

    private static QueueStats toStats(List<String> jobNames, List<?> r) {
        Map<String, EnumMap<JobState, Long>> counts = new LinkedHashMap<>();
        Map<String, Long> oldest = new LinkedHashMap<>();
        int i = 6;
        for (String job : jobNames) {
            EnumMap<JobState, Long> perState = new EnumMap<>(JobState.class);
            for (JobState state : STATES) {
                perState.put(state, asLong(r.get(i++)));
            }
            counts.put(job, perState);
            long runAt = asLong(r.get(i++));
            if (runAt >= 0) {
                oldest.put(job, runAt);
            }
        }
        return new QueueStats(asLong(r.get(0)), asLong(r.get(1)) == 1, asLong(r.get(2)), asLong(r.get(3)), asLong(r.get(4)),
                asLong(r.get(5)), counts, oldest);
    }

    /**
     * One page of a listing, possibly short when the budget ran out first (the cursor goes on).
     *
     * @param queue    the logical queue
     * @param segments the structures to list, in order
     * @param tenant   the tenant filter, {@code ""} for all
     * @param limit    jobs wanted
     * @param start    where to begin
     * @return the jobs and where the next page begins (empty when the listing is complete)
     */
    public ListingPage page(QueueName queue, List<ListingSegment> segments, String tenant, int limit, ListingCursor start) {
        List<String> args = new ArrayList<>(6 + segments.size() * 2);
        List<Object> segmentKeys = new ArrayList<>(segments.size());
        String base = keys.queueBase(queue);
        args.add(base);
        args.add(tenant);
        args.add(Integer.toString(limit));
        args.add(Integer.toString(PAGE_BUDGET));
        args.add(Integer.toString(start.segment() + 1));
        args.add(Integer.toString(start.offset()));
        for (ListingSegment segment : segments) {
            segmentKeys.add(segment.key());
            args.add(segment.state().name());
            args.add(segment.list() ? "list" : "zset");
        }
        List<Object> r = call("jobs", () -> script.eval(base, Mode.READ_ONLY, LuaScript.ADMIN_PAGE.text(), ReturnType.LIST,
                segmentKeys, args.toArray()));
        int nextSegment = (int) asLong(r.get(0)) - 1;
        int nextOffset = (int) asLong(r.get(1));
        int found = (int) asLong(r.get(2));
        List<JobSnapshot> jobs = new ArrayList<>(found);
        int i = 3;
        for (int j = 0; j < found; j++) {
            String member = (String) r.get(i++);
            int n = (int) asLong(r.get(i++));
            Map<String, String> hash = new LinkedHashMap<>();
            for (int f = 0; f < n; f += 2) {
                hash.put((String) r.get(i + f), (String) r.get(i + f + 1));
            }
            i += n;
            JobRef ref = JobRef.ofMember(queue.pluginName(), queue.queueName(), member);
            JobHashes.snapshot(ref.publicId(), hash).ifPresent(jobs::add);
        }
        Optional<ListingCursor> next = nextSegment >= segments.size() ? Optional.empty()
                : Optional.of(new ListingCursor(nextSegment, nextOffset));
        return new ListingPage(jobs, next);
    }

    /** @return the state the job was in ({@code ""}: absent or another tenant's); it moved only from FAILED or CANCELLED */
    public String retry(JobRef ref, String tenantFilter) {
        return jobScript("retry", LuaScript.ADMIN_RETRY, ref, tenantFilter);
    }

    /** @return the state the job was in ({@code ""}: absent or another tenant's); it moved only from DELAYED */
    public String promote(JobRef ref, String tenantFilter) {
        return jobScript("promote", LuaScript.ADMIN_PROMOTE, ref, tenantFilter);
    }

    private String jobScript(String operation, LuaScript lua, JobRef ref, String tenantFilter) {
        return call(operation, () -> script.eval(Mode.READ_WRITE, lua.text(), ReturnType.STRING, List.of(keys.job(ref)),
                ref.member(), keys.queueBase(QueueName.of(ref)), tenantFilter, keys.wakeChannel()));
    }

    /**
     * One batch of a retry-all.
     *
     * @return {moved, skipped, looked at}
     */
    public long[] retryAllBatch(JobAddress address, JobState state, int offset, int max) {
        List<Object> r = call("retryAll", () -> script.eval(Mode.READ_WRITE, LuaScript.ADMIN_RETRY_ALL.text(), ReturnType.LIST,
                List.of(keys.failed(address), keys.waitList(address), keys.prio(address), keys.prioSeq(address),
                        keys.counts(address)),
                keys.queueBase(address), RedisKeys.wire(address), keys.wakeChannel(), state.name(), Integer.toString(offset),
                Integer.toString(max)));
        return triple(r);
    }

    /**
     * One batch of a clean.
     *
     * @return {deleted, skipped, looked at}
     */
    public long[] cleanBatch(JobAddress address, JobState state, long minAgeMillis, int offset, int max) {
        String finished = state == JobState.COMPLETED ? keys.completed(address) : keys.failed(address);
        List<Object> r = call("clean", () -> script.eval(Mode.READ_WRITE, LuaScript.ADMIN_CLEAN.text(), ReturnType.LIST,
                List.of(finished, keys.counts(address)), keys.queueBase(address), state.name(), Long.toString(minAgeMillis),
                Integer.toString(offset), Integer.toString(max)));
        return triple(r);
    }

    /** @return whether the queue was running before */
    public boolean pause(QueueName queue) {
        return call("pause", () -> redis.<String>getBucket(keys.paused(queue), StringCodec.INSTANCE)
                .setIfAbsent("1"));
    }

    /** @return whether the queue was paused before; its workers are woken either way */
    public boolean resume(QueueName queue, List<JobAddress> addresses) {
        List<Object> args = new ArrayList<>();
        args.add(keys.wakeChannel());
        addresses.forEach(a -> args.add(RedisKeys.wire(a)));
        Long was = call("resume", () -> script.eval(Mode.READ_WRITE, LuaScript.ADMIN_RESUME.text(), ReturnType.LONG,
                List.of(keys.paused(queue)), args.toArray()));
        return was == 1;
    }

    /** @return how many counter fields of the address were corrected */
    public int recount(JobAddress address) {
        Long corrected = call("recount", () -> script.eval(Mode.READ_WRITE, LuaScript.ADMIN_RECOUNT.text(), ReturnType.LONG,
                List.of(keys.counts(address), keys.waitList(address), keys.prio(address), keys.parkedKeys(address),
                        keys.delayed(address), keys.active(address), keys.completed(address), keys.failed(address),
                        keys.parents(address)),
                keys.queueBase(address), address.jobName()));
        return corrected.intValue();
    }

    private static long[] triple(List<Object> r) {
        return new long[] {asLong(r.get(0)), asLong(r.get(1)), asLong(r.get(2))};
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private static <T> T call(String operation, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RedisException e) {
            throw new ManagedQueueException(operation + " failed on Redis: " + e.getMessage(), e);
        }
    }
}
