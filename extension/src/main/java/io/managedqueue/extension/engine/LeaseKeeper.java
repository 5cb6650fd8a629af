package io.managedqueue.extension.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;

/**
 * Renews the leases of the jobs this process holds, on a timer of a third of the lease duration,
 * so a long-running job never looks stalled to other workers. When Redis says a lease was lost
 * (this process paused longer than the lease), it warns: another worker may run the job, and this
 * one's outcome will not be stored.
 */
final class LeaseKeeper implements Runnable {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    private final JobStore store;
    private final Collection<AddressWorker> workers;
    /** {@link ClaimedJob#attemptKey()}s whose handler returned and whose outcome is on its way to Redis. */
    private final Set<String> settling = ConcurrentHashMap.newKeySet();

    LeaseKeeper(JobStore store, Collection<AddressWorker> workers) {
        this.store = store;
        this.workers = workers;
    }

    /** The handler returned: its outcome is being stored, so a lease reported lost from now on is no loss. */
    void handlerReturned(ClaimedJob job) {
        settling.add(job.attemptKey());
    }

    /** The job's outcome is stored (or it was handed back): it is no longer this process's, stop renewing its lease. */
    void forget(AddressWorker worker, ClaimedJob job) {
        // held first, then settling: stillHeld relies on this order
        worker.held.remove(job);
        settling.remove(job.attemptKey());
    }

    @Override
    public void run() {
        for (AddressWorker worker : workers) {
            if (worker.held.isEmpty()) {
                continue;
            }
            try {
                Map<String, ClaimedJob> sent = worker.held.snapshot();
                List<String> lost = store.extendLeases(worker.address(), new ArrayList<>(sent.values()));
                lost.stream().filter(member -> stillHeld(worker, sent.get(member)))
                        .forEach(member -> LOG.warning("Managed queue: lost the lease of " + worker.address() + " job " + member
                        + "; its outcome will not be stored by this worker"));
            } catch (RuntimeException e) {
                LOG.warning("Managed queue: renewing leases of " + worker.address() + " failed: " + e);
            }
        }
    }

    /**
     * Whether a job reported lost is still running here. A job whose outcome is being stored
     * finishes (and drops its lease) any moment, so it is no loss; one settled meanwhile is gone.
     * Settling is checked first: {@link #forget} removes from held before settling, so a job
     * settled meanwhile is seen either as settling or as gone, never as held and not settling.
     */
    private boolean stillHeld(AddressWorker worker, ClaimedJob sent) {
        if (sent == null || settling.contains(sent.attemptKey())) {
            return false;
        }
        return worker.held.holdsLeaseOf(sent);
    }
}
