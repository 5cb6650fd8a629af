package io.managedqueue.extension.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.Deduplication;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.FlowResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.redis.ReplicaAcks.Shortfall;

/**
 * Every job transition, each one Lua script on Redis. Knows keys and wire formats; knows
 * nothing of CDI, handlers or threads.
 */
public final class JobStore {

    /** How claim-settle.lua tells a settlement's kind: a completion, a failure, a failure no retry can cure. */
    private static final String COMPLETED = "c";
    private static final String FAILED = "f";
    private static final String FAILED_PERMANENTLY = "p";

    /** enqueue.lua's options (ARGV[5]) by deduplication (none, throttle, debounce) and guard (without, with). */
    private static final String[][] ENQUEUE_OPTIONS = {{"", "g"}, {"t", "tg"}, {"b", "bg"}};

    private final RedissonClient redis;
    private final RedisKeys keys;
    private final RScript script;
    private final long leaseMillis;
    private final int maxStalls;
    private final String leaseTokenPrefix;
    private final ReplicaAcks acks;
    private final String wakeChannel;

    /**
     * @param redis            the client
     * @param keys             the key builder
     * @param leaseMillis      how long a claim or renewal holds a job
     * @param maxStalls        stalls after which a job fails instead of running again
     * @param leaseTokenPrefix this process's unique token
     * @param acks             how many replicas a state change must reach before it counts as done
     */
    public JobStore(RedissonClient redis, RedisKeys keys, long leaseMillis, int maxStalls, String leaseTokenPrefix,
            ReplicaAcks acks) {
        this.redis = redis;
        this.keys = keys;
        this.script = redis.getScript(ScriptCodec.INSTANCE);
        this.leaseMillis = leaseMillis;
        this.maxStalls = maxStalls;
        this.leaseTokenPrefix = leaseTokenPrefix;
        this.acks = acks;
        this.wakeChannel = keys.wakeChannel();
    }

    /** A store whose state changes do not wait for replicas. */
    public JobStore(RedissonClient redis, RedisKeys keys, long leaseMillis, int maxStalls, String leaseTokenPrefix) {
        this(redis, keys, leaseMillis, maxStalls, leaseTokenPrefix, new ReplicaAcks(redis, 0, java.time.Duration.ofSeconds(1)));
    }

    public RedisKeys keys() {
        return keys;
    }

    public EnqueueResult enqueue(PreparedJob job) {
        return call("enqueue", () -> toEnqueueResult(job, acks.eval(Shortfall.REFUSE, LuaScript.ENQUEUE,
                ReturnType.LIST, enqueueKeys(job, null), enqueueArgs(job, null))));
    }

    /**
     * Enqueues only if the guard holds, moving the guard on in the same script.
     *
     * @return the result, or empty when the guard did not hold (nothing was written)
     */
    public Optional<EnqueueResult> enqueueGuarded(PreparedJob job, EnqueueGuard guard) {
        List<?> reply = call("enqueue", () -> acks.eval(Shortfall.REFUSE, LuaScript.ENQUEUE,
                ReturnType.LIST, enqueueKeys(job, guard), enqueueArgs(job, guard)));
        return asLong(reply.get(0)) < 0 ? Optional.empty() : Optional.of(toEnqueueResult(job, reply));
    }

