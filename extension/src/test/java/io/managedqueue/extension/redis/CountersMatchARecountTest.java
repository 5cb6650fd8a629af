package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.JobState;
import io.managedqueue.api.Retention;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.testing.TestRedis;

/**
 * The operators' counters are kept by the scripts, not scanned. After thousands of random
 * transitions of every kind (enqueue, flow, claim, complete, fail, retry with and without
 * backoff, completions and failures settled together by one claim, release, stall, cancel, operator
 * retry, promote, clean, retention pruning), they must
 * equal both a tally of the job hashes themselves and the recount script's.
 */
class CountersMatchARecountTest {

    private static final String PLUGIN = "@test/counters";
    private static final String QUEUE = "random";
    private static final List<JobAddress> ADDRESSES = List.of(JobAddress.of(PLUGIN, QUEUE, "a"), JobAddress.of(PLUGIN, QUEUE, "b"));
    private static final int OPERATIONS = 4000;

    private final String prefix = TestRedis.uniquePrefix("counters");
    private final RedisKeys keys = new RedisKeys(prefix);
    private final Random random = new Random(20261201L);
    private RedissonClient redis;
    private JobStore store;
    private AdminStore admin;
    private final List<JobRef> known = new ArrayList<>();
    private final Map<JobAddress, List<ClaimedJob>> held = new HashMap<>();

