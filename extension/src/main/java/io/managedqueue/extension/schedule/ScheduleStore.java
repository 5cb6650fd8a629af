package io.managedqueue.extension.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.api.ScheduleInfo;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.extension.redis.EnqueueGuard;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.LuaScript;
import io.managedqueue.extension.redis.PreparedJob;
import io.managedqueue.extension.redis.RedisKeys;

/**
 * Schedules in Redis. The schedule hash is the truth; the global index only lets any process find
 * due schedules, and is repaired from the hash whenever they disagree (a process may die between
 * the two writes). A schedule is named in the index by {@code plugin|queue|tenant|id}.
 */
public final class ScheduleStore {

    /** A tick reached later than this after its time is "missed": see {@link #fire(String, long)}. */
    public static final long MISFIRE_TOLERANCE_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(ScheduleStore.class.getName());
    private static final String JOB_FIELD = "j.";

    private final RedissonClient redis;
    private final JobStore jobs;
    private final RedisKeys keys;
    private final RScript script;

    /** What firing a due schedule did. */
    enum Outcome {
        /** this process created the tick's job */
        FIRED,
        /** another process fired it first, or it was not due after all: the index was repaired */
        REPAIRED,
        /** the schedule is gone: its index entry was dropped */
        DROPPED
    }

    /** The due part of the index, read with Redis's clock. */
    record Due(long now, long nextScore, List<String> members) {
    }

    public ScheduleStore(RedissonClient redis, JobStore jobs) {
        this.redis = redis;
        this.jobs = jobs;
        this.keys = jobs.keys();
        this.script = redis.getScript(StringCodec.INSTANCE);
    }

    /**
     * Creates or replaces a schedule (see {@code schedule-save.lua} for what happens to its ticks).
     *
     * @param id       the validated schedule id
     * @param spec     when it fires
     * @param template the job of each tick (its id is ignored), scope already captured
     * @param origin   {@code declared} or {@code api}, for operators
     * @return the stored schedule
     */
    public ScheduleInfo save(String id, ScheduleSpec spec, PreparedJob template, String origin) {
        JobAddress address = template.address();
        String tenant = template.ref().tenant();
        String hashKey = keys.schedule(address.pluginName(), address.queueName(), tenant, id);
        List<String> args = new ArrayList<>(12 + template.fields().size());
        args.add(SpecWire.encode(spec));
        args.add(Long.toString(spec.nextAfter(Instant.now()).toEpochMilli()));
        args.addAll(List.of("id", id, "tenant", tenant, "origin", origin, "delayMs", Long.toString(template.delayMs())));
        List<String> fields = template.fields();
        for (int i = 0; i < fields.size(); i += 2) {
            args.add(JOB_FIELD + fields.get(i));
            args.add(fields.get(i + 1));
        }
        List<?> reply = call("upsertSchedule", () -> script.eval(Mode.READ_WRITE, LuaScript.SCHEDULE_SAVE.text(),
                ReturnType.LIST, List.of(hashKey), args.toArray()));
        String ticks = reply.get(0) + "|" + reply.get(1);
        String member = new JobRef(address.pluginName(), address.queueName(), tenant, id).publicId();
        String previous = index("put", tenant, id, member, Long.parseLong(reply.get(0).toString()));
        if (!previous.isEmpty() && !previous.equals(member)) {
            call("upsertSchedule", () -> redis.getKeys().delete(hashKey(JobRef.parse(previous)))); // moved to another address
        }
        return new StoredSchedule(id, tenant, address, spec, ticks, template.delayMs(), fields).info();
    }

    /**
     * @param tenant the tenant, {@code ""} for system-wide
     * @param id     the schedule id
     * @return whether a schedule was removed
     */
    public boolean remove(String tenant, String id) {
        String member = call("removeSchedule", () -> redis.<String, String>getMap(keys.scheduleIds(), StringCodec.INSTANCE)
                .get(tenant + "|" + id));
        if (member == null) {
            return false;
        }
        // hash first: once it is gone no process fires the schedule, whatever the index still says
        boolean deleted = call("removeSchedule", () -> redis.getKeys().delete(hashKey(JobRef.parse(member)))) > 0;
        index("drop", tenant, id, member, 0);
        return deleted;
    }

