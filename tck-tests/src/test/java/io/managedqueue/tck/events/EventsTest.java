package io.managedqueue.tck.events;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Waits.eventually;
import static io.managedqueue.tck.support.Waits.never;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * {@code JobCompleted}, {@code JobRetryScheduled} and {@code JobFailed} are CDI events,
 * observable with {@code @Observes} and {@code @ObservesAsync}, once per transition. Firing an
 * {@code EnqueueRequest} as a CDI event enqueues it.
 */
@ExtendWith(ArquillianExtension.class)
class EventsTest {

    static final String PLUGIN = "@tck/events";
    static final JobAddress ADDRESS = JobAddress.of(PLUGIN, "events", "work");

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(EventsTest.class).classes(EventfulHandler.class, LifecycleObserver.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    LifecycleObserver observer;

    @Inject
    JobLog log;

    @Inject
    Event<EnqueueRequest<?>> enqueueEvent;

    @Test
    void completedJobFiresJobCompleted() {
        String jobId = queue.enqueue(work("ok").tenantId("acme").organizationId("north").build()).jobId();

        JobCompleted sync = eventually().until(() -> observer.sync(JobCompleted.class, jobId), e -> !e.isEmpty()).get(0);
        JobCompleted async = eventually().until(() -> observer.async(JobCompleted.class, jobId), e -> !e.isEmpty()).get(0);
        for (JobCompleted event : List.of(sync, async)) {
            assertThat(event.address()).isEqualTo(ADDRESS);
            assertThat(event.tenantId()).isEqualTo("acme");
            assertThat(event.organizationId()).isEqualTo("north");
            assertThat(event.attemptsMade()).isEqualTo(1);
            assertThat(event.completedAt()).isNotNull();
        }
        assertThat(observer.stateSeenOnCompletion(jobId)).as("completion is stored before the event").isEqualTo(JobState.COMPLETED);
        never(Duration.ofMillis(500), () -> observer.sync(JobCompleted.class, jobId).size() > 1
                || observer.async(JobCompleted.class, jobId).size() > 1);
        assertThat(observer.sync(JobFailed.class, jobId)).isEmpty();
        assertThat(observer.sync(JobRetryScheduled.class, jobId)).isEmpty();
    }

    @Test
    void failedAttemptWithAttemptsLeftFiresJobRetryScheduled() {
        Duration backoff = Duration.ofMillis(300);
        String jobId = queue.enqueue(work("fail-once").tenantId("acme").attempts(2).backoff(Backoff.fixed(backoff)).build()).jobId();

        JobRetryScheduled sync = eventually().until(() -> observer.sync(JobRetryScheduled.class, jobId), e -> !e.isEmpty()).get(0);
        JobRetryScheduled async = eventually().until(() -> observer.async(JobRetryScheduled.class, jobId), e -> !e.isEmpty()).get(0);
        JobLog.Call firstAttempt = awaitCalls(log, jobId, 1).get(0);
        for (JobRetryScheduled event : List.of(sync, async)) {
            assertThat(event.address()).isEqualTo(ADDRESS);
            assertThat(event.tenantId()).isEqualTo("acme");
            assertThat(event.attemptsMade()).isEqualTo(1);
            assertThat(event.error()).contains("IllegalStateException").contains("failed: fail-once");
            assertThat(event.nextAttemptAt()).isAfterOrEqualTo(firstAttempt.startedAt().plus(backoff));
        }
        JobCompleted completed = eventually().until(() -> observer.sync(JobCompleted.class, jobId), e -> !e.isEmpty()).get(0);
        assertThat(completed.attemptsMade()).isEqualTo(2);
        assertThat(observer.sync(JobRetryScheduled.class, jobId)).hasSize(1);
        assertThat(observer.sync(JobFailed.class, jobId)).isEmpty();
    }

    @Test
    void finalFailureFiresJobFailed() {
        String jobId = queue.enqueue(work("fail").tenantId("acme").organizationId("south").build()).jobId();

        JobFailed sync = eventually().until(() -> observer.sync(JobFailed.class, jobId), e -> !e.isEmpty()).get(0);
        JobFailed async = eventually().until(() -> observer.async(JobFailed.class, jobId), e -> !e.isEmpty()).get(0);
        for (JobFailed event : List.of(sync, async)) {
            assertThat(event.address()).isEqualTo(ADDRESS);
            assertThat(event.tenantId()).isEqualTo("acme");
            assertThat(event.organizationId()).isEqualTo("south");
            assertThat(event.attemptsMade()).isEqualTo(1);
            assertThat(event.error()).contains("IllegalStateException").contains("failed: fail");
            assertThat(event.failedAt()).isNotNull();
        }
        never(Duration.ofMillis(500), () -> observer.sync(JobFailed.class, jobId).size() > 1);
        assertThat(observer.sync(JobCompleted.class, jobId)).isEmpty();
        assertThat(observer.sync(JobRetryScheduled.class, jobId)).isEmpty();
    }

    @Test
    void firingAnEnqueueRequestEventEnqueuesTheJob() {
        enqueueEvent.fire(work("ok").jobId("fired-1").tenantId("acme").build());

        // The fired request created the job: the same custom id now deduplicates against it.
        EnqueueResult probe = queue.enqueue(work("ok").jobId("fired-1").tenantId("acme").build());
        assertThat(probe.created()).isFalse();
        assertThat(awaitCalls(log, probe.jobId(), 1).get(0).jobTenant()).isEqualTo("acme");
    }

    private static EnqueueRequest.Builder<String> work(String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, "events", "work").payload(payload);
    }
}