    @BeforeEach
    void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestRedis.address());
        redis = Redisson.create(config);
        store = new JobStore(redis, keys, 250, 2, "test");
        admin = new AdminStore(redis, keys);
        ADDRESSES.forEach(a -> held.put(a, new ArrayList<>()));
    }

    @AfterEach
    void clean() {
        redis.getKeys().deleteByPattern(prefix + ":*");
        redis.shutdown();
    }

    @Test
    void countersEqualTheJobsAfterARandomizedRun() {
        for (int i = 0; i < OPERATIONS; i++) {
            step(ADDRESSES.get(random.nextInt(ADDRESSES.size())));
        }
        Map<String, Long> fromHashes = tallyJobHashes();
        assertThat(statesOf(fromHashes)).as("the run left jobs in many states")
                .contains("ACTIVE", "COMPLETED", "FAILED", "WAITING", "WAITING_CHILDREN");
        assertThat(countersOfQueue()).isEqualTo(fromHashes);
        assertThat(operatorCounts()).as("the queue-wide counts an operator reads are the sums of the tenants' fields")
                .isEqualTo(perAddressAndState(fromHashes));
        for (JobAddress address : ADDRESSES) {
            assertThat(admin.recount(address)).as("recount of " + address + " finds nothing to repair").isZero();
        }
    }

    @Test
    void recountRepairsCountersThatDrifted() {
        for (int i = 0; i < 300; i++) {
            step(ADDRESSES.get(0));
        }
        Map<String, Long> truth = tallyJobHashes();
        redis.getMap(keys.counts(ADDRESSES.get(0)), StringCodec.INSTANCE).put("t|t0|WAITING", "999");
        redis.getMap(keys.counts(ADDRESSES.get(0)), StringCodec.INSTANCE).remove("t|t1|COMPLETED");
        redis.getMap(keys.counts(ADDRESSES.get(0)), StringCodec.INSTANCE).put("t|nobody|FAILED", "7");
        assertThat(admin.recount(ADDRESSES.get(0))).as("the drifted field and the stray one at least").isGreaterThanOrEqualTo(2);
        assertThat(countersOfQueue()).isEqualTo(truth);
        assertThat(operatorCounts()).isEqualTo(perAddressAndState(truth));
    }

    private void step(JobAddress address) {
        int dice = random.nextInt(100);
        if (dice < 30 || known.isEmpty()) {
            enqueue(address);
        } else if (dice < 33) {
            flow(address);
        } else if (dice < 55) {
            claim(address, List.of());
        } else if (dice < 68) {
            completeSome(address);
        } else if (dice < 78) {
            failOne(address);
        } else if (dice < 81) {
            releaseOne(address);
        } else if (dice < 84) {
            stallOne(address);
        } else if (dice < 89) {
            store.cancel(anyKnown(), "");
        } else if (dice < 95) {
            admin.retry(anyKnown(), "");
        } else if (dice < 98) {
            admin.promote(anyKnown(), "");
        } else {
            admin.cleanBatch(address, random.nextBoolean() ? JobState.COMPLETED : JobState.CANCELLED, 0, 0, 5);
        }
    }

    private PreparedJob aJob(JobAddress address) {
        String tenant = "t" + random.nextInt(3);
        JobRef ref = new JobRef(PLUGIN, QUEUE, tenant, UUID.randomUUID().toString());
        Retention retention = switch (random.nextInt(4)) {
            case 0 -> Retention.none();
            case 1 -> Retention.ofCount(40);
            default -> Retention.keepAll();
        };
        List<String> fields = new JobFields(address).scope(JobScope.of(tenant, null)).payload("\"x\"")
                .attempts(1 + random.nextInt(3), Backoff.fixed(Duration.ofMillis(random.nextBoolean() ? 0 : 20)))
                .retention(retention, retention).priority(random.nextInt(5) == 0 ? 5 : 0).pairs();
        long delay = random.nextInt(4) == 0 ? 1 + random.nextInt(30) : 0;
        return new PreparedJob(ref, address, delay, fields);
    }

    private void enqueue(JobAddress address) {
        PreparedJob job = aJob(address);
        store.enqueue(job);
        known.add(job.ref());
    }

    private void flow(JobAddress address) {
        PreparedJob parent = aJob(address);
        parent = new PreparedJob(parent.ref(), address, 0, parent.fields());
        List<PreparedJob> children = List.of(aJob(ADDRESSES.get(0)), aJob(ADDRESSES.get(1)));
        store.enqueueFlow(parent, children, List.of(random.nextBoolean(), false));
        known.add(parent.ref());
        children.forEach(c -> known.add(c.ref()));
    }

    private void claim(JobAddress address, List<Settlement> settlements) {
        claim(address, 1 + random.nextInt(4), settlements);
    }

    private void claim(JobAddress address, int max, List<Settlement> settlements) {
        ClaimBatch batch = store.claim(address, max, settlements, RateLimitPolicy.NONE, RateLimitPolicy.NONE)
                .toCompletableFuture().join();
        held.get(address).addAll(batch.claimed());
    }

    private void completeSome(JobAddress address) {
        List<ClaimedJob> mine = held.get(address);
        // the newest claims: the oldest may have outlived their lease, and a lost lease completes nothing;
        // one in four failed, settled by the same claim as the completions
        List<ClaimedJob> done = new ArrayList<>(mine.subList(Math.max(0, mine.size() - 1 - random.nextInt(3)), mine.size()));
        mine.removeAll(done);
        claim(address, done.stream().map(job -> random.nextInt(4) == 0 ? failure(job) : Settlement.completed(job)).toList());
    }

    private ClaimedJob takeHeld(JobAddress address) {
        List<ClaimedJob> mine = held.get(address);
        return mine.isEmpty() ? null : mine.remove(random.nextInt(mine.size()));
    }

    private void failOne(JobAddress address) {
        ClaimedJob job = takeHeld(address);
        if (job != null) {
            claim(address, 0, List.of(failure(job))); // settled alone, as a worker does when it claims nothing more
        }
    }

    /** A failed attempt: retried at once or after 15 ms, or (one in five) failed whatever attempts are left. */
    private Settlement failure(ClaimedJob job) {
        return Settlement.failed(job, new Settlement.Failure("boom", random.nextBoolean() ? 0 : 15, random.nextInt(5) == 0, ""));
    }

    private void releaseOne(JobAddress address) {
        ClaimedJob job = takeHeld(address);
        if (job != null) {
            store.release(job);
        }
    }

    /** The worker "dies": its lease (250 ms) runs out and a later claim recovers the job. */
    private void stallOne(JobAddress address) {
        takeHeld(address);
    }

    private JobRef anyKnown() {
        return known.get(random.nextInt(known.size()));
    }

    /** Ground truth: every job hash of the queue, by tenant and state (the counters' own shape). */
    private Map<String, Long> tallyJobHashes() {
        Map<String, Long> tally = new HashMap<>();
        String jobPrefix = keys.jobPrefix(new QueueName(PLUGIN, QUEUE));
        redis.getKeys().getKeys(KeysScanOptions.defaults().pattern(jobPrefix + "*")).forEach(key -> {
            Map<String, String> h = redis.<String, String>getMap(key, StringCodec.INSTANCE).readAllMap();
            String address = h.get("name");
            tally.merge(address + "|t|" + h.get("tenant") + "|" + h.get("state"), 1L, Long::sum);
        });
        return tally;
    }

    private static Set<String> statesOf(Map<String, Long> tally) {
        Set<String> states = new TreeSet<>();
        tally.keySet().forEach(key -> states.add(key.substring(key.lastIndexOf('|') + 1)));
        return states;
    }

    /** {@code <address>|t|<tenant>|<STATE>} tallies summed over tenants, as {@code <address>|<STATE>}. */
    private static Map<String, Long> perAddressAndState(Map<String, Long> tally) {
        Map<String, Long> sums = new HashMap<>();
        tally.forEach((key, n) -> sums.merge(key.substring(0, key.indexOf('|')) + "|" + key.substring(key.lastIndexOf('|') + 1),
                n, Long::sum));
        return sums;
    }

    /** What {@code queues()} shows an operator (every tenant), in the same shape, leaving out zeros. */
    private Map<String, Long> operatorCounts() {
        QueueName queue = new QueueName(PLUGIN, QUEUE);
        List<String> jobNames = ADDRESSES.stream().map(JobAddress::jobName).toList();
        Map<String, Long> counts = new HashMap<>();
        admin.queueStats(Map.of(queue, jobNames), "").get(queue).counts().forEach((job, perState) ->
                perState.forEach((state, n) -> {
                    if (n != 0) {
                        counts.put(job + "|" + state, n);
                    }
                }));
        return counts;
    }

    /** The counters, in the same shape, leaving out fields at 0. */
    private Map<String, Long> countersOfQueue() {
        Map<String, Long> counters = new HashMap<>();
        for (JobAddress address : ADDRESSES) {
            redis.<String, String>getMap(keys.counts(address), StringCodec.INSTANCE).readAllMap().forEach((field, value) -> {
                if (Long.parseLong(value) != 0) {
                    counters.put(address.jobName() + "|" + field, Long.parseLong(value));
                }
            });
        }
        return counters;
    }
}
