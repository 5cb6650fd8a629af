package io.managedqueue.extension.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobStalled;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * Reports what a claim reply tells the worker: a {@link JobCompleted} for each completion it
 * stored, a {@link JobStalled} for each job it recovered. Observers run on handler threads, never
 * on the thread that received the reply, so a slow observer cannot hold up claiming; the events of
 * one reply go out as one handler-thread task (one hop per reply, not per job).
 */
final class ClaimReplyEvents {

    private static final Logger LOG = Logger.getLogger(ClaimReplyEvents.class.getName());

    private final JobEventSink events;
    /** {@code null} without OpenTelemetry. */
    private final QueueTelemetry telemetry;
    private final Executor handlerThreads;

    ClaimReplyEvents(JobEventSink events, QueueTelemetry telemetry, Executor handlerThreads) {
        this.events = events;
        this.telemetry = telemetry;
        this.handlerThreads = handlerThreads;
    }

    /**
     * @param jobs   the completions one claim carried
     * @param stored per job, whether Redis stored it (false: the lease was lost before it arrived)
     */
    void completionsSettled(List<ClaimedJob> jobs, List<Boolean> stored) {
        List<JobCompleted> completed = null;
        for (int i = 0; i < jobs.size(); i++) {
            ClaimedJob job = jobs.get(i);
            if (!stored.get(i)) {
                LOG.warning("Managed queue: " + job.ref().publicId() + " completed after its lease was lost; another attempt may run");
            } else if (events.observesCompleted()) { // nobody listens: build no event
                if (completed == null) {
                    completed = new ArrayList<>(jobs.size());
                }
                completed.add(new JobCompleted(job.ref().publicId(), job.address(), job.scope().tenantId(),
                        job.scope().organizationId(), job.attemptsMade(), Instant.now()));
            }
        }
        if (completed != null) {
            List<JobCompleted> batch = completed;
            onHandlerThread(() -> batch.forEach(events::completed));
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
        onHandlerThread(() -> events.stalled(event));
    }

    private void onHandlerThread(Runnable fire) {
        try {
            handlerThreads.execute(fire);
        } catch (RejectedExecutionException e) {
            fire.run(); // shutting down: fire here rather than drop them
        }
    }
}