    /**
     * One job alone as one script call; several as one pipelined batch (see {@link EnqueuePipeline}).
     *
     * @return the results in order, or a {@link ManagedQueueException} when Redis fails
     */
    public CompletionStage<List<EnqueueResult>> enqueueBatchAsync(List<PreparedJob> jobs) {
        if (jobs.size() == 1) {
            return acks.<List<?>>evalAsync(Shortfall.REFUSE, LuaScript.ENQUEUE, ReturnType.LIST,
                            enqueueKeys(jobs.get(0), null), enqueueArgs(jobs.get(0), null))
                    .handle((reply, error) -> {
                        if (error != null) {
                            throw enqueueFailure(error);
                        }
                        return List.of(toEnqueueResult(jobs.get(0), reply));
                    });
        }
        if (acks.enabled()) {
            return AcknowledgedBatches.enqueue(this, jobs);
        }
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        RScriptAsync batchScript = batch.getScript(ScriptCodec.INSTANCE);
        for (PreparedJob job : jobs) {
            evalEnqueue(batchScript, job); // each reply is read from the batch's result below
        }
        return batch.executeAsync().handle((result, error) -> {
            if (error != null) {
                throw enqueueFailure(error);
            }
            List<EnqueueResult> results = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                results.add(toEnqueueResult(jobs.get(i), (List<?>) result.getResponses().get(i)));
            }
            return results;
        });
    }

    /** All jobs in one pipelined round trip (per Redis node). */
    public List<EnqueueResult> enqueueAll(List<PreparedJob> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        try {
            return enqueueBatchAsync(jobs).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** One batch of jobs that share a hash slot (so one node, whose replica count the batch reports). */
    CompletionStage<List<EnqueueResult>> enqueueAcknowledged(List<PreparedJob> jobs) {
        RBatch batch = acks.newBatch();
        RScriptAsync batchScript = batch.getScript(ScriptCodec.INSTANCE);
        List<CompletionStage<EnqueueResult>> replies = new ArrayList<>(jobs.size());
        for (PreparedJob job : jobs) {
            replies.add(enqueueAsync(batchScript, job));
        }
        return batch.executeAsync().handle((result, error) -> {
            if (error != null) {
                throw enqueueFailure(error);
            }
            acks.check(result, Shortfall.REFUSE, "enqueueAll");
            return replies.stream().map(r -> r.toCompletableFuture().join()).toList();
        });
    }

    private CompletionStage<List<?>> evalEnqueue(RScriptAsync target, PreparedJob job) {
        return target.evalAsync(Mode.READ_WRITE, LuaScript.ENQUEUE.text(), ReturnType.LIST,
                enqueueKeys(job, null), enqueueArgs(job, null));
    }

    private CompletionStage<EnqueueResult> enqueueAsync(RScriptAsync target, PreparedJob job) {
        return evalEnqueue(target, job)
                .handle((reply, error) -> {
                    if (error != null) {
                        throw enqueueFailure(error);
                    }
                    return toEnqueueResult(job, reply);
                });
    }

    /**
     * Deletes guard fields that have served (one pipelined batch), e.g. those of outbox rows now deleted.
     *
     * @return done when Redis has answered; failed with Redisson's exception otherwise
     */
    public CompletionStage<?> forgetGuards(List<EnqueueGuard> guards) {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        guards.forEach(g -> batch.getMap(g.hashKey(), StringCodec.INSTANCE).fastRemoveAsync(g.field()));
        return batch.executeAsync();
    }

    /** Redisson's exception types stay inside: callers see {@link ManagedQueueException}. */
    private static CompletionException enqueueFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new CompletionException(cause instanceof RedisException
                ? new ManagedQueueException("enqueue failed on Redis: " + cause.getMessage(), cause) : cause);
    }

    /**
     * The common case, a job without deduplication or guard, sends 6 keys and 5 arguments before
     * its fields: the optional parts go only when present (see enqueue.lua's header).
     */
    private List<Object> enqueueKeys(PreparedJob job, EnqueueGuard explicit) {
        EnqueueGuard guard = explicit != null ? explicit : job.guard();
        Deduplication dedup = job.deduplication();
        RedisKeys.AddressNames a = keys.names(job.address());
        List<Object> tail = a.priorityAndCounts();
        Object[] enqueueKeys = new Object[6 + (dedup == null ? 0 : 1) + (guard == null ? 0 : 1)];
        enqueueKeys[0] = a.jobPrefix() + job.ref().member();
        enqueueKeys[1] = a.waitList();
        enqueueKeys[2] = a.delayed();
        enqueueKeys[3] = tail.get(0);
        enqueueKeys[4] = tail.get(1);
        enqueueKeys[5] = tail.get(2);
        int n = 6;
        if (dedup != null) {
            enqueueKeys[n++] = keys.dedup(job.address(), job.ref().tenant(), dedup.id());
        }
        if (guard != null) {
            enqueueKeys[n] = guard.hashKey();
        }
        return Arrays.asList(enqueueKeys);
    }

    private Object[] enqueueArgs(PreparedJob job, EnqueueGuard explicit) {
        EnqueueGuard guard = explicit != null ? explicit : job.guard();
        Deduplication dedup = job.deduplication();
        boolean throttle = dedup != null && dedup.mode() == Deduplication.Mode.THROTTLE;
        RedisKeys.AddressNames a = keys.names(job.address());
        List<String> fields = job.fields();
        int first = JobFields.addressEntries(fields, job.address()); // the script writes those from the address
        Object[] args = new Object[5 + (dedup == null ? 0 : throttle ? 2 : 1) + (guard == null ? 0 : 3) + fields.size() - first];
        args[0] = job.ref().member();
        args[1] = job.delayMs() == 0 ? "0" : Long.toString(job.delayMs());
        args[2] = wakeChannel;
        args[3] = a.wire();
        args[4] = ENQUEUE_OPTIONS[dedup == null ? 0 : throttle ? 1 : 2][guard == null ? 0 : 1];
        int n = 5;
        if (dedup != null) {
            args[n++] = a.base();
        }
        if (throttle) {
            args[n++] = Long.toString(dedup.ttl().toMillis());
        }
        if (guard != null) {
            args[n++] = guard.field();
            args[n++] = guard.expected();
            args[n++] = guard.next();
        }
        for (int i = first; i < fields.size(); i++) {
            args[n++] = fields.get(i);
        }
        return args;
    }

    private static EnqueueResult toEnqueueResult(PreparedJob job, List<?> reply) {
        // a deduplicated request answers with the member of the job it joined
        JobRef joined = JobRef.ofMember(job.address().pluginName(), job.address().queueName(), (String) reply.get(2));
        if (asLong(reply.get(0)) < 0) {
            return new EnqueueResult(joined.publicId(), false, null); // its guard failed: nothing was written
        }
        return new EnqueueResult(joined.publicId(), asLong(reply.get(0)) == 1, JobState.valueOf((String) reply.get(1)));
    }

    /**
     * One worker cycle in one round trip: settles the attempts that ended since the last one
     * (completions, and failures retried or failed for good), promotes due delayed jobs, recovers
     * stalled ones, and claims up to {@code max} jobs of an address.
     */
    public CompletionStage<ClaimBatch> claim(JobAddress address, int max, List<Settlement> settlements,
            RateLimitPolicy queueLimit, RateLimitPolicy keyLimit) {
        RedisKeys.AddressNames names = keys.names(address); // built once per address, not per claim
        List<Object> claimKeys = new ArrayList<>(names.claimKeys().size() + settlements.size());
        claimKeys.addAll(names.claimKeys());
        List<String> args = new ArrayList<>(13 + settlements.size() * 3);
        args.add(names.base());
        args.add(address.jobName());
        args.add(Long.toString(leaseMillis));
        args.add(Integer.toString(max));
        args.add(leaseTokenPrefix);
        args.add(Integer.toString(maxStalls));
        args.add(Integer.toString(queueLimit.max()));
        args.add(Long.toString(queueLimit.windowMillis()));
        args.add(Integer.toString(keyLimit.max()));
        args.add(Long.toString(keyLimit.windowMillis()));
        args.add(wakeChannel);
        args.add(names.wire());
        args.add(Integer.toString(settlements.size()));
        for (Settlement settlement : settlements) {
            ClaimedJob job = settlement.job();
            claimKeys.add(names.jobPrefix() + job.ref().member());
            args.add(job.ref().member());
            args.add(job.lease());
            Settlement.Failure failure = settlement.failure();
            if (failure == null) {
                args.add(COMPLETED);
            } else {
                args.add(failure.permanent() ? FAILED_PERMANENTLY : FAILED);
                args.add(failure.error());
                args.add(Long.toString(failure.backoffMillis()));
            }
        }
        return acks.<List<Object>>evalAsync(Shortfall.PROCEED, LuaScript.CLAIM, ReturnType.LIST, claimKeys, args.toArray())
                .thenApply(reply -> ClaimReply.decode(address, reply));
    }

    /** Hands a job back to the head of its wait list without using an attempt. */
    public boolean release(ClaimedJob job) {
        JobAddress a = job.address();
        return call("release", () -> asLong(acks.eval(Shortfall.PROCEED, LuaScript.RELEASE, ReturnType.LONG,
                withPriorityAndCounts(a, keys.job(job.ref()), keys.active(a), keys.waitList(a)),
                job.ref().member(), job.lease(), keys.wakeChannel(), RedisKeys.wire(a))) == 1);
    }

    /** @return the keys given, then what lib-waiting.lua and lib-counts.lua need of the address */
    private List<Object> withPriorityAndCounts(JobAddress address, Object... first) {
        List<Object> all = new ArrayList<>(first.length + 3);
        all.addAll(List.of(first));
        all.addAll(keys.priorityAndCounts(address));
        return all;
    }

    /** @return the members among {@code jobs} whose lease this process no longer holds */
    public List<String> extendLeases(JobAddress address, Collection<ClaimedJob> jobs) {
        List<Object> leaseKeys = new ArrayList<>(1 + jobs.size());
        leaseKeys.add(keys.active(address));
        List<String> args = new ArrayList<>(1 + jobs.size() * 2);
        args.add(Long.toString(leaseMillis));
        for (ClaimedJob job : jobs) {
            leaseKeys.add(keys.job(job.ref()));
            args.add(job.ref().member());
            args.add(job.lease());
        }
        List<Object> lost = call("extendLeases", () -> script.eval(Mode.READ_WRITE, LuaScript.EXTEND_LEASES.text(),
                ReturnType.LIST, leaseKeys, args.toArray()));
        return lost.stream().map(String.class::cast).toList();
    }

    public boolean updateData(ClaimedJob job, String payloadJson) {
        return call("updateData", () -> asLong(script.eval(Mode.READ_WRITE, LuaScript.UPDATE_DATA.text(), ReturnType.LONG,
                List.of(keys.job(job.ref())), job.lease(), payloadJson, "payload")) == 1);
    }

    public boolean setResult(ClaimedJob job, String resultJson) {
        return call("setResult", () -> asLong(script.eval(Mode.READ_WRITE, LuaScript.UPDATE_DATA.text(), ReturnType.LONG,
                List.of(keys.job(job.ref())), job.lease(), resultJson, "result")) == 1);
    }

    public boolean setProgress(ClaimedJob job, int percent) {
        return call("updateProgress", () -> asLong(script.eval(Mode.READ_WRITE, LuaScript.UPDATE_DATA.text(), ReturnType.LONG,
                List.of(keys.job(job.ref())), job.lease(), Integer.toString(percent), "progress")) == 1);
    }

    /** Appends a line to the job's log, keeping the newest {@code maxLines}. */
    public boolean appendLog(ClaimedJob job, String line, int maxLines) {
        return call("log", () -> asLong(script.eval(Mode.READ_WRITE, LuaScript.APPEND_LOG.text(), ReturnType.LONG,
                List.of(keys.job(job.ref()), keys.log(job.ref())), job.lease(), line, Integer.toString(maxLines))) == 1);
    }

    /** @return a job's log lines, oldest first */
    public List<String> readLog(JobRef ref) {
        return call("readLog", () -> redis.<String>getList(keys.log(ref), StringCodec.INSTANCE).readAll());
    }

    /**
     * Creates a flow in one script.
     *
     * @param parent      the parent job
     * @param children    its children
     * @param ignoreFails per child, whether its failure is ignored (else it fails the parent)
     * @return the flow's ids and whether it was created
     * @throws IllegalArgumentException naming the child whose custom id exists already
     */
    public FlowResult enqueueFlow(PreparedJob parent, List<PreparedJob> children, List<Boolean> ignoreFails) {
        JobAddress parentAddress = parent.address();
        List<Object> flowKeys = new ArrayList<>(3 + children.size() * 6);
        flowKeys.add(keys.job(parent.ref()));
        flowKeys.add(keys.parents(parentAddress));
        flowKeys.add(keys.counts(parentAddress));
        List<String> args = new ArrayList<>();
        args.add(keys.wakeChannel());
        args.add(Integer.toString(children.size()));
        args.add(parent.ref().member());
        args.add(keys.queueBase(parentAddress));
        args.add(parentAddress.jobName());
        args.add(keys.waitList(parentAddress)); // stored in each child for the previous build's pods (lib-keys.lua)
        args.add(RedisKeys.wire(parentAddress));
        args.add(Integer.toString(parent.fields().size()));
        args.addAll(parent.fields());
        for (int i = 0; i < children.size(); i++) {
            PreparedJob child = children.get(i);
            flowKeys.add(keys.job(child.ref()));
            flowKeys.add(keys.waitList(child.address()));
            flowKeys.add(keys.delayed(child.address()));
            flowKeys.addAll(keys.priorityAndCounts(child.address()));
            args.add(child.ref().member());
            args.add(Long.toString(child.delayMs()));
            args.add(RedisKeys.wire(child.address()));
            args.add(ignoreFails.get(i) ? "ignore" : "fail");
            args.add(child.ref().publicId());
            args.add(Integer.toString(child.fields().size()));
            args.addAll(child.fields());
        }
        List<?> reply = call("enqueueFlow", () -> acks.eval(Shortfall.REFUSE, LuaScript.ENQUEUE_FLOW, ReturnType.LIST,
                flowKeys, args.toArray()));
        long outcome = asLong(reply.get(0));
        if (outcome < 0) {
            int index = (int) asLong(reply.get(1));
            throw new IllegalArgumentException("children[" + index + "].jobId: a job with the id "
                    + children.get(index).ref().publicId() + " exists already; nothing was written");
        }
        List<String> childIds = outcome == 1 ? children.stream().map(c -> c.ref().publicId()).toList() : List.of();
        return new FlowResult(parent.ref().publicId(), childIds, outcome == 1);
    }

    /** @return a flow parent's children: child public id to final state and recorded result JSON (or "") */
    public Map<String, String[]> readChildren(JobRef parent) {
        Map<String, String> raw = call("children", () -> redis.<String, String>getMap(keys.children(parent), StringCodec.INSTANCE).readAllMap());
        Map<String, String[]> children = new java.util.LinkedHashMap<>();
        raw.forEach((child, value) -> {
            int bar = value.indexOf('|');
            children.put(child, new String[] {value.substring(0, bar), value.substring(bar + 1)});
        });
        return children;
    }

    /**
     * @param tenantFilter the caller's tenant, or {@code ""} for an unscoped caller
     * @return CANCELLED, NOT_FOUND, ALREADY_CANCELLED, or the refusing state's name
     */
    public String cancel(JobRef ref, String tenantFilter) {
        return call("cancel", () -> acks.eval(Shortfall.REFUSE, LuaScript.CANCEL, ReturnType.STRING,
                List.of(keys.job(ref)), ref.member(), keys.queueBase(QueueName.of(ref)), tenantFilter));
    }

    /** Reads a job; empty when absent or, with a non-empty filter, another tenant's. */
    public Optional<JobSnapshot> read(JobRef ref, String tenantFilter) {
        Map<String, String> h = call("getJob", () -> redis.<String, String>getMap(keys.job(ref), StringCodec.INSTANCE).readAllMap());
        return visibleSnapshot(ref, h, tenantFilter);
    }

    /** Reads a job and its log lines in one round trip; empty as {@link #read(JobRef, String)}. */
    @SuppressWarnings("unchecked")
    public Optional<JobSnapshot> readWithLog(JobRef ref, String tenantFilter) {
        List<?> replies = call("getJob", () -> {
            RBatch batch = redis.createBatch(BatchOptions.defaults());
            batch.<String, String>getMap(keys.job(ref), StringCodec.INSTANCE).readAllMapAsync();
            batch.<String>getList(keys.log(ref), StringCodec.INSTANCE).readAllAsync();
            return batch.execute().getResponses();
        });
        List<String> log = (List<String>) replies.get(1);
        return visibleSnapshot(ref, (Map<String, String>) replies.get(0), tenantFilter).map(s -> s.withLogLines(log));
    }

    private static Optional<JobSnapshot> visibleSnapshot(JobRef ref, Map<String, String> h, String tenantFilter) {
        if (!tenantFilter.isEmpty() && !tenantFilter.equals(h.get("tenant"))) {
            return Optional.empty();
        }
        return JobHashes.snapshot(ref.publicId(), h);
    }

    /** Records an address as known, for operators; idempotent. */
    public void registerAddress(JobAddress address) {
        registerAddresses(List.of(address));
    }

    /** Records addresses as known, for operators, in one call; idempotent. */
    public void registerAddresses(Collection<JobAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        call("registerAddress", () -> redis.getSet(keys.addresses(), StringCodec.INSTANCE)
                .addAll(addresses.stream().map(RedisKeys::wire).toList()));
    }

    /** @return every address ever enqueued to or handled, in this key prefix */
    public List<JobAddress> knownAddresses() {
        return call("addresses", () -> redis.<String>getSet(keys.addresses(), StringCodec.INSTANCE).readAll()).stream()
                .map(RedisKeys::parseWire).sorted(java.util.Comparator.comparing(RedisKeys::wire)).toList();
    }


    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ManagedQueueException refused ? refused : e;
        } catch (RedisException e) {
            throw new ManagedQueueException(operation + " failed on Redis: " + e.getMessage(), e);
        }
    }
}
