package io.managedqueue.extension.tx;

import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.extension.PlatformHarness;

/** The same guarantees on PostgreSQL, with the outbox in it; runs only where a local PostgreSQL answers. */
@EnabledIf("io.managedqueue.extension.tx.Database#postgresRunning")
class PostgresTransactionalEnqueueTest {

    private final PlatformHarness harness = new PlatformHarness("tx-pg")
            .with("managed-queue.outbox.datasource-name", "app")
            .with("managed-queue.outbox.create-table", "true");
    private ManagedQueueService queue;

    @BeforeEach
    void start() throws Exception {
        TransactionalEnqueueTest.seenByHandler.clear();
        Database.postgres();
        WeldContainer container = harness.start(w -> Jta.with(w).addBeanClass(Database.Producer.class),
                TransactionalEnqueueTest.ShipHandler.class);
        queue = harness.queue(container);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        Database.dropPostgresSchema();
    }

    @Test
    void commitEnqueuesAndTheHandlerFindsTheRowRollbackLeavesNeitherRowNorJob() throws Exception {
        for (int i = 0; i < 30; i++) {
            String id = "pg-" + i;
            Jta.inTransaction(() -> {
                Database.insertOrder(id, queue.enqueue(TransactionalEnqueueTest.ship(id)).jobId());
                return null;
            });
        }
        EnqueueResult rolledBack = Jta.rolledBack(() -> {
            Database.insertOrder("pg-rolled-back", null);
            return queue.enqueue(TransactionalEnqueueTest.ship("pg-rolled-back"));
        });

        await().atMost(timeout(20)).until(() -> TransactionalEnqueueTest.seenByHandler.size() == 30);
        assertThat(TransactionalEnqueueTest.seenByHandler.values()).containsOnly("NEW");
        assertThat(queue.getJob(rolledBack.jobId())).isEmpty();
        assertThat(Database.orderStatus("pg-rolled-back")).isEmpty();
        await().atMost(timeout(10)).until(() -> Database.count("managed_queue_outbox") == 0);
    }
}