    /**
     * @param tenantFilter a tenant, or {@code null} for every schedule
     * @return the schedules by next tick
     */
    public List<ScheduleInfo> list(String tenantFilter) {
        Collection<String> members = call("listSchedules", () -> redis.<String>getScoredSortedSet(keys.scheduleIndex(),
                StringCodec.INSTANCE).valueRange(0, -1));
        List<JobRef> refs = members.stream().map(JobRef::parse)
                .filter(r -> tenantFilter == null || tenantFilter.equals(r.tenant())).toList();
        if (refs.isEmpty()) {
            return List.of();
        }
        BatchResult<?> hashes = call("listSchedules", () -> {
            RBatch batch = redis.createBatch(BatchOptions.defaults());
            refs.forEach(r -> batch.<String, String>getMap(hashKey(r), StringCodec.INSTANCE).readAllMapAsync());
            return batch.execute();
        });
        List<ScheduleInfo> out = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, String> h = (Map<String, String>) hashes.getResponses().get(i);
            decode(refs.get(i), h).ifPresent(s -> out.add(s.info()));
        }
        out.sort((a, b) -> a.nextRunAt().compareTo(b.nextRunAt()));
        return out;
    }

    /** @return up to {@code max} due index members, Redis's time, and the next later score (-1: none) */
    Due due(int max) {
        List<?> r = call("schedules", () -> script.eval(Mode.READ_ONLY, LuaScript.SCHEDULE_DUE.text(), ReturnType.LIST,
                List.of(keys.scheduleIndex()), Integer.toString(max)));
        List<String> members = new ArrayList<>();
        for (int i = 2; i < r.size(); i += 2) {
            members.add((String) r.get(i));
        }
        return new Due(asLong(r.get(0)), asLong(r.get(1)), members);
    }

    /**
     * Fires a due schedule. A tick reached within {@link #MISFIRE_TOLERANCE_MILLIS} of its time is
     * fired and the schedule moves to the tick after it (so a briefly late scheduler catches up
     * tick by tick). A tick reached later was missed, with any after it: one job is created for
     * it, the catch-up, and the schedule moves to the first tick after now.
     *
     * @param member the index member
     * @param now    Redis's time
     * @return what happened
     */
    Outcome fire(String member, long now) {
        JobRef ref = JobRef.parse(member);
        String hashKey = hashKey(ref);
        Map<String, String> h = call("schedule", () -> redis.<String, String>getMap(hashKey, StringCodec.INSTANCE).readAllMap());
        Optional<StoredSchedule> read = decode(ref, h);
        if (read.isEmpty()) {
            index("drop", ref.tenant(), ref.localId(), member, 0);
            return Outcome.DROPPED;
        }
        StoredSchedule schedule = read.get();
        long tick = schedule.nextTick();
        if (tick > now) {
            reindex(member, tick);
            return Outcome.REPAIRED;
        }
        boolean missed = tick < now - MISFIRE_TOLERANCE_MILLIS;
        long next = schedule.spec().nextAfter(Instant.ofEpochMilli(missed ? now : tick)).toEpochMilli();
        PreparedJob job = new PreparedJob(new JobRef(ref.pluginName(), ref.queueName(), ref.tenant(),
                ScheduleIds.tickJobId(schedule.id(), tick)), schedule.address(), schedule.delayMs(), schedule.jobFields());
        Optional<EnqueueResult> created = jobs.enqueueGuarded(job, new EnqueueGuard(hashKey, "ticks", schedule.ticks(),
                next + "|" + tick));
        if (created.isEmpty()) {
            return Outcome.REPAIRED; // another process fired this tick; the next read sees its progress
        }
        if (missed) {
            LOG.info("Managed queue: schedule " + member + " missed its ticks from " + Instant.ofEpochMilli(tick)
                    + " to " + Instant.ofEpochMilli(now) + "; enqueued one catch-up job " + created.get().jobId()
                    + ", next tick " + Instant.ofEpochMilli(next));
        }
        reindex(member, next);
        return Outcome.FIRED;
    }

    private void reindex(String member, long score) {
        call("schedule", () -> redis.<String>getScoredSortedSet(keys.scheduleIndex(), StringCodec.INSTANCE)
                .addIfExists(score, member));
    }

    private String index(String op, String tenant, String id, String member, long score) {
        return call("schedule", () -> script.eval(Mode.READ_WRITE, LuaScript.SCHEDULE_INDEX.text(), ReturnType.STRING,
                List.of(keys.scheduleIndex(), keys.scheduleIds()), op, tenant + "|" + id, member, Long.toString(score)));
    }

    private String hashKey(JobRef member) {
        return keys.schedule(member.pluginName(), member.queueName(), member.tenant(), member.localId());
    }

    private static Optional<StoredSchedule> decode(JobRef ref, Map<String, String> h) {
        if (h == null || !h.containsKey("ticks") || !h.containsKey("spec")) {
            return Optional.empty();
        }
        List<String> fields = new ArrayList<>();
        h.forEach((k, v) -> {
            if (k.startsWith(JOB_FIELD)) {
                fields.add(k.substring(JOB_FIELD.length()));
                fields.add(v);
            }
        });
        JobAddress address = new JobAddress(ref.pluginName(), ref.queueName(), h.get(JOB_FIELD + "name"));
        return Optional.of(new StoredSchedule(ref.localId(), ref.tenant(), address, SpecWire.decode(h.get("spec")),
                h.get("ticks"), Long.parseLong(h.getOrDefault("delayMs", "0")), fields));
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (RedisException e) {
            throw new ManagedQueueException(operation + " failed on Redis: " + e.getMessage(), e);
        }
    }
}
