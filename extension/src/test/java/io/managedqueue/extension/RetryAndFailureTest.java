package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

class RetryAndFailureTest {

    /** One call of a handler: when, and which attempt. */
    record Call(long atMillis, int attemptsMade, boolean finalAttempt) {
    }

    static final List<Call> calls = new CopyOnWriteArrayList<>();
    static final List<JobFailed> failedEvents = new CopyOnWriteArrayList<>();
    static final List<JobFailed> failedAsyncEvents = new CopyOnWriteArrayList<>();
    static final List<JobRetryScheduled> retryEvents = new CopyOnWriteArrayList<>();
    static final List<JobCompleted> completedEvents = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "always-fails")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "fails-twice")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "throws-error")
    public static class FlakyHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            calls.add(new Call(System.currentTimeMillis(), job.attemptsMade(), job.isFinalAttempt()));
            switch (job.name()) {
                case "always-fails" -> throw new IllegalStateException("downstream said no to " + job.data());
                case "fails-twice" -> {
                    if (job.attemptsMade() <= 2) {
                        throw new IllegalStateException("not yet");
                    }
                }
                default -> throw new AssertionError("an Error, not an Exception");
            }
        }
    }

    @ApplicationScoped
    public static class Observers {
        void failed(@Observes JobFailed event) {
            failedEvents.add(event);
        }

        void failedAsync(@ObservesAsync JobFailed event) {
            failedAsyncEvents.add(event);
        }

        void retry(@Observes JobRetryScheduled event) {
            retryEvents.add(event);
        }

        void completed(@Observes JobCompleted event) {
            completedEvents.add(event);
        }
    }

    private final PlatformHarness harness = new PlatformHarness("retry");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        calls.clear();
        failedEvents.clear();
        failedAsyncEvents.clear();
        retryEvents.clear();
        completedEvents.clear();
        queue = harness.queue(harness.start(FlakyHandler.class, Observers.class));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void fixedBackoffRetriesThenFailsForGoodKeepingTheLastError() {
        EnqueueResult job = queue.enqueue(Jobs.<String>aJob("always-fails").payload("order-7").attempts(3)
                .backoff(Backoff.fixed(Duration.ofMillis(200))).build());

        await().atMost(timeout(10)).until(() -> failedEvents.size() == 1);
        JobSnapshot snapshot = queue.getJob(job.jobId()).orElseThrow();
        assertThat(snapshot.state()).isEqualTo(JobState.FAILED);
        assertThat(snapshot.attemptsMade()).isEqualTo(3);
        assertThat(snapshot.lastError()).isEqualTo("java.lang.IllegalStateException: downstream said no to order-7");
        assertThat(calls).extracting(Call::attemptsMade).containsExactly(1, 2, 3);
        assertThat(calls).extracting(Call::finalAttempt).containsExactly(false, false, true);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i).atMillis() - calls.get(i - 1).atMillis()).as("gap before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo(200);
        }
        assertThat(retryEvents).hasSize(2);
        JobFailed failed = failedEvents.get(0);
        assertThat(failed.jobId()).isEqualTo(job.jobId());
        assertThat(failed.attemptsMade()).isEqualTo(3);
        assertThat(failed.tenantId()).isEqualTo("t1");
        assertThat(failed.error()).contains("downstream said no");
        await().atMost(timeout(5)).until(() -> failedAsyncEvents.size() == 1);
        assertThat(completedEvents).isEmpty();
    }

    @Test
    void exponentialBackoffDoublesTheWaitAndSucceedsOnTheThirdAttempt() {
        EnqueueResult job = queue.enqueue(Jobs.<String>aJob("fails-twice").attempts(5)
                .backoff(Backoff.exponential(Duration.ofMillis(150))).build());

        await().atMost(timeout(10)).until(() -> completedEvents.size() == 1);
        assertThat(calls).extracting(Call::attemptsMade).containsExactly(1, 2, 3);
        assertThat(calls.get(1).atMillis() - calls.get(0).atMillis()).isGreaterThanOrEqualTo(150);
        assertThat(calls.get(2).atMillis() - calls.get(1).atMillis()).isGreaterThanOrEqualTo(300);
        assertThat(retryEvents).extracting(JobRetryScheduled::attemptsMade).containsExactly(1, 2);
        JobSnapshot snapshot = queue.getJob(job.jobId()).orElseThrow();
        assertThat(snapshot.state()).isEqualTo(JobState.COMPLETED);
        assertThat(snapshot.attemptsMade()).isEqualTo(3);
        assertThat(completedEvents.get(0).attemptsMade()).isEqualTo(3);
        assertThat(failedEvents).isEmpty();
    }

    @Test
    void anErrorFailsTheAttemptLikeAnException() {
        EnqueueResult job = queue.enqueue(Jobs.<String>aJob("throws-error").attempts(2).backoff(Backoff.none()).build());

        await().atMost(timeout(10)).until(() -> failedEvents.size() == 1);
        JobSnapshot snapshot = queue.getJob(job.jobId()).orElseThrow();
        assertThat(snapshot.state()).isEqualTo(JobState.FAILED);
        assertThat(snapshot.attemptsMade()).isEqualTo(2);
        assertThat(snapshot.lastError()).startsWith("java.lang.AssertionError");
    }

    @Test
    void defaultIsOneAttempt() {
        EnqueueResult job = queue.enqueue(Jobs.<String>aJob("always-fails").build());
        await().atMost(timeout(10)).until(() -> failedEvents.size() == 1);
        assertThat(queue.getJob(job.jobId()).orElseThrow().maxAttempts()).isEqualTo(1);
        assertThat(calls).hasSize(1);
    }
}
