package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.testing.TestRedis;
import io.managedqueue.testing.TestTimeouts;

/**
 * A bare {@link JobStore} on the test Redis, under a key prefix of its own, that observes every
 * job hash of its queue before and after each store call and reports each change to the suite's
 * {@link TransitionRecorder}. One per test; {@link #close()} deletes the prefix.
 */
final class StoreFixture implements AutoCloseable {

    static final String PLUGIN = "@contract/plugin";
    static final String QUEUE = "contract.queue";
    /** Long enough never to expire within a test, unless a test means it to. */
    static final long LEASE_MILLIS = 60_000;
    /** A job that stalls a second time fails. */
    static final int MAX_STALLS = 1;
    /**
     * Short enough to expire within a test's bound, long enough that two store calls made one after the
     * other (two claims, a claim and a renewal) fall within it on a loaded machine.
     */
    static final long SHORT_LEASE_MILLIS = 300;

    /** The tenant filter of an unscoped caller: it sees every tenant's jobs. */
    static final String ANY_TENANT = "";

    private static RedissonClient client;

    private final RedisKeys keys = new RedisKeys(TestRedis.uniquePrefix("contract"));
    private final JobStore store = new JobStore(client(), keys, LEASE_MILLIS, MAX_STALLS, "contract-worker");
    private final AdminStore admin = new AdminStore(client(), keys);
    private final TransitionRecorder recorder = TransitionRecorder.suite();
    private final Map<String, String> jobNames = new HashMap<>();

    static synchronized RedissonClient client() {
        if (client == null) {
            Config config = new Config();
            config.useSingleServer().setAddress(TestRedis.address());
            client = Redisson.create(config);
        }
        return client;
    }

