package io.managedqueue.tck.ratelimit;

import static io.managedqueue.tck.ratelimit.StartWindows.SKEW_MILLIS;
import static io.managedqueue.tck.ratelimit.StartWindows.maxStartsInAnyWindow;
import static io.managedqueue.tck.ratelimit.StartWindows.spanMillis;
import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
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

/**
 * A queue's rate limit holds in every sliding window; a job over it stays {@code WAITING} and
 * uses no attempt. A rate-limit key at its limit waits aside without holding back other keys.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitTest {

    static final String PLUGIN = "@tck/ratelimit";
    static final int QUEUE_MAX = 5;
    static final long QUEUE_WINDOW_MILLIS = 1000;
    static final long KEY_WINDOW_MILLIS = 1000;

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(RateLimitTest.class).classes(LimitedHandler.class, StartWindows.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Test
    void queueLimitHoldsInEverySlidingWindowAndLimitedJobsUseNoAttempt() {
        int jobs = 3 * QUEUE_MAX;
        List<EnqueueResult> results = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            results.add(queue.enqueue(request("limited", "call", "job-" + i).build()));
        }

        eventually().until(() -> callsOf("call").size() >= QUEUE_MAX);
        // the last job is in the third window: it cannot start for another second at least
        JobSnapshot held = queue.getJob(results.get(jobs - 1).jobId()).orElseThrow();
        assertThat(held.state()).as("a job over the limit simply waits").isEqualTo(JobState.WAITING);
        assertThat(held.attemptsMade()).as("and uses no attempt").isZero();

        List<JobLog.Call> calls = eventually().until(() -> callsOf("call"), c -> c.size() >= jobs);
        List<JobSnapshot> done = results.stream().map(r -> awaitState(queue, r.jobId(), JobState.COMPLETED)).toList();
        List<Instant> starts = done.stream().map(JobSnapshot::startedAt).toList();
        assertThat(maxStartsInAnyWindow(starts, QUEUE_WINDOW_MILLIS - SKEW_MILLIS)).as("starts %s", starts)
                .isLessThanOrEqualTo(QUEUE_MAX);
        assertThat(spanMillis(starts)).as("%d jobs at %d per window need three windows", jobs, QUEUE_MAX)
                .isGreaterThanOrEqualTo(2 * QUEUE_WINDOW_MILLIS - SKEW_MILLIS);
        assertThat(done).extracting(JobSnapshot::attemptsMade).containsOnly(1);
        assertThat(calls).extracting(JobLog.Call::attemptsMade).containsOnly(1);
        assertThat(calls).extracting(JobLog.Call::jobId).doesNotHaveDuplicates();
    }

    @Test
    void keyAtItsLimitWaitsAsideWithoutHoldingBackOtherKeys() {
        List<EnqueueResult> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(queue.enqueue(request("per-key", "send", "slow-" + i).rateLimitKey("integration-1").build()));
        }
        List<EnqueueResult> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(queue.enqueue(request("per-key", "send", "other-" + i).rateLimitKey("integration-" + (i + 2)).build()));
            others.add(queue.enqueue(request("per-key", "send", "unkeyed-" + i).build()));
        }
        // equal keys of two tenants are limited apart
        others.add(queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "per-key", "send").tenantId("globex")
                .payload("globex-1").rateLimitKey("integration-1").build()));

        Instant secondSlow = started(slow.get(1));
        JobSnapshot parked = queue.getJob(slow.get(2).jobId()).orElseThrow();
        assertThat(parked.state()).as("a parked job is still waiting").isEqualTo(JobState.WAITING);
        assertThat(parked.attemptsMade()).isZero();
        for (EnqueueResult other : others) {
            assertThat(started(other)).as("%s started before the parked key's second job", other.jobId()).isBefore(secondSlow);
        }

        List<Instant> slowStarts = slow.stream().map(this::started).toList();
        assertThat(maxStartsInAnyWindow(slowStarts, KEY_WINDOW_MILLIS - SKEW_MILLIS)).as("starts %s", slowStarts).isEqualTo(1);
        assertThat(spanMillis(slowStarts)).isGreaterThanOrEqualTo(2 * KEY_WINDOW_MILLIS - SKEW_MILLIS);
        for (EnqueueResult r : slow) {
            assertThat(awaitState(queue, r.jobId(), JobState.COMPLETED).attemptsMade()).isEqualTo(1);
            assertThat(log.count(r.jobId())).isEqualTo(1);
        }
    }

    /** When the platform started the job (its claim, on Redis's clock): the moment the limit counts. */
    private Instant started(EnqueueResult job) {
        awaitCalls(log, job.jobId(), 1);
        return eventually().until(() -> queue.getJob(job.jobId()).orElseThrow().startedAt(), java.util.Objects::nonNull);
    }

    private static EnqueueRequest.Builder<String> request(String queueName, String jobName, String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, queueName, jobName).tenantId("acme").payload(payload);
    }

    private List<JobLog.Call> callsOf(String jobName) {
        return log.calls().stream().filter(c -> c.jobName().equals(jobName)).toList();
    }
}
