package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobStalled;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.RedisKeys;

class RecoveryAndShutdownTest {

    static final Set<String> completed = ConcurrentHashMap.newKeySet();
    static final Set<String> started = ConcurrentHashMap.newKeySet();
    static final List<JobStalled> stalledEvents = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch release = new CountDownLatch(0);

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "work")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "fails")
    public static class Handler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            started.add(job.id());
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            if (job.name().equals("fails")) {
                throw new IllegalStateException("failed while the container stopped");
            }
            completed.add(job.id());
        }
    }

    @ApplicationScoped
    public static class StallObserver {
        void stalled(@Observes JobStalled event) {
            stalledEvents.add(event);
        }
    }

    private final PlatformHarness harness = new PlatformHarness("recovery").with("managed-queue.lease.duration", "1s");

    @BeforeEach
    void reset() {
        completed.clear();
        started.clear();
        stalledEvents.clear();
        release = new CountDownLatch(1);
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
    }

    @Test
    void aJobWhoseWorkerDiedIsRunAgainWithoutLosingAnAttempt() throws Exception {
        WeldContainer producer = harness.start(); // enqueues only
        ManagedQueueService queue = harness.queue(producer);
        EnqueueResult job = queue.enqueue(aJob("work").attempts(1).build());

        // a worker claims the job and dies: its lease (1 s) is never renewed
        JobStore deadWorker = new JobStore(harness.inspector(), new RedisKeys(harness.keyPrefix()), 1000, 10, "dead-worker");
        ClaimBatch claimed = deadWorker.claim(new JobAddress(PLUGIN, QUEUE, "work"), 1, List.of(), RateLimitPolicy.NONE, RateLimitPolicy.NONE).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(claimed.claimed()).hasSize(1);
        assertThat(queue.getJob(job.jobId()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

        release.countDown();
        harness.start(Handler.class, StallObserver.class); // a live worker
        await().atMost(timeout(10)).until(() -> completed.contains(job.jobId()));

        JobSnapshot snapshot = queue.getJob(job.jobId()).orElseThrow();
        assertThat(snapshot.state()).isEqualTo(JobState.COMPLETED);
        assertThat(snapshot.attemptsMade()).as("the dead worker's attempt does not count").isEqualTo(1);
        assertThat(stalledEvents).extracting(JobStalled::jobId).containsExactly(job.jobId());
        assertThat(stalledEvents.get(0).stallCount()).isEqualTo(1);
    }

    @Test
    void aLongRunningJobKeepsItsLeaseAndRunsOnce() {
        WeldContainer worker = harness.start(Handler.class, StallObserver.class);
        ManagedQueueService queue = harness.queue(worker);
        EnqueueResult job = queue.enqueue(aJob("work").build());
        await().atMost(timeout(10)).until(() -> started.contains(job.jobId()));
        // three lease durations pass while the handler runs: renewals must keep the job ACTIVE and unclaimed
        await().pollDelay(java.time.Duration.ofMillis(3000)).atMost(timeout(10)).until(() -> true);
        assertThat(queue.getJob(job.jobId()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        release.countDown();
        await().atMost(timeout(10)).until(() -> completed.contains(job.jobId()));
        assertThat(stalledEvents).isEmpty();
        assertThat(queue.getJob(job.jobId()).orElseThrow().attemptsMade()).isEqualTo(1);
    }

    @Test
    void gracefulShutdownHandsBackWhatCannotFinishAndLosesNothing() {
        harness.with("managed-queue.shutdown.grace-period", "300ms");
        WeldContainer worker = harness.start(Handler.class);
        ManagedQueueService queue = harness.queue(harness.start());
        List<EnqueueResult> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(queue.enqueue(aJob("work").build()));
        }
        await().atMost(timeout(10)).until(() -> started.size() == 1);

        harness.stop(worker); // the running job outlives the grace period

        assertThat(jobs).allSatisfy(r -> {
            JobSnapshot s = queue.getJob(r.jobId()).orElseThrow();
            assertThat(s.state()).isEqualTo(JobState.WAITING);
            assertThat(s.attemptsMade()).isZero();
        });
        release.countDown();
        harness.start(Handler.class);
        await().atMost(timeout(10)).until(() -> jobs.stream().allMatch(r -> completed.contains(r.jobId())));
    }

    @Test
    void gracefulShutdownLetsARunningJobFinishWithinTheGracePeriod() {
        WeldContainer worker = harness.start(Handler.class);
        ManagedQueueService queue = harness.queue(harness.start());
        EnqueueResult running = queue.enqueue(aJob("work").build());
        EnqueueResult queued = queue.enqueue(aJob("work").build());
        await().atMost(timeout(10)).until(() -> started.contains(running.jobId()));

        Thread stopper = new Thread(() -> harness.stop(worker));
        stopper.start();
        // the engine drops its wake-up subscription once it has stopped claiming: release only then, so
        // the finishing job's slot cannot claim the queued one first
        String wakeChannel = new RedisKeys(harness.keyPrefix()).wakeChannel();
        await().atMost(timeout(10)).until(() -> harness.inspector().getTopic(wakeChannel).countSubscribers() == 0);
        release.countDown(); // the handler finishes while the container waits for it
        await().atMost(timeout(10)).until(() -> !stopper.isAlive());

        assertThat(queue.getJob(running.jobId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(queue.getJob(queued.jobId()).orElseThrow().state()).isEqualTo(JobState.WAITING);
    }

    @Test
    void gracefulShutdownStoresAFailureThatEndsWithinTheGracePeriod() {
        WeldContainer worker = harness.start(Handler.class);
        ManagedQueueService queue = harness.queue(harness.start());
        EnqueueResult failing = queue.enqueue(aJob("fails").attempts(2).backoff(Backoff.fixed(Duration.ofMinutes(1))).build());
        await().atMost(timeout(10)).until(() -> started.contains(failing.jobId()));

        Thread stopper = new Thread(() -> harness.stop(worker));
        stopper.start();
        String wakeChannel = new RedisKeys(harness.keyPrefix()).wakeChannel();
        await().atMost(timeout(10)).until(() -> harness.inspector().getTopic(wakeChannel).countSubscribers() == 0);
        release.countDown(); // the attempt fails while the container waits for it: its outcome rides on the last claim
        await().atMost(timeout(10)).until(() -> !stopper.isAlive());

        JobSnapshot job = queue.getJob(failing.jobId()).orElseThrow();
        assertThat(job.state()).as("the retry was stored before the container stopped").isEqualTo(JobState.DELAYED);
        assertThat(job.attemptsMade()).isEqualTo(1);
        assertThat(job.lastError()).contains("failed while the container stopped");
    }
}
