package io.managedqueue.tck.cancel;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static io.managedqueue.tck.support.Waits.never;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.Retention;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * Only a job that has not started can be cancelled, and then its handler never runs; every
 * other case says why it was refused.
 */
@ExtendWith(ArquillianExtension.class)
class CancelTest {

    static final String PLUGIN = "@tck/cancel";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(CancelTest.class).classes(Gate.class, GatedHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Inject
    Gate gate;

    @Test
    void waitingJobIsCancelledAndNeverRuns() {
        String blocker = enqueue("block");
        try {
            awaitCalls(log, blocker, 1);
            String waiting = enqueue("never-runs");
            assertThat(queue.getJob(waiting).orElseThrow().state()).isEqualTo(JobState.WAITING);

            CancelResult result = queue.cancel(waiting);

            assertThat(result).isEqualTo(new CancelResult(true, JobState.CANCELLED, null));
            gate.release(blocker);
            awaitState(queue, blocker, JobState.COMPLETED);
            never(Duration.ofSeconds(1), () -> log.count(waiting) > 0);
            assertThat(queue.getJob(waiting).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        } finally {
            gate.release(blocker);
        }
    }

    @Test
    void delayedJobIsCancelledAndNeverRuns() {
        String delayed = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "work", "step")
                .payload("delayed").tenantId("acme").delay(Duration.ofMillis(800)).build()).jobId();

        CancelResult result = queue.cancel(delayed);

        assertThat(result).isEqualTo(new CancelResult(true, JobState.CANCELLED, null));
        never(Duration.ofSeconds(2), () -> log.count(delayed) > 0);
        assertThat(queue.getJob(delayed).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void activeJobIsNotCancelledNorInterrupted() {
        String active = enqueue("block");
        try {
            awaitCalls(log, active, 1);

            CancelResult result = queue.cancel(active);

            assertThat(result.success()).isFalse();
            assertThat(result.reason()).isEqualTo(CancelResult.Reason.ACTIVE);
            assertThat(result.state()).isEqualTo(JobState.ACTIVE);
        } finally {
            gate.release(active);
        }
        awaitState(queue, active, JobState.COMPLETED);
    }

    @Test
    void completedJobCannotBeCancelled() {
        String completed = enqueue("quick");
        awaitState(queue, completed, JobState.COMPLETED);

        assertThat(queue.cancel(completed))
                .isEqualTo(CancelResult.refused(JobState.COMPLETED, CancelResult.Reason.COMPLETED));
    }

    @Test
    void failedJobCannotBeCancelled() {
        String failed = enqueue("fail");
        awaitState(queue, failed, JobState.FAILED);

        assertThat(queue.cancel(failed))
                .isEqualTo(CancelResult.refused(JobState.FAILED, CancelResult.Reason.FAILED));
    }

    @Test
    void cancelledJobCannotBeCancelledAgain() {
        String delayed = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "work", "step")
                .payload("twice").tenantId("acme").delay(Duration.ofMinutes(5)).build()).jobId();
        assertThat(queue.cancel(delayed).success()).isTrue();

        assertThat(queue.cancel(delayed))
                .isEqualTo(CancelResult.refused(JobState.CANCELLED, CancelResult.Reason.ALREADY_CANCELLED));
    }

    @Test
    void jobThatNoLongerExistsIsNotFound() {
        String removed = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "work", "step")
                .payload("removed").tenantId("acme").removeOnComplete(Retention.none()).build()).jobId();
        awaitCalls(log, removed, 1);
        eventually().alias("completed job removed at once").until(() -> queue.getJob(removed).isEmpty());

        assertThat(queue.cancel(removed)).isEqualTo(CancelResult.refused(null, CancelResult.Reason.NOT_FOUND));
    }

    private String enqueue(String payload) {
        return queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "work", "step").payload(payload).tenantId("acme").build())
                .jobId();
    }
}
