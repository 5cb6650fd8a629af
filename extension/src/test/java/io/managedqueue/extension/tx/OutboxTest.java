package io.managedqueue.extension.tx;

import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.Retention;
import io.managedqueue.extension.PlatformHarness;
import io.managedqueue.extension.cdi.QueueRuntime;
import io.managedqueue.extension.redis.JobFields;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.PreparedJob;

/** The transactional outbox on the application's data source (H2 in memory), and its sweeper on two pods. */
class OutboxTest {

    static final String PLUGIN = "@test/outbox";
    static final String QUEUE = "orders";
    static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "ship", concurrency = 8)
    public static class CountingHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            runs.computeIfAbsent(job.data(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private final PlatformHarness harness = new PlatformHarness("outbox")
            .with("managed-queue.outbox.datasource-name", "app")
            .with("managed-queue.outbox.create-table", "true")
            .with("managed-queue.outbox.sweep-interval", "PT1H") // the tests sweep by hand
            .with("managed-queue.outbox.sweep-after", "1ms");
    private WeldContainer pod1;
    private ManagedQueueService queue;

    @BeforeEach
    void start() throws Exception {
        runs.clear();
        Database.h2();
        pod1 = harness.start(w -> Jta.with(w).addBeanClass(Database.Producer.class), CountingHandler.class);
        queue = harness.queue(pod1);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aCommittedJobIsInTheOutboxInItsTransactionAndLeavesItOnceRedisHasIt() throws Exception {
        int[] rowsInside = new int[1];
        EnqueueResult result = Jta.inTransaction(() -> {
            EnqueueResult r = queue.enqueue(TransactionalEnqueueTest.ship("o-1", PLUGIN));
            rowsInside[0] = Database.count("managed_queue_outbox");
            return r;
        });
        assertThat(rowsInside[0]).isEqualTo(1);
        assertThat(queue.getJob(result.jobId())).isPresent();
        await().atMost(timeout(10)).until(() -> Database.count("managed_queue_outbox") == 0);
        await().atMost(timeout(10)).until(() -> runs.containsKey("o-1"));
        await().atMost(timeout(10)).until(() -> relayMarks() == 0); // forgotten with the rows: nothing kept per job
    }

    @Test
    void aRolledBackJobLeavesNoRow() throws Exception {
        Jta.rolledBack(() -> queue.enqueue(TransactionalEnqueueTest.ship("o-2", PLUGIN)));
        assertThat(Database.count("managed_queue_outbox")).isZero();
    }

    @Test
    void twoPodsSweepingAtOnceRelayEveryLeftBehindJobOnce() throws Exception {
        WeldContainer pod2 = harness.start(w -> Jta.with(w).addBeanClass(Database.Producer.class), CountingHandler.class);
        leaveBehind(200); // as a crash after the commit and before the relay would
        List<OutboxSweeper> sweepers = List.of(sweeper(pod1), sweeper(pod2));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> relayed = new ArrayList<>();
            for (OutboxSweeper s : sweepers) {
                relayed.add(pool.submit(() -> {
                    together.await();
                    return s.sweepOnce();
                }));
            }
            assertThat(relayed.get(0).get() + relayed.get(1).get()).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
        assertThat(Database.count("managed_queue_outbox")).isZero();
        await().atMost(timeout(20)).until(() -> runs.size() == 200);
        assertThat(runs.values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void aRelayThatRunsTwiceCreatesOneJob() throws Exception {
        leaveBehind(20);
        assertThat(sweeper(pod1).sweepOnce()).isEqualTo(20);
        await().atMost(timeout(10)).until(() -> runs.size() == 20);
        leaveBehind(20); // the same jobs again: a relay whose delete was lost
        assertThat(sweeper(pod1).sweepOnce()).isEqualTo(20);
        queue.enqueue(TransactionalEnqueueTest.ship("marker", PLUGIN));
        await().atMost(timeout(10)).until(() -> runs.containsKey("marker"));
        assertThat(runs).hasSize(21);
        assertThat(runs.values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void aRowSweptAfterItsRelayAndAfterRetentionRemovedItsJobCreatesNoSecondJob() throws Exception {
        // the relay after the commit reaches Redis, then its delete fails: the rows stay for the sweeper
        Outbox deletesFail = new Outbox(RefusingDeletes.around(Database.current), "managed_queue_outbox");
        PendingWrites pending = new PendingWrites(new CommitRelay(pod1.select(QueueRuntime.class).get().store(), deletesFail,
                Runnable::run), deletesFail);
        pending.add(jobs(2, 1)); // finished jobs kept: 1, so the first to complete goes when the second does
        pending.committed();
        await().atMost(timeout(10)).until(() -> runs.size() == 2);
        List<String> ids = List.of(new JobRef(PLUGIN, QUEUE, "t1", "left-0").publicId(), new JobRef(PLUGIN, QUEUE, "t1", "left-1").publicId());
        await().atMost(timeout(10)).until(() -> ids.stream().anyMatch(id -> queue.getJob(id).isEmpty()));

        assertThat(sweeper(pod1).sweepOnce()).isEqualTo(2);
        queue.enqueue(TransactionalEnqueueTest.ship("marker", PLUGIN));
        await().atMost(timeout(10)).until(() -> runs.containsKey("marker"));
        assertThat(runs.values()).as("runs per job").allMatch(n -> n.get() == 1);
        assertThat(Database.count("managed_queue_outbox")).isZero();
        await().atMost(timeout(10)).until(() -> relayMarks() == 0);
    }

    /** @return the outbox rows Redis has marked relayed and not yet seen deleted */
    private int relayMarks() {
        String key = pod1.select(QueueRuntime.class).get().store().keys().outboxRelayed(JobAddress.of(PLUGIN, QUEUE, "ship"));
        return queue.getRedis().getMap(key, org.redisson.client.codec.StringCodec.INSTANCE).size();
    }

    private static OutboxSweeper sweeper(WeldContainer pod) {
        return pod.select(TransactionSupport.class).get().sweeper();
    }

    /** Writes rows as a committed transaction does, without relaying them. */
    private static void leaveBehind(int count) {
        new Outbox(Database.current, "managed_queue_outbox").insert(jobs(count, 5000));
    }

    private static List<PreparedJob> jobs(int count, int completedKept) {
        JobAddress address = JobAddress.of(PLUGIN, QUEUE, "ship");
        List<PreparedJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> fields = new JobFields(address).scope(JobScope.of("t1", null)).payload("\"left-" + i + "\"")
                    .attempts(1, Backoff.fixed(Duration.ofSeconds(1)))
                    .retention(Retention.of(Duration.ofDays(1), completedKept), Retention.of(Duration.ofDays(1), 5000)).pairs();
            jobs.add(new PreparedJob(new JobRef(PLUGIN, QUEUE, "t1", "left-" + i), address, 0, fields));
        }
        return jobs;
    }
}
