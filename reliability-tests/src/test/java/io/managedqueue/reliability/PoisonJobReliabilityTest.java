package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.JobChecks;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * Scenario 5: poison jobs. A handler that always throws, one that hangs (cut by MicroProfile Fault
 * Tolerance {@code @Timeout}), one that throws an {@link Error}, and a payload the handler's type
 * cannot be read from: each job ends FAILED after exactly its attempts with the error kept, fires
 * exactly one {@link JobFailed}, and healthy jobs, on other addresses and on the poisoned address
 * itself, keep completing meanwhile.
 */
@Tag(Reliability.TAG)
class PoisonJobReliabilityTest {

    static final String PLUGIN = "@rel/poison";
    static final String QUEUE = "poison.q";
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FAILED_EVENTS = new ConcurrentHashMap<>();

    static void called(ManagedQueueJob<?> job) {
        CALLS.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "throws")
    public static class AlwaysThrows implements PluginJobHandler<Work> {
        @Override
        public void handle(ManagedQueueJob<Work> job) {
            called(job);
            throw new IllegalStateException("poison: always throws (attempt " + job.attemptsMade() + ")");
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "hangs")
    public static class Hangs implements PluginJobHandler<Work> {
        @Override
        @Timeout(300)
        public void handle(ManagedQueueJob<Work> job) throws InterruptedException {
            called(job);
            TimeUnit.SECONDS.sleep(60); // a downstream call that never answers
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "error")
    public static class ThrowsError implements PluginJobHandler<Work> {
        @Override
        public void handle(ManagedQueueJob<Work> job) {
            called(job);
            throw new Error("poison: an Error, not an Exception");
        }
    }

    /** Typed handler: a payload that is not a {@link Work} cannot even reach it. */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "typed")
    public static class Typed implements PluginJobHandler<Work> {
        @Override
        public void handle(ManagedQueueJob<Work> job) {
            called(job);
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "good", concurrency = 2)
    public static class Good implements PluginJobHandler<Work> {
        @Override
        public void handle(ManagedQueueJob<Work> job) {
            called(job);
        }
    }

    /** One address, healthy and hanging jobs mixed: the hanging ones hold at most their slots. */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "mixed", concurrency = 2)
    public static class Mixed implements PluginJobHandler<Work> {
        @Override
        @Timeout(300)
        public void handle(ManagedQueueJob<Work> job) throws InterruptedException {
            called(job);
            if (job.data().failRuns > 0) {
                TimeUnit.SECONDS.sleep(60);
            }
        }
    }

    @ApplicationScoped
    public static class FailedObserver {
        void failed(@Observes JobFailed event) {
            FAILED_EVENTS.computeIfAbsent(event.jobId(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    record Poison(String kind, int attempts, String expectedError) {
    }

    @Test
    void poisonJobsFailAfterExactlyTheirAttemptsAndNeverBlockOthers() {
        Figures figures = new Figures("5-poison-jobs");
        long testStart = System.nanoTime();
        CALLS.clear();
        FAILED_EVENTS.clear();
        RedisNode redis = RedisNode.start("poison");
        InProcess platform = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-poison");
            platform = InProcess.start(settings.map(), true, AlwaysThrows.class, Hangs.class, ThrowsError.class, Typed.class,
                    Good.class, Mixed.class, FailedObserver.class);
            ManagedQueueService queue = platform.queue();

            List<Poison> kinds = List.of(
                    new Poison("throws", 3, "java.lang.IllegalStateException: poison: always throws"),
                    new Poison("hangs", 2, "TimeoutException"),
                    new Poison("error", 4, "java.lang.Error: poison: an Error, not an Exception"),
                    // an unreadable payload can never succeed: it fails on its first attempt, whatever it was allowed
                    new Poison("typed", 2, "payload cannot be read as"),
                    new Poison("mixed", 2, "TimeoutException"));
            Map<String, Poison> poisoned = new LinkedHashMap<>();
            List<String> good = new ArrayList<>();
            long enqueueStart = System.currentTimeMillis();
            for (int round = 0; round < 5; round++) {
                for (Poison kind : kinds) {
                    if (kind.kind().equals("mixed") && round >= 3) {
                        continue;
                    }
                    EnqueueRequest.Builder<Object> b = EnqueueRequest.builder(PLUGIN, QUEUE, kind.kind())
                            .tenantId("t1").attempts(kind.attempts()).backoff(Backoff.fixed(Duration.ofMillis(50)));
                    if (kind.kind().equals("typed")) {
                        b.payload("not a Work object");
                    } else {
                        Work w = Work.of(round, 0, "t1");
                        w.failRuns = 1; // marks the poisoned ones on the mixed address
                        b.payload(w);
                    }
                    poisoned.put(queue.enqueue(b.build()).jobId(), kind);
                }
                for (int i = 0; i < 60; i++) {
                    good.add(queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "good").tenantId("t1")
                            .payload(Work.of(i, 0, "t1")).build()).jobId());
                    good.add(queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "mixed").tenantId("t1")
                            .payload(Work.of(i, 0, "t1")).build()).jobId());
                }
            }

