package io.managedqueue.extension.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;

/**
 * Gives jobs back to the head of their queues at shutdown, without using an attempt, and
 * remembers them: the handler of one may still return, and its outcome no longer counts.
 */
final class HandedBackJobs {

    private static final Logger LOG = Logger.getLogger(HandedBackJobs.class.getName());

    private final JobStore store;
    /** {@link ClaimedJob#attemptKey()}s: a lease token alone repeats across jobs. */
    private final Set<String> attempts = ConcurrentHashMap.newKeySet();

    HandedBackJobs(JobStore store) {
        this.store = store;
    }

    /** @return whether Redis took the job back (false: its lease was gone, or Redis did not answer) */
    boolean handBack(ClaimedJob job) {
        attempts.add(job.attemptKey()); // first: a handler returning during the call must see it
        try {
            return store.release(job);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: could not hand back " + job.ref().publicId()
                    + "; it runs again once its lease expires", e);
            return false;
        }
    }

    boolean contains(ClaimedJob job) {
        return attempts.contains(job.attemptKey());
    }
}
