package io.managedqueue.extension.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.api.admin.QueueView;

/**
 * A periodic duty: while this process holds the {@link ReporterLease}, reads every queue's view
 * (counts per state, oldest waiting age, live workers) into a snapshot the gauges report from.
 * Gauges never call Redis themselves: a metric reader may collect often, and Redis is read at
 * most once per interval by one process. A process without the lease reports no depth at all.
 */
final class QueueDepthReporter {

    private static final Logger LOG = Logger.getLogger(QueueDepthReporter.class.getName());

    private final ReporterLease lease;
    private final Supplier<List<QueueView>> queues;
    private final Duration interval;
    private ScheduledExecutorService thread;
    private volatile Snapshot snapshot;

    private record Snapshot(List<QueueView> queues, long readAtNanos) {
    }

    QueueDepthReporter(ReporterLease lease, Supplier<List<QueueView>> queues, Duration interval) {
        this.lease = lease;
        this.queues = queues;
        this.interval = interval;
    }

    void start(ThreadFactory threads) {
        thread = Executors.newSingleThreadScheduledExecutor(threads);
        thread.scheduleWithFixedDelay(this::runTask, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the depths if this process is the reporter; forgets them otherwise. */
    void runTask() {
        try {
            snapshot = lease.hold() ? new Snapshot(queues.get(), System.nanoTime()) : null;
        } catch (RuntimeException e) {
            snapshot = null; // stale depths are worse than none: an alert must not see an old backlog as current
            LOG.log(Level.FINE, "Managed queue: could not read the queue depths for telemetry", e);
        }
    }

    /** @return the queues to report now: empty unless this process is the reporter and its read is recent */
    List<QueueView> current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.readAtNanos() > 3 * interval.toNanos()) {
            return List.of();
        }
        return s.queues();
    }

    /** Stops reading and gives the lease up, so another process reports at once rather than after it expires. */
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshot = null;
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Managed queue: could not release the depth reporter lease; it expires by itself", e);
        }
    }
}