    static synchronized void shutdownClient() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }

    JobStore store() {
        return store;
    }

    AdminStore admin() {
        return admin;
    }

    RedisKeys keys() {
        return keys;
    }

    /** @return a store on the same keys whose claims hold a job for {@link #SHORT_LEASE_MILLIS} only */
    JobStore shortLeaseStore() {
        return new JobStore(client(), keys, SHORT_LEASE_MILLIS, MAX_STALLS, "short-lease-worker");
    }

    EnqueueResult enqueue(PreparedJob job) {
        return observe("enqueue", () -> store.enqueue(job));
    }

    ClaimBatch claim(JobStore via, JobAddress address, int max, List<Settlement> settlements,
            RateLimitPolicy keyLimit) {
        return observe("claim", () -> via.claim(address, max, settlements, RateLimitPolicy.NONE, keyLimit)
                .toCompletableFuture().join());
    }

    /** One claim that claims nothing and settles {@code settlements}: what they did to their jobs, in order. */
    List<SettleOutcome> settle(Settlement... settlements) {
        return claim(store, settlements[0].job().address(), 0, List.of(settlements), RateLimitPolicy.NONE).settled();
    }

    /** One claim call that claims nothing: it settles, promotes, recovers and un-parks only. */
    ClaimBatch cycle(JobAddress address) {
        return claim(store, address, 0, List.of(), RateLimitPolicy.NONE);
    }

    /** @return the one job a claim of at most one took */
    ClaimedJob claimOne(JobStore via, JobAddress address) {
        List<ClaimedJob> claimed = claim(via, address, 1, List.of(), RateLimitPolicy.NONE).claimed();
        assertThat(claimed).as("jobs claimed at %s", address).hasSize(1);
        return claimed.get(0);
    }

    ClaimedJob claimOne(JobAddress address) {
        return claimOne(store, address);
    }

    /** @return whether the completion was stored (the lease was held) */
    boolean complete(ClaimedJob job) {
        SettleOutcome outcome = settle(Settlement.completed(job)).get(0);
        return outcome.kind() == SettleOutcome.Kind.COMPLETED;
    }

    /**
     * Settles a failed attempt of {@code job} with the error "boom", as a worker's next claim does.
     *
     * @param permanent fail the job whatever attempts are left
     */
    SettleOutcome fail(ClaimedJob job, long backoffMillis, boolean permanent) {
        return settle(failure(job, backoffMillis, permanent)).get(0);
    }

    /** @return a failed attempt of {@code job} with the error "boom", as a worker hands it to its next claim */
    static Settlement failure(ClaimedJob job, long backoffMillis, boolean permanent) {
        return Settlement.failed(job, new Settlement.Failure("boom", backoffMillis, permanent, ""));
    }

    /**
     * Enqueues two jobs of one rate-limit key and claims both under {@code keyLimit} (one start per
     * window): the first runs, the second is parked behind it.
     *
     * @return the parked job
     */
    PreparedJob parkedBehindARunningJob(String rateLimitKey, RateLimitPolicy keyLimit) {
        PreparedJob running = PreparedJobBuilder.aJob().rateLimitKey(rateLimitKey).build();
        PreparedJob parked = PreparedJobBuilder.aJob().rateLimitKey(rateLimitKey).build();
        enqueue(running);
        enqueue(parked);
        assertThat(claim(store, running.address(), 2, List.of(), keyLimit).claimed())
                .extracting(ClaimedJob::ref).containsExactly(running.ref());
        return parked;
    }

    /** Enqueues and claims a job: it is ACTIVE under this fixture's long lease. */
    ClaimedJob active(PreparedJob job) {
        enqueue(job);
        return claimOne(job.address());
    }

    /**
     * Runs claim cycles that claim nothing until the job is in {@code expected}, so that what the
     * cycle does to it (promotion, stall recovery) is observed alone, not merged with a claim.
     */
    void cycleUntil(PreparedJob job, JobState expected) {
        eventually(() -> {
            cycle(job.address());
            return state(job.ref()).orElseThrow() == expected;
        });
    }

    /** Waits, within the suite's bound, until {@code condition} holds. */
    void eventually(Callable<Boolean> condition) {
        await().atMost(TestTimeouts.seconds(10)).until(condition);
    }

    /** @return the same job as a worker holding a stale lease sees it */
    static ClaimedJob withAnotherLease(ClaimedJob job) {
        return job.withLease(job.lease() + "-stale");
    }

    /** A job delayed a few milliseconds: waits until a cycle promotes it, then claims it. */
    ClaimedJob claimWhenDue(PreparedJob job) {
        cycleUntil(job, JobState.WAITING);
        return claimOne(job.address());
    }

    Optional<JobState> state(JobRef ref) {
        return store.read(ref, ANY_TENANT).map(JobSnapshot::state);
    }

    JobSnapshot read(JobRef ref) {
        return store.read(ref, ANY_TENANT).orElseThrow(() -> new AssertionError("no job " + ref.publicId()));
    }

    /**
     * Runs one store call (or a bounded wait for a background one) and records how it changed the
     * state of each job hash of the queue.
     */
    <T> T observe(String script, Supplier<T> call) {
        Map<String, JobState> before = states();
        T result = call.get();
        Map<String, JobState> after = states();
        assertCountersMatch(script, after);
        before.forEach((key, from) -> {
            JobState to = after.get(key);
            if (to == null) {
                recorder.deleted(script, from);
            } else if (to != from) {
                recorder.transition(script, from, to);
            }
        });
        after.forEach((key, to) -> {
            if (!before.containsKey(key)) {
                recorder.created(script, to);
            }
        });
        return result;
    }

    /** @return each job hash of the queue: key to state and job name */
    private Map<String, JobState> states() {
        jobNames.clear();
        Map<String, JobState> states = new HashMap<>();
        String pattern = keys.jobPrefix(new QueueName(PLUGIN, QUEUE)) + "*";
        client().getKeys().getKeysStream(KeysScanOptions.defaults().pattern(pattern)).forEach(key -> {
            Map<String, String> job = client().<String, String>getMap(key, StringCodec.INSTANCE).getAll(Set.of("state", "name"));
            if (job.containsKey("state")) {
                states.put(key, JobState.valueOf(job.get("state")));
                jobNames.put(key, job.get("name"));
            }
        });
        return states;
    }

    /** The operators' counters must tell what the job hashes tell, after every store call. */
    private void assertCountersMatch(String script, Map<String, JobState> states) {
        Map<String, EnumMap<JobState, Long>> expected = new TreeMap<>();
        states.forEach((key, state) -> expected.computeIfAbsent(jobNames.get(key), n -> zeroCounts()).merge(state, 1L, Long::sum));
        QueueName queue = new QueueName(PLUGIN, QUEUE);
        Map<String, EnumMap<JobState, Long>> counted = new TreeMap<>(
                admin.queueStats(Map.of(queue, List.copyOf(expected.keySet())), ANY_TENANT).get(queue).counts());
        assertThat(counted).as("the queue's counters after %s", script).isEqualTo(expected);
    }

    private static EnumMap<JobState, Long> zeroCounts() {
        EnumMap<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        return counts;
    }

    @Override
    public void close() {
        client().getKeys().deleteByPattern(keys.prefix() + ":*");
    }
}
