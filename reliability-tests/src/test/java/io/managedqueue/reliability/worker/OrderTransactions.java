package io.managedqueue.reliability.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.reliability.support.Reliability;

/**
 * One business transaction of the outbox scenario: transaction {@code t} enqueues 1–3 jobs (ids
 * {@code order-<t>-<i>}) in one {@code enqueueAll}, then inserts an order row per job carrying the job's
 * id, as an application stores what it enqueued. Every 5th transaction rolls back: its ids are printed
 * ({@code ROLLED BACK id,...}) so the test can check that none of them reaches Redis.
 */
public final class OrderTransactions {

    private final ManagedQueueService queue;
    private final TransactionManager tm;
    private final TransactionSynchronizationRegistry registry;
    private final DataSource app;
    private final boolean hold;

    OrderTransactions(ManagedQueueService queue, JtaResources jta, boolean hold) {
        this.queue = queue;
        this.tm = JtaResources.tm();
        this.registry = jta.registry();
        this.app = jta.app();
        this.hold = hold;
    }

    public static boolean rollsBack(int t) {
        return t % 5 == 4;
    }

    void run(int t) throws Exception {
        tm.begin();
        try {
            List<EnqueueRequest<?>> requests = new ArrayList<>();
            for (int i = 0; i < 1 + t % 3; i++) {
                String tenant = "t" + (t % 3);
                requests.add(EnqueueRequest.builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                        .tenantId(tenant).jobId("order-" + t + "-" + i).payload(Work.of(t * 10 + i, 5, tenant)).build());
            }
            List<String> jobIds = queue.enqueueAll(requests).stream().map(EnqueueResult::jobId).toList();
            insertOrders(t, jobIds);
            if (rollsBack(t)) {
                OutboxProducerMain.say("ROLLED BACK " + String.join(",", jobIds));
                tm.rollback();
                return;
            }
            if (hold) {
                registry.registerInterposedSynchronization(new HoldAfterCommit("tx " + t + ": " + String.join(",", jobIds)));
            }
            tm.commit();
        } catch (Exception | Error e) {
            if (tm.getTransaction() != null) {
                tm.rollback();
            }
            throw e;
        }
    }

    private void insertOrders(int t, List<String> jobIds) throws Exception {
        try (Connection c = app.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, job_id) VALUES (?, ?)")) {
            for (int i = 0; i < jobIds.size(); i++) {
                s.setString(1, "o-" + t + "-" + i);
                s.setString(2, jobIds.get(i));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
