package io.managedqueue.extension.tx;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * Writes what a transaction committed to Redis, on the committing thread (so that a caller that
 * reads the job right after its commit finds it): all jobs in one pipelined batch, then each flow.
 * With an outbox, the relayed rows are deleted afterwards on a platform thread, outside the
 * transaction; what a failure here leaves in the outbox the sweeper relays.
 */
public final class CommitRelay {

    private static final Logger LOG = Logger.getLogger(CommitRelay.class.getName());

    private final JobStore store;
    private final Outbox outbox;
    private final Executor cleanup;

    /**
     * @param store   where jobs go
     * @param outbox  the outbox, or {@code null}
     * @param cleanup where outbox rows are deleted
     */
    public CommitRelay(JobStore store, Outbox outbox, Executor cleanup) {
        this.store = store;
        this.outbox = outbox;
        this.cleanup = cleanup;
    }

    void send(List<PreparedJob> committed, List<DeferredFlow> flows, List<String> outboxRows) {
        // with an outbox, each job is guarded by its row: a sweep of a row this relay wrote creates nothing
        List<PreparedJob> jobs = outbox == null ? committed : RelayGuards.guard(store, committed, outboxRows);
        try {
            if (!jobs.isEmpty()) {
                store.enqueueAll(jobs);
                LOG.log(Level.FINE, "Managed queue: relayed {0} job(s) of a committed transaction in one batch", jobs.size());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Managed queue: " + jobs.size() + " job(s) of a committed transaction did not reach Redis ("
                    + (outbox == null ? "no outbox configured: they are lost" : "the outbox sweeper relays them") + "): "
                    + jobs.stream().map(j -> j.ref().publicId()).toList(), e);
            return;
        }
        for (DeferredFlow flow : flows) {
            try {
                store.enqueueFlow(flow.parent(), flow.children(), flow.ignoreFails());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Managed queue: the flow " + flow.parent().ref().publicId()
                        + " of a committed transaction was not created", e);
            }
        }
        if (outbox != null && !outboxRows.isEmpty()) {
            deleteLater(outboxRows, jobs);
        }
    }

    private void deleteLater(List<String> rows, List<PreparedJob> guarded) {
        Runnable delete = () -> {
            if (outbox.deleteQuietly(rows)) {
                RelayGuards.forgetQuietly(store, guarded); // only now: a row still there must keep its guard
            }
        };
        try {
            cleanup.execute(delete);
        } catch (RejectedExecutionException shuttingDown) {
            delete.run();
        }
    }
}
