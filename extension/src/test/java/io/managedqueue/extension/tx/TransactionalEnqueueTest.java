package io.managedqueue.extension.tx;

import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.transaction.Status;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.FlowRequest;
import io.managedqueue.api.FlowResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.extension.PlatformHarness;

/** Enqueue inside a real JTA transaction (Narayana) next to a real database (H2 in memory). */
class TransactionalEnqueueTest {

    static final String PLUGIN = "@test/tx";
    static final String QUEUE = "orders";
    /** order id -> the order's status as the handler found it ("missing" when the row was not there). */
    static final Map<String, String> seenByHandler = new ConcurrentHashMap<>();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "ship", concurrency = 8)
    public static class ShipHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws Exception {
            seenByHandler.put(job.data(), Database.orderStatus(job.data()).orElse("missing"));
        }
    }

    private final PlatformHarness harness = new PlatformHarness("tx").with("managed-queue.payload.max-bytes", "1000");
    private WeldContainer container;
    private ManagedQueueService queue;

    @BeforeEach
    void start() throws Exception {
        seenByHandler.clear();
        Database.h2();
        container = harness.start(Jta::with, ShipHandler.class);
        queue = harness.queue(container);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static EnqueueRequest<String> ship(String orderId) {
        return ship(orderId, PLUGIN);
    }

    /** @return a "ship" job of {@code plugin}'s orders queue, of tenant t1, whose job id is the order id */
    static EnqueueRequest<String> ship(String orderId, String plugin) {
        return EnqueueRequest.<String>builder(plugin, QUEUE, "ship").payload(orderId).tenantId("t1").jobId(orderId).build();
    }

    @Test
    void aJobEnqueuedInATransactionReachesRedisAtTheCommitWithTheIdItWasGiven() throws Exception {
        List<Object> insideTx = new ArrayList<>();
        EnqueueResult result = Jta.inTransaction(() -> {
            Database.insertOrder("o-1", null);
            EnqueueResult r = queue.enqueue(ship("o-1"));
            insideTx.add(queue.getJob(r.jobId()).isPresent());
            return r;
        });

        assertThat(insideTx).containsExactly(false);
        assertThat(result.created()).isTrue();
        assertThat(result.state()).isEqualTo(JobState.WAITING);
        assertThat(queue.getJob(result.jobId())).isPresent(); // written before commit() returned
        await().atMost(timeout(10)).until(() -> seenByHandler.containsKey("o-1"));
        assertThat(seenByHandler).containsEntry("o-1", "NEW");
    }

    @Test
    void aRolledBackTransactionEnqueuesNothing() throws Exception {
        EnqueueResult result = Jta.rolledBack(() -> {
            Database.insertOrder("o-2", null);
            return queue.enqueue(ship("o-2"));
        });

        assertThat(queue.getJob(result.jobId())).isEmpty();
        assertThat(Database.orderStatus("o-2")).isEmpty();
        queue.enqueue(ship("marker")); // jobs run in order: once the marker ran, o-2 would have too
        await().atMost(timeout(10)).until(() -> seenByHandler.containsKey("marker"));
        assertThat(seenByHandler).doesNotContainKey("o-2");
    }

    @Test
    void theHandlerAlwaysFindsTheRowItsTransactionCommitted() throws Exception {
        for (int i = 0; i < 100; i++) {
            String id = "race-" + i;
            Jta.inTransaction(() -> {
                Database.insertOrder(id, queue.enqueue(ship(id)).jobId()); // the job first, the row after: still safe
                return null;
            });
        }
        await().atMost(timeout(20)).until(() -> seenByHandler.size() == 100);
        assertThat(seenByHandler.values()).containsOnly("NEW");
    }

    @Test
    void allJobsOfOneTransactionGoToRedisInOneBatch() throws Exception {
        List<LogRecord> relays = captureRelays();
        Jta.inTransaction(() -> {
            queue.enqueue(ship("b-1"));
            queue.enqueueAll(List.of(ship("b-2"), ship("b-3")));
            container.select(new TypeLiteral<Event<EnqueueRequest<?>>>() { }).get().fire(ship("b-4"));
            return null;
        });

        assertThat(relays).hasSize(1);
        assertThat(relays.get(0).getParameters()).containsExactly(4);
        await().atMost(timeout(10)).until(() -> seenByHandler.keySet().containsAll(List.of("b-1", "b-2", "b-3", "b-4")));
    }

    @Test
    void badInputIsRefusedInsideTheTransactionWhichCanStillRollBack() throws Exception {
        Jta.tm().begin();
        try {
            queue.enqueue(ship("ok-but-rolled-back"));
            assertThatThrownBy(() -> queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "ship").tenantId("t1")
                    .payload("x".repeat(2000)).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
            assertThat(Jta.tm().getStatus()).isEqualTo(Status.STATUS_ACTIVE);
        } finally {
            Jta.tm().rollback();
        }
        assertThat(queue.getJob("@test/tx|orders|t1|ok-but-rolled-back")).isEmpty();
    }

    @Test
    void joinTransactionFalseWritesAtOnceAndSurvivesARollback() throws Exception {
        EnqueueResult audit = Jta.rolledBack(() -> {
            EnqueueResult r = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, QUEUE, "ship").payload("audit")
                    .tenantId("t1").joinTransaction(false).build());
            assertThat(queue.getJob(r.jobId())).isPresent();
            return r;
        });
        assertThat(queue.getJob(audit.jobId())).isPresent();
        await().atMost(timeout(10)).until(() -> seenByHandler.containsKey("audit"));
    }

    @Test
    void aMixedBatchWritesTheOptedOutJobsNowAndTheOthersAtTheCommit() throws Exception {
        List<EnqueueResult> results = Jta.rolledBack(() -> queue.enqueueAll(List.of(ship("m-1"),
                EnqueueRequest.<String>builder(PLUGIN, QUEUE, "ship").payload("m-2").tenantId("t1").jobId("m-2")
                        .joinTransaction(false).build())));
        assertThat(results).extracting(EnqueueResult::jobId).containsExactly("@test/tx|orders|t1|m-1", "@test/tx|orders|t1|m-2");
        assertThat(queue.getJob(results.get(0).jobId())).isEmpty();
        assertThat(queue.getJob(results.get(1).jobId())).isPresent();
    }

    @Test
    void aFlowWaitsForTheCommitToo() throws Exception {
        FlowResult rolledBack = Jta.rolledBack(() -> queue.enqueueFlow(FlowRequest.builder(ship("f-parent-1")).child(ship("f-child-1")).build()));
        assertThat(queue.getJob(rolledBack.parentJobId())).isEmpty();
        assertThat(queue.getJob(rolledBack.childJobIds().get(0))).isEmpty();

        FlowResult committed = Jta.inTransaction(() -> queue.enqueueFlow(FlowRequest.builder(ship("f-parent-2")).child(ship("f-child-2")).build()));
        assertThat(queue.getJob(committed.parentJobId())).isPresent();
        await().atMost(timeout(10)).until(() -> seenByHandler.containsKey("f-parent-2"));
    }

    @Test
    void outsideATransactionNothingChanges() {
        EnqueueResult r = queue.enqueue(ship("plain"));
        assertThat(queue.getJob(r.jobId())).isPresent();
    }

    private static List<LogRecord> captureRelays() {
        Logger logger = Logger.getLogger(CommitRelay.class.getName());
        List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        logger.setLevel(Level.FINE);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage().contains("in one batch")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return records;
    }
}
