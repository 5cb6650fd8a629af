package io.managedqueue.extension.engine;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

import io.managedqueue.api.admin.WorkerView;
import io.managedqueue.extension.redis.WorkerRegistry;

/**
 * Tells operators that this process is alive and what it handles: every heartbeat interval it
 * writes each address's concurrency and busy slots; at a graceful stop it removes itself.
 */
final class WorkerHeartbeat implements Runnable {

    private static final Logger LOG = Logger.getLogger(WorkerHeartbeat.class.getName());

    private final WorkerRegistry registry;
    private final String workerId;
    private final String host = hostName();
    private final Collection<AddressWorker> workers;
    private boolean failing;

    WorkerHeartbeat(WorkerRegistry registry, String workerId, Collection<AddressWorker> workers) {
        this.registry = registry;
        this.workerId = workerId;
        this.workers = workers;
    }

    @Override
    public void run() {
        List<WorkerView.HandledAddress> handled = workers.stream()
                .map(w -> new WorkerView.HandledAddress(w.address(), w.concurrency, w.held.size())).toList();
        try {
            registry.heartbeat(workerId, host, handled);
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) { // once per outage, not once per beat
                LOG.warning("Managed queue: worker heartbeat failed (operators may see this process as gone): " + e);
            }
            failing = true;
        }
    }

    void remove() {
        try {
            registry.remove(workerId);
        } catch (RuntimeException e) {
            LOG.fine("could not remove the worker entry; it expires by itself: " + e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
