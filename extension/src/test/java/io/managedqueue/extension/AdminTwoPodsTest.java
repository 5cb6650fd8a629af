package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.admin.QueueView;
import io.managedqueue.api.admin.WorkerView;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.extension.redis.WorkerRegistry;

/** Two Weld containers on one Redis and key prefix, as two pods: one view, one pause, nothing lost. */
class AdminTwoPodsTest {

    /** job id -> attempts run, over both pods */
    static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    static volatile boolean failing;

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "work", concurrency = 2)
    public static class Worker implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
            if (failing) {
                throw new IllegalStateException("downstream is down");
            }
        }
    }

    private final PlatformHarness harness = new PlatformHarness("admin-pods").with("managed-queue.worker.heartbeat-interval", "200ms");
    private WeldContainer podA;
    private WeldContainer podB;
    private ManagedQueueService queue;
    private ManagedQueueAdmin adminA;
    private ManagedQueueAdmin adminB;

    @BeforeEach
    void start() {
        runs.clear();
        failing = false;
        podA = harness.start(Worker.class);
        podB = harness.start(Worker.class);
        queue = harness.queue(podA);
        adminA = podA.select(ManagedQueueAdmin.class).get();
        adminB = podB.select(ManagedQueueAdmin.class).get();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private List<String> enqueue(int n) {
        return IntStream.range(0, n).mapToObj(i -> queue.enqueue(aJob("work").payload("p" + i).build()).jobId()).toList();
    }

    private long count(ManagedQueueAdmin admin, JobState state) {
        return admin.queue(PLUGIN, QUEUE).count(state);
    }

    @Test
    void workersListsBothPodsAndDropsOneThatStopped() {
        await().atMost(timeout(5)).until(() -> adminA.workers().size() == 2);
        List<WorkerView> workers = adminB.workers();
        assertThat(workers).allSatisfy(w -> {
            assertThat(w.addresses()).singleElement().satisfies(a -> {
                assertThat(a.address()).isEqualTo(JobAddress.of(PLUGIN, QUEUE, "work"));
                assertThat(a.concurrency()).isEqualTo(2);
            });
            assertThat(w.lastHeartbeat()).isAfterOrEqualTo(w.startedAt());
            assertThat(w.host()).isNotBlank();
        });
        assertThat(adminA.queue(PLUGIN, QUEUE).liveWorkers()).isEqualTo(2);

        harness.stop(podB);
        assertThat(adminA.workers()).as("a graceful stop leaves the list at once").hasSize(1);
        assertThat(adminA.queue(PLUGIN, QUEUE).liveWorkers()).isEqualTo(1);
    }

    @Test
    void aPodThatDiesWithoutStoppingDisappearsWithinThreeHeartbeats() {
        WorkerRegistry registry = new WorkerRegistry(harness.inspector(), new RedisKeys(harness.keyPrefix()), 200);
        registry.heartbeat("ghost", "crashed-host", List.of(new WorkerView.HandledAddress(JobAddress.of(PLUGIN, QUEUE, "work"), 1, 1)));
        assertThat(adminA.workers()).extracting(WorkerView::id).contains("ghost");
        long silentSince = System.nanoTime();
        await().atMost(timeout(5)).until(() -> adminA.workers().stream().noneMatch(w -> w.id().equals("ghost")));
        assertThat(Duration.ofNanos(System.nanoTime() - silentSince)).as("gone after three intervals, not before")
                .isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(adminA.workers()).hasSize(2);
    }

    @Test
    void countsAgreeFromEitherPod() {
        List<String> ids = enqueue(20);
        await().atMost(timeout(10)).until(() -> count(adminA, JobState.COMPLETED) == 20);
        QueueView a = adminA.queue(PLUGIN, QUEUE);
        QueueView b = adminB.queue(PLUGIN, QUEUE);
        assertThat(a.counts()).isEqualTo(b.counts());
        assertThat(a.throughput().completedLastHour()).isEqualTo(20).isEqualTo(b.throughput().completedLastHour());
        assertThat(ids).allSatisfy(id -> assertThat(runs.get(id)).hasValue(1));
    }

    @Test
    void pauseStopsClaimsOnEveryPodWhileEnqueueGoesOn() {
        await().atMost(timeout(5)).until(() -> adminA.workers().size() == 2);
        assertThat(adminA.pause(PLUGIN, QUEUE)).isTrue();
        List<String> ids = enqueue(20);
        await().during(Duration.ofMillis(1500)).atMost(timeout(3)).until(runs::isEmpty);
        assertThat(adminB.queue(PLUGIN, QUEUE).paused()).isTrue();
        assertThat(count(adminB, JobState.WAITING)).isEqualTo(20);

        assertThat(adminB.resume(PLUGIN, QUEUE)).isTrue();
        await().atMost(timeout(10)).until(() -> count(adminA, JobState.COMPLETED) == 20);
        assertThat(ids).allSatisfy(id -> assertThat(runs.get(id)).as("each job ran once").hasValue(1));
    }

    @Test
    void pauseThenRetryAllThenResumeLosesNothing() {
        failing = true;
        List<String> ids = enqueue(30);
        await().atMost(timeout(10)).until(() -> count(adminA, JobState.FAILED) == 30);

        adminA.pause(PLUGIN, QUEUE);
        failing = false;
        assertThat(adminA.retryAll(PLUGIN, QUEUE, JobState.FAILED, 1000)).isEqualTo(30);
        await().during(Duration.ofMillis(1000)).atMost(timeout(3)).until(() -> runs.values().stream().allMatch(n -> n.get() == 1));
        assertThat(count(adminB, JobState.WAITING)).as("retried while paused: waiting, not stuck elsewhere").isEqualTo(30);
        assertThat(count(adminB, JobState.FAILED)).isZero();

        adminB.resume(PLUGIN, QUEUE);
        await().atMost(timeout(10)).until(() -> count(adminA, JobState.COMPLETED) == 30);
        assertThat(ids).allSatisfy(id -> assertThat(runs.get(id)).as("failed once, then ran once more").hasValue(2));
        assertThat(ids).allSatisfy(id -> assertThat(queue.getJob(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED));
    }
}
