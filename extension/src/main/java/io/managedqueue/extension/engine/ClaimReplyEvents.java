package io.managedqueue.extension.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobStalled;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * Reports what a claim reply tells the dispatcher: a {@link JobCompleted} for each completion it
 * stored, a {@link JobStalled} for each job it recovered. Observers run on handler threads, never
 * on the dispatcher, so a slow observer cannot hold up claiming.
 */
final class ClaimReplyEvents {

    private static final Logger LOG = Logger.getLogger(ClaimReplyEvents.class.getName());

    private final JobEventSink events;
    /** {@code null} without OpenTelemetry. */
    private final QueueTelemetry telemetry;
    private final Executor dispatcher;
    private final Executor handlerThreads;
    /** Events of settled jobs, fired by one handler-thread task per claim reply (not per job). */
    private final ConcurrentLinkedQueue<JobCompleted> completed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    ClaimReplyEvents(JobEventSink events, QueueTelemetry telemetry, Executor dispatcher, Executor handlerThreads) {
        this.events = events;
        this.telemetry = telemetry;
        this.dispatcher = dispatcher;
        this.handlerThreads = handlerThreads;
    }

    /** @param stored whether Redis stored the completion (false: the lease was lost before it arrived) */
    void completionSettled(ClaimedJob job, boolean stored) {
        if (!stored) {
            LOG.warning("Managed queue: " + job.ref().publicId() + " completed after its lease was lost; another attempt may run");
            return;
        }
        if (!events.observesCompleted()) {
            return; // nobody listens: build no event
        }
        completed.add(new JobCompleted(job.ref().publicId(), job.address(), job.scope().tenantId(),
                job.scope().organizationId(), job.attemptsMade(), Instant.now()));
        if (flushQueued.compareAndSet(false, true)) {
            // queued behind the task settling this claim reply (the dispatcher is one thread), so it
            // collects every completion of the reply; one thread hop per reply instead of one per job
            try {
                dispatcher.execute(this::flushCompleted);
            } catch (RejectedExecutionException e) {
                flushCompleted();
            }
        }
    }

    void stalled(JobAddress address, ClaimBatch.StalledJob stalled) {
        LOG.warning("Managed queue: job " + stalled.ref().publicId() + " stalled (lease expired, stall #"
                + stalled.stallCount() + ")" + (stalled.failed() ? "; failed for stalling too often" : "; queued again"));
        if (telemetry != null) {
            telemetry.stalled(address);
        }
        String tenant = stalled.ref().tenant().isEmpty() ? null : stalled.ref().tenant();
        JobStalled event = new JobStalled(stalled.ref().publicId(), address, tenant, stalled.stallCount(), Instant.now());
        handlerThreads.execute(() -> events.stalled(event));
    }

    /** Hands the queued completion events to one handler-thread task, which fires them in order. */
    private void flushCompleted() {
        flushQueued.set(false);
        List<JobCompleted> batch = new ArrayList<>();
        for (JobCompleted event; (event = completed.poll()) != null; ) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        Runnable fire = () -> batch.forEach(events::completed);
        try {
            handlerThreads.execute(fire);
        } catch (RejectedExecutionException e) {
            fire.run(); // shutting down: fire here rather than drop them
        }
    }
}