            await("healthy jobs completed").atMost(seconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> JobChecks.allCompleted(queue, good));
            long goodDoneMillis = System.currentTimeMillis() - enqueueStart;
            await("poison jobs failed").atMost(seconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> poisoned.keySet().stream().allMatch(id -> queue.getJob(id).map(s -> s.state().isFinal()).orElse(false)));
            long poisonDoneMillis = System.currentTimeMillis() - enqueueStart;
            // JobFailed is fired after the state is stored: give the last events a moment
            await("one JobFailed per poison job").atMost(seconds(10))
                    .until(() -> poisoned.keySet().stream().allMatch(FAILED_EVENTS::containsKey));

            List<String> wrong = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            poisoned.forEach((id, kind) -> {
                JobSnapshot s = queue.getJob(id).orElseThrow();
                int calls = CALLS.getOrDefault(id, new AtomicInteger()).get();
                int expectedCalls = kind.kind().equals("typed") ? 0 : kind.attempts();
                int events = FAILED_EVENTS.getOrDefault(id, new AtomicInteger()).get();
                int expectedAttempts = kind.kind().equals("typed") ? 1 : kind.attempts();
                if (s.state() != JobState.FAILED || s.attemptsMade() != expectedAttempts || calls != expectedCalls || events != 1
                        || s.lastError() == null || !s.lastError().contains(kind.expectedError())) {
                    wrong.add(kind.kind() + " " + id + ": state=" + s.state() + " attemptsMade=" + s.attemptsMade() + " handlerCalls="
                            + calls + " JobFailed=" + events + " lastError=" + s.lastError());
                }
                errors.putIfAbsent(kind.kind(), s.lastError());
            });
            long[] goodLatency = good.stream().map(queue::getJob).map(o -> o.orElseThrow())
                    .mapToLong(s -> Duration.between(s.enqueuedAt(), s.finishedAt()).toMillis()).sorted().toArray();
            long goodRunTwice = good.stream().filter(id -> CALLS.get(id).get() != 1).count();

            figures.put("poison jobs", poisoned.size() + " (" + kinds.stream().map(k -> k.kind() + " x" + k.attempts() + " attempts")
                            .toList() + ")")
                    .put("healthy jobs", good.size() + " (300 on their own address, 300 on the address shared with hanging jobs)")
                    .put("poison jobs not FAILED after exactly their attempts, error kept, one JobFailed", wrong.size())
                    .put("errors kept (first of each kind)", errors)
                    .put("healthy jobs all completed after, ms", goodDoneMillis)
                    .put("healthy job latency enqueue -> finish, ms: p50/p99/max", Reliability.percentile(goodLatency, 50) + " / "
                            + Reliability.percentile(goodLatency, 99) + " / " + goodLatency[goodLatency.length - 1])
                    .put("healthy jobs called != 1 time", goodRunTwice)
                    .put("poison jobs all final after, ms", poisonDoneMillis)
                    .put("active leases left", JobChecks.activeLeases(inspect, "rel-poison"))
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(wrong).as("poison jobs not failed exactly as specified").isEmpty();
            assertThat(goodRunTwice).isZero();
            assertThat(JobChecks.activeLeases(inspect, "rel-poison")).isZero();
        } finally {
            if (platform != null) {
                platform.close();
            }
            redis.close();
        }
    }
}
