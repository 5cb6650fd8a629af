package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

/** Handlers are called through their contextual reference, so MicroProfile Fault Tolerance interceptors apply. */
class FaultToleranceTest {

    static final AtomicInteger retriedCalls = new AtomicInteger();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "flaky")
    public static class RetryingHandler implements PluginJobHandler<String> {
        @Override
        @Retry(maxRetries = 3, delay = 0)
        public void handle(ManagedQueueJob<String> job) {
            if (retriedCalls.incrementAndGet() < 3) {
                throw new IllegalStateException("transient");
            }
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "hangs")
    public static class HangingHandler implements PluginJobHandler<String> {
        @Override
        @Timeout(200)
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            TimeUnit.SECONDS.sleep(30); // a hung downstream call; @Timeout must cut it
        }
    }

    private final PlatformHarness harness = new PlatformHarness("faulttolerance");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        retriedCalls.set(0);
        queue = harness.queue(harness.startWithFaultTolerance(RetryingHandler.class, HangingHandler.class));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void retryInterceptorRetriesInsideOneAttempt() {
        EnqueueResult job = queue.enqueue(aJob("flaky").build());
        await().atMost(timeout(10)).until(() -> queue.getJob(job.jobId()).orElseThrow().state() == JobState.COMPLETED);
        assertThat(retriedCalls).hasValue(3);
        assertThat(queue.getJob(job.jobId()).orElseThrow().attemptsMade()).isEqualTo(1);
    }

    @Test
    void timeoutInterceptorFailsAHungAttempt() {
        EnqueueResult job = queue.enqueue(aJob("hangs").attempts(2).backoff(io.managedqueue.api.Backoff.none()).build());
        await().atMost(timeout(10)).until(() -> queue.getJob(job.jobId()).orElseThrow().state() == JobState.FAILED);
        JobSnapshot snapshot = queue.getJob(job.jobId()).orElseThrow();
        assertThat(snapshot.attemptsMade()).isEqualTo(2);
        assertThat(snapshot.lastError()).contains("TimeoutException");
    }
}
