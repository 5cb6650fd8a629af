package io.managedqueue.extension.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.extension.redis.EnqueueGuard;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * Makes the relay of an outbox row happen once, whatever Redis still holds: each job is enqueued
 * guarded by its row's field in the queue's relayed hash (set by the same script that creates the job),
 * so a second relay of the row (a crash after Redis had it and before the row's delete) creates nothing,
 * even after retention has removed the finished job. The field is removed once the row is deleted.
 */
final class RelayGuards {

    private static final Logger LOG = Logger.getLogger(RelayGuards.class.getName());

    private RelayGuards() {
    }

    /** @return the jobs, each guarded by its row (same order) */
    static List<PreparedJob> guard(JobStore store, List<PreparedJob> jobs, List<String> rowIds) {
        List<PreparedJob> guarded = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            PreparedJob job = jobs.get(i);
            guarded.add(job.withGuard(new EnqueueGuard(store.keys().outboxRelayed(job.address()), rowIds.get(i), "", "1")));
        }
        return guarded;
    }

    /**
     * Removes the guards of rows now deleted, without waiting for Redis (the caller's thread serves the next
     * transaction's cleanup); a failure leaves a few bytes per row in Redis, and no wrong outcome.
     */
    static void forgetQuietly(JobStore store, List<PreparedJob> guarded) {
        store.forgetGuards(guarded.stream().map(PreparedJob::guard).toList()).whenComplete((done, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "Managed queue: could not remove the relay marks of " + guarded.size()
                        + " deleted outbox row(s); they stay in Redis, harmless", error);
            }
        });
    }
}
