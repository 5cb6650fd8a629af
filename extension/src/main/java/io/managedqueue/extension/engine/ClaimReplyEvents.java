package io.managedqueue.extension.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobStalled;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.SettleOutcome;
import io.managedqueue.extension.redis.Settlement;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * Reports what a claim reply tells the worker, with Redis's attempt count and time: per settled
 * attempt a {@link JobCompleted}, {@link JobRetryScheduled} or {@link JobFailed} (with its telemetry
 * and log lines), a warning for an outcome that came after its lease was lost, and a {@link JobStalled}
 * for each job the claim recovered. Observers run on handler threads, never on the thread that
 * received the reply, so a slow one cannot hold up claiming; the outcome events of one reply fire in
 * order from one handler-thread task (a reply settling fifty jobs costs one thread hop).
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
     * @param settlements what one claim carried
     * @param outcomes    what Redis made of each, in the same order (from the claim reply)
     */
    void settled(List<Settlement> settlements, List<SettleOutcome> outcomes) {
        List<Object> reply = new ArrayList<>(settlements.size());
        for (int i = 0; i < settlements.size(); i++) {
            Settlement settlement = settlements.get(i);
            if (settlement.succeeded()) {
                completionSettled(settlement.job(), outcomes.get(i), reply);
            } else {
                failureSettled(settlement.job(), settlement.failure(), outcomes.get(i), reply);
            }
        }
        if (!reply.isEmpty()) {
            onHandlerThread(() -> reply.forEach(this::fire));
        }
    }

    private void completionSettled(ClaimedJob job, SettleOutcome outcome, List<Object> reply) {
        if (outcome.kind() == SettleOutcome.Kind.LEASE_LOST) {
            LOG.warning("Managed queue: " + job.ref().publicId() + " completed after its lease was lost; another attempt may run");
            return;
        }
        if (!events.observesCompleted()) {
            return; // nobody listens: build no event
        }
        reply.add(new JobCompleted(job.ref().publicId(), job.address(), job.scope().tenantId(),
                job.scope().organizationId(), outcome.attemptsMade(), outcome.at()));
    }

    private void failureSettled(ClaimedJob job, Settlement.Failure failure, SettleOutcome outcome, List<Object> reply) {
        String id = job.ref().publicId();
        switch (outcome.kind()) {
            case FAILED -> {
                LOG.warning("Managed queue: " + id + failure.trace() + " failed after " + outcome.attemptsMade()
                        + " attempt(s): " + failure.error());
                if (telemetry != null) {
                    telemetry.failed(job.address());
                }
                reply.add(new JobFailed(id, job.address(), job.scope().tenantId(), job.scope().organizationId(),
                        outcome.attemptsMade(), failure.error(), outcome.at()));
            }
            case RETRY_WAITING, RETRY_DELAYED -> {
                if (telemetry != null) {
                    telemetry.retried(job.address());
                }
                reply.add(new JobRetryScheduled(id, job.address(), job.scope().tenantId(), job.scope().organizationId(),
                        outcome.attemptsMade(), failure.error(), outcome.at()));
            }
            case LEASE_LOST -> LOG.warning("Managed queue: " + id + failure.trace() + " failed after its lease was lost: "
                    + failure.error());
            case COMPLETED -> throw new IllegalStateException("claim.lua completed " + id + ", whose attempt failed");
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

    private void fire(Object event) {
        if (event instanceof JobCompleted completed) {
            events.completed(completed);
        } else if (event instanceof JobRetryScheduled retry) {
            events.retryScheduled(retry);
        } else {
            events.failed((JobFailed) event);
        }
    }

    private void onHandlerThread(Runnable fire) {
        try {
            handlerThreads.execute(fire);
        } catch (RejectedExecutionException e) {
            fire.run(); // shutting down: fire here rather than drop them
        }
    }
}
