package io.managedqueue.tck.delay;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/** A delayed job is {@code DELAYED} until its due time, never starts before it, then completes. */
@ExtendWith(ArquillianExtension.class)
class DelayTest {

    static final String PLUGIN = "@tck/delay";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(DelayTest.class).classes(DelayedHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Test
    void delayedJobIsDelayedUntilItsDueTimeThenCompletes() {
        Duration delay = Duration.ofMillis(1500);
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(delay);

        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "later", "run")
                .payload("later").tenantId("acme").delay(delay).build());

        assertThat(result.created()).isTrue();
        assertThat(result.state()).isEqualTo(JobState.DELAYED);
        JobSnapshot pending = queue.getJob(result.jobId()).orElseThrow();
        // A 1.5 s delay cannot have elapsed yet unless the machine stalled for that long.
        assertThat(pending.state()).isEqualTo(JobState.DELAYED);
        assertThat(pending.runAt()).isAfterOrEqualTo(notBefore);
        assertThat(log.count(result.jobId())).isZero();

        JobLog.Call call = awaitCalls(log, result.jobId(), 1).get(0);
        assertThat(call.startedAt()).as("never starts before its due time").isAfterOrEqualTo(notBefore);
        JobSnapshot done = awaitState(queue, result.jobId(), JobState.COMPLETED);
        assertThat(done.startedAt()).isAfterOrEqualTo(done.runAt());
    }

    @Test
    void delayedJobsStartInTheOrderTheyAreDue() {
        Instant enqueued = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EnqueueResult late = enqueueWithDelay("late", 1500);
        EnqueueResult early = enqueueWithDelay("early", 500);
        EnqueueResult middle = enqueueWithDelay("middle", 1000);

        JobLog.Call lateCall = awaitCalls(log, late.jobId(), 1).get(0);
        JobLog.Call earlyCall = awaitCalls(log, early.jobId(), 1).get(0);
        JobLog.Call middleCall = awaitCalls(log, middle.jobId(), 1).get(0);
        assertThat(List.of(earlyCall, middleCall, lateCall)).extracting(JobLog.Call::startedAt).isSorted();
        assertThat(earlyCall.startedAt()).isAfterOrEqualTo(enqueued.plusMillis(500));
        assertThat(middleCall.startedAt()).isAfterOrEqualTo(enqueued.plusMillis(1000));
        assertThat(lateCall.startedAt()).isAfterOrEqualTo(enqueued.plusMillis(1500));
    }

    @Test
    void jobWithoutDelayIsWaitingNotDelayed() {
        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "later", "run")
                .payload("now").tenantId("acme").build());

        assertThat(result.state()).isEqualTo(JobState.WAITING);
        awaitState(queue, result.jobId(), JobState.COMPLETED);
    }

    private EnqueueResult enqueueWithDelay(String payload, long millis) {
        return queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "later", "run")
                .payload(payload).tenantId("acme").delay(Duration.ofMillis(millis)).build());
    }
}
