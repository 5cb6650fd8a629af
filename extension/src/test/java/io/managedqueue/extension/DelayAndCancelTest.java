package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

class DelayAndCancelTest {

    /** Start time of each job, by id. */
    static final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    static volatile CountDownLatch release = new CountDownLatch(0);

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "work", concurrency = 4)
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "blocking")
    public static class Handler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            startedAt.put(job.id(), System.currentTimeMillis());
            if (job.name().equals("blocking")) {
                release.await(30, TimeUnit.SECONDS);
            }
            if ("fail".equals(job.data())) {
                throw new IllegalStateException("asked to fail");
            }
        }
    }

    private final PlatformHarness harness = new PlatformHarness("delay");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        startedAt.clear();
        release = new CountDownLatch(1);
        queue = harness.queue(harness.start(Handler.class));
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
    }

    @Test
    void aDelayedJobNeverStartsBeforeItsDueTime() {
        long before = System.currentTimeMillis();
        EnqueueResult job = queue.enqueue(Jobs.<String>aJob("work").delay(Duration.ofMillis(700)).build());
        assertThat(job.state()).isEqualTo(JobState.DELAYED);
        assertThat(queue.getJob(job.jobId()).orElseThrow().state()).isEqualTo(JobState.DELAYED);

        await().atMost(timeout(10)).until(() -> startedAt.containsKey(job.jobId()));
        assertThat(startedAt.get(job.jobId()) - before).isGreaterThanOrEqualTo(700);
        await().atMost(timeout(5)).until(() -> queue.getJob(job.jobId()).orElseThrow().state() == JobState.COMPLETED);
    }

    @Test
    void manyDelayedJobsRunInDueOrderAndNoneEarly() {
        long before = System.currentTimeMillis();
        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            long delay = 100L + (i * 37L) % 600;
            EnqueueResult job = queue.enqueue(Jobs.<String>aJob("work").delay(Duration.ofMillis(delay)).build());
            dueAt.put(job.jobId(), before + delay);
        }
        await().atMost(timeout(10)).until(() -> startedAt.size() == 20);
        dueAt.forEach((id, due) -> assertThat(startedAt.get(id)).as("start of %s", id).isGreaterThanOrEqualTo(due));
    }

    @Test
    void cancellingAWaitingJobSucceedsAndItNeverRuns() {
        EnqueueResult blocker = queue.enqueue(Jobs.<String>aJob("blocking").build());
        await().atMost(timeout(10)).until(() -> startedAt.containsKey(blocker.jobId()));
        EnqueueResult waiting = queue.enqueue(Jobs.<String>aJob("blocking").build());
        assertThat(queue.getJob(waiting.jobId()).orElseThrow().state()).isEqualTo(JobState.WAITING);

        CancelResult result = queue.cancel(waiting.jobId());

        assertThat(result.success()).isTrue();
        assertThat(result.state()).isEqualTo(JobState.CANCELLED);
        assertThat(result.reason()).isNull();
        release.countDown();
        EnqueueResult after = queue.enqueue(Jobs.<String>aJob("blocking").build());
        await().atMost(timeout(10)).until(() -> startedAt.containsKey(after.jobId()));
        assertThat(startedAt).doesNotContainKey(waiting.jobId());
        assertThat(queue.getJob(waiting.jobId()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.cancel(waiting.jobId()).reason()).isEqualTo(CancelResult.Reason.ALREADY_CANCELLED);
    }

    @Test
    void cancellingADelayedJobSucceedsAndItNeverRuns() {
        EnqueueResult delayed = queue.enqueue(Jobs.<String>aJob("work").delay(Duration.ofMillis(300)).build());
        EnqueueResult witness = queue.enqueue(Jobs.<String>aJob("work").delay(Duration.ofMillis(600)).build());

        assertThat(queue.cancel(delayed.jobId()).success()).isTrue();

        await().atMost(timeout(10)).until(() -> startedAt.containsKey(witness.jobId()));
        assertThat(startedAt).doesNotContainKey(delayed.jobId());
    }

    @Test
    void activeCompletedAndUnknownJobsCannotBeCancelled() {
        EnqueueResult active = queue.enqueue(Jobs.<String>aJob("blocking").build());
        await().atMost(timeout(10)).until(() -> startedAt.containsKey(active.jobId()));
        CancelResult ofActive = queue.cancel(active.jobId());
        assertThat(ofActive.success()).isFalse();
        assertThat(ofActive.reason()).isEqualTo(CancelResult.Reason.ACTIVE);
        assertThat(ofActive.state()).isEqualTo(JobState.ACTIVE);

        release.countDown();
        await().atMost(timeout(10)).until(() -> queue.getJob(active.jobId()).orElseThrow().state() == JobState.COMPLETED);
        CancelResult ofCompleted = queue.cancel(active.jobId());
        assertThat(ofCompleted.success()).isFalse();
        assertThat(ofCompleted.reason()).isEqualTo(CancelResult.Reason.COMPLETED);

        String unknown = active.jobId().substring(0, active.jobId().lastIndexOf('|') + 1) + "no-such-job";
        CancelResult ofUnknown = queue.cancel(unknown);
        assertThat(ofUnknown.reason()).isEqualTo(CancelResult.Reason.NOT_FOUND);
        assertThat(ofUnknown.state()).isNull();
    }

    @Test
    void aFailedJobCannotBeCancelled() {
        EnqueueResult failing = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, QUEUE, "work").tenantId("t1")
                .payload("fail").build());
        await().atMost(timeout(10)).until(() -> queue.getJob(failing.jobId()).orElseThrow().state() == JobState.FAILED);
        CancelResult result = queue.cancel(failing.jobId());
        assertThat(result.success()).isFalse();
        assertThat(result.reason()).isEqualTo(CancelResult.Reason.FAILED);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
    }
}
