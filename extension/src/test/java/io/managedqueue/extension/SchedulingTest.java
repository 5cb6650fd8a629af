package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

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

class SchedulingTest {

    static volatile CountDownLatch release = new CountDownLatch(0);
    static final Set<String> completed = ConcurrentHashMap.newKeySet();
    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger maxRunning = new AtomicInteger();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "slow")
    public static class SlowHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
            completed.add(job.id());
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "fast", concurrency = 3)
    public static class FastHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            TimeUnit.MILLISECONDS.sleep(20); // the work itself: lets concurrent attempts overlap
            running.decrementAndGet();
            completed.add(job.id());
        }
    }

    /** Handles an address no other container handles. */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "orphan")
    public static class LateHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            completed.add(job.id());
        }
    }

    private final PlatformHarness harness = new PlatformHarness("scheduling");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        release = new CountDownLatch(1);
        completed.clear();
        running.set(0);
        maxRunning.set(0);
        queue = harness.queue(harness.start(SlowHandler.class, FastHandler.class));
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
    }

    @Test
    void aBlockedHandlerNeverDelaysAnotherHandlersJobs() {
        List<EnqueueResult> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(queue.enqueue(aJob("slow").build()));
        }
        List<EnqueueResult> fast = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fast.add(queue.enqueue(aJob("fast").build()));
        }

        await().atMost(timeout(10)).until(() -> fast.stream().allMatch(r -> completed.contains(r.jobId())));
        assertThat(slow.stream().filter(r -> completed.contains(r.jobId()))).isEmpty();
        assertThat(slow.stream().map(r -> queue.getJob(r.jobId()).orElseThrow().state()))
                .containsOnlyOnce(JobState.ACTIVE).contains(JobState.WAITING);
        assertThat(maxRunning.get()).as("fast handler's concurrency limit").isBetween(2, 3);

        release.countDown();
        await().atMost(timeout(10)).until(() -> slow.stream().allMatch(r -> completed.contains(r.jobId())));
    }

    @Test
    void aJobNobodyHandlesWaitsWithoutBurningAttemptsAndRunsOnceAHandlerAppears() {
        EnqueueResult orphan = queue.enqueue(aJob("orphan").attempts(2).build());
        EnqueueResult witness = queue.enqueue(aJob("fast").build());
        await().atMost(timeout(10)).until(() -> completed.contains(witness.jobId()));

        JobSnapshot waiting = queue.getJob(orphan.jobId()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(JobState.WAITING);
        assertThat(waiting.attemptsMade()).isZero();
        assertThat(harness.inspector().getSet(harness.keyPrefix() + ":addresses").contains(PLUGIN + "|" + QUEUE + "|orphan"))
                .as("operators can see the address").isTrue();

        harness.start(LateHandler.class); // a second process that knows the address
        await().atMost(timeout(10)).until(() -> completed.contains(orphan.jobId()));
        assertThat(queue.getJob(orphan.jobId()).orElseThrow().attemptsMade()).isEqualTo(1);
    }
}
