package io.managedqueue.tck.retry;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static io.managedqueue.tck.support.Waits.never;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * A failing handler is called again after its backoff until its attempts are used up; then the
 * job is {@code FAILED} with the last error, and {@code JobFailed} says so.
 */
@ExtendWith(ArquillianExtension.class)
class RetryTest {

    static final String PLUGIN = "@tck/retry";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(RetryTest.class)
                .classes(FlakyHandler.class, RetryEvents.class)
                .build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Inject
    RetryEvents events;

    @Test
    void fixedBackoffRetriesUntilTheAttemptsAreUsedUp() {
        Duration backoff = Duration.ofMillis(400);
        String jobId = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "flaky", "always-fails")
                .payload("fixed").tenantId("acme").attempts(3).backoff(Backoff.fixed(backoff)).build()).jobId();

        JobSnapshot failed = awaitState(queue, jobId, JobState.FAILED);
        List<JobLog.Call> calls = log.callsFor(jobId);
        assertThat(calls).extracting(JobLog.Call::attemptsMade).containsExactly(1, 2, 3);
        assertThat(calls).extracting(JobLog.Call::finalAttempt).containsExactly(false, false, true);
        assertThat(calls).allSatisfy(c -> assertThat(c.maxAttempts()).isEqualTo(3));
        assertGapsAtLeast(calls, backoff, backoff);

        assertThat(failed.attemptsMade()).isEqualTo(3);
        assertThat(failed.maxAttempts()).isEqualTo(3);
        assertThat(failed.lastError()).contains("IllegalStateException").contains("boom on attempt 3");
        assertThat(failed.finishedAt()).isNotNull();

        JobFailed failure = eventually().until(() -> events.failures(jobId), e -> !e.isEmpty()).get(0);
        assertThat(failure.attemptsMade()).isEqualTo(3);
        assertThat(failure.error()).contains("boom on attempt 3");
        assertThat(failure.tenantId()).isEqualTo("acme");
        List<JobRetryScheduled> retries = events.retries(jobId);
        assertThat(retries).extracting(JobRetryScheduled::attemptsMade).containsExactly(1, 2);
        assertThat(retries.get(0).error()).contains("boom on attempt 1");
        assertThat(retries.get(1).error()).contains("boom on attempt 2");
        assertThat(retries.get(0).nextAttemptAt()).isAfterOrEqualTo(calls.get(0).startedAt().plus(backoff));

        never(Duration.ofMillis(600), () -> log.count(jobId) > 3);
        assertThat(events.failures(jobId)).as("JobFailed fires once").hasSize(1);
    }

    @Test
    void exponentialBackoffDoublesTheWaitAfterEachFailure() {
        Duration base = Duration.ofMillis(200);
        String jobId = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "flaky", "always-fails")
                .payload("exponential").tenantId("acme").attempts(4).backoff(Backoff.exponential(base)).build()).jobId();

        JobSnapshot failed = awaitState(queue, jobId, JobState.FAILED);
        List<JobLog.Call> calls = log.callsFor(jobId);
        assertThat(calls).extracting(JobLog.Call::attemptsMade).containsExactly(1, 2, 3, 4);
        assertGapsAtLeast(calls, base, base.multipliedBy(2), base.multipliedBy(4));
        assertThat(failed.attemptsMade()).isEqualTo(4);
        assertThat(failed.lastError()).contains("boom on attempt 4");
    }

    @Test
    void jobThatSucceedsOnALaterAttemptCompletes() {
        String jobId = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "flaky", "fails-twice")
                .payload("recovers").tenantId("acme").attempts(5).backoff(Backoff.fixed(Duration.ofMillis(100))).build()).jobId();

        JobSnapshot completed = awaitState(queue, jobId, JobState.COMPLETED);
        assertThat(completed.attemptsMade()).isEqualTo(3);
        assertThat(log.callsFor(jobId)).extracting(JobLog.Call::attemptsMade).containsExactly(1, 2, 3);
        assertThat(events.retries(jobId)).hasSize(2);
        assertThat(eventually().until(() -> events.completions(jobId), e -> !e.isEmpty()).get(0).attemptsMade()).isEqualTo(3);
        assertThat(events.failures(jobId)).isEmpty();
    }

    @Test
    void withoutExplicitAttemptsAJobIsTriedOnce() {
        String jobId = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "flaky", "always-fails")
                .payload("default").tenantId("acme").build()).jobId();

        JobSnapshot failed = awaitState(queue, jobId, JobState.FAILED);
        assertThat(failed.maxAttempts()).isEqualTo(1);
        assertThat(failed.attemptsMade()).isEqualTo(1);
        assertThat(awaitCalls(log, jobId, 1).get(0).finalAttempt()).isTrue();
        never(Duration.ofMillis(500), () -> log.count(jobId) > 1);
        assertThat(events.retries(jobId)).isEmpty();
    }

    /** Each attempt starts no earlier than the previous one's start plus the backoff due after it. */
    private static void assertGapsAtLeast(List<JobLog.Call> calls, Duration... gaps) {
        assertThat(calls).hasSize(gaps.length + 1);
        for (int i = 0; i < gaps.length; i++) {
            Duration gap = Duration.between(calls.get(i).startedAt(), calls.get(i + 1).startedAt());
            assertThat(gap).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(gaps[i]);
        }
    }
}
