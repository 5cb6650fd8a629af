package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.reliability.support.Executions;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.JobChecks;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.reliability.support.WorkerProcess;
import io.managedqueue.reliability.worker.Recorder;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * Scenario 9: two worker JVMs (concurrency 8 each, so concurrency is never the bound) share one
 * Redis and one rate-limited queue, configured by {@code managed-queue.rate-limit.*} and
 * {@code managed-queue.key-rate-limit.*}. A burst of jobs is enqueued at once; the limit must hold
 * across both processes in every sliding window.
 *
 * <p>Starts are read as the platform reports them ({@code JobSnapshot.startedAt}: the claim, on
 * Redis's clock, which is what the limit counts). The handler's own record (Redis {@code TIME} on
 * entry, {@code Recorder}) says which JVM ran the job and how often; the starts as handlers see
 * them are reported, not asserted: they lag the claim by a few ms, and by up to a few hundred on
 * a JVM's first jobs, so a window placed on them can hold more than the limit (see RELIABILITY.md).
 */
@Tag(Reliability.TAG)
class RateLimitReliabilityTest {

    static final String QUEUE_LIMIT_KEY = "managed-queue.rate-limit." + Reliability.PLUGIN + "/" + Reliability.QUEUE;
    static final String KEY_LIMIT_KEY = "managed-queue.key-rate-limit." + Reliability.PLUGIN + "/" + Reliability.QUEUE;
    static final long WINDOW_MILLIS = 1000;
    /** Rounding of Redis's clock to whole milliseconds, and a clock step: the window checked is this much shorter. */
    static final long SKEW_MILLIS = 50;

    @Test
    void queueLimitHoldsAcrossTwoWorkerJvms() {
        int max = 20;
        int jobs = 120;
        Figures figures = new Figures("9-rate-limit-queue");
        long testStart = System.nanoTime();
        try (Scenario s = Scenario.start("rate-queue", 8, QUEUE_LIMIT_KEY, max + "/PT1S")) {
            List<EnqueueRequest<?>> burst = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                burst.add(request(i).build());
            }
            List<String> ids = s.queue.enqueueAll(burst).stream().map(EnqueueResult::jobId).toList();
            Map<String, JobSnapshot> done = s.awaitCompleted(ids);
            Executions executions = Executions.read(s.inspect);

            List<Long> starts = startsOf(done.values());
            int maxPerWindow = maxStartsInAnyWindow(starts, WINDOW_MILLIS - SKEW_MILLIS);
            long span = starts.get(starts.size() - 1) - starts.get(0);
            Map<String, Long> byWorker = s.byWorker();
            figures.put("workers", "2 JVMs, concurrency 8 each (16 < the limit: both JVMs must share each window); limit " + max + " per " + WINDOW_MILLIS + " ms ("
                            + QUEUE_LIMIT_KEY + ")")
                    .put("jobs (one enqueueAll burst)", jobs)
                    .put("max starts in any window of " + WINDOW_MILLIS + " ms (claim time)", maxStartsInAnyWindow(starts, WINDOW_MILLIS))
                    .put("max starts in any window of " + (WINDOW_MILLIS - SKEW_MILLIS) + " ms (claim time)", maxPerWindow)
                    .put("max starts in any window of " + WINDOW_MILLIS + " / " + (WINDOW_MILLIS - SKEW_MILLIS)
                            + " ms (handler entry, Redis TIME)", maxStartsInAnyWindow(handlerStarts(executions, ids), WINDOW_MILLIS)
                            + " / " + maxStartsInAnyWindow(handlerStarts(executions, ids), WINDOW_MILLIS - SKEW_MILLIS))
                    .put("first to last start, ms", span)
                    .put("achieved rate after the first window, starts/s", rate(jobs - max, span))
                    .put("claim -> handler entry lag, ms: p50 / max", s.lag(executions, done))
                    .put("warm-up executions by worker (2 x concurrency jobs of 200 ms before the burst)", s.warmUpByWorker)
                    .put("burst executions by worker", byWorker)
                    .put("jobs run more than once", executions.jobsRunMoreThanOnce())
                    .put("attemptsMade", tally(done.values(), JobSnapshot::attemptsMade))
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertEveryJobRanOnceOnEitherJvm(ids, executions, done, byWorker);
            assertThat(maxPerWindow).as("starts in any window, claim times %s", starts).isLessThanOrEqualTo(max);
            assertThat(span).as("%d jobs at %d per window need %d windows", jobs, max, jobs / max)
                    .isGreaterThanOrEqualTo((jobs / max - 1) * WINDOW_MILLIS - SKEW_MILLIS)
                    .as("and the limit, not the workers, is the bound")
                    .isLessThan((jobs / max - 1) * WINDOW_MILLIS + seconds(3).toMillis());
        }
    }

    @Test
    void keyLimitHoldsAcrossTwoWorkerJvmsWithoutHoldingBackOtherKeys() {
        int max = 4;
        int hotJobs = 20;
        int otherKeys = 10;
        Figures figures = new Figures("9-rate-limit-key");
        long testStart = System.nanoTime();
        try (Scenario s = Scenario.start("rate-key", 24, KEY_LIMIT_KEY, max + "/PT1S")) {
            List<EnqueueRequest<?>> burst = new ArrayList<>();
            Map<Integer, String> keyOf = new LinkedHashMap<>();
            int index = 0;
            // the hot key first, so its parked jobs sit in front of every other job
            for (int i = 0; i < hotJobs; i++, index++) {
                keyOf.put(index, "hot");
            }
            for (int k = 0; k < otherKeys; k++) {
                for (int i = 0; i < max; i++, index++) {
                    keyOf.put(index, "key-" + k);
                }
            }
            for (int i = 0; i < 20; i++, index++) {
                keyOf.put(index, null);
            }
            keyOf.forEach((i, key) -> burst.add(key == null ? request(i).build() : request(i).rateLimitKey(key).build()));
            List<String> ids = s.queue.enqueueAll(burst).stream().map(EnqueueResult::jobId).toList();
            Map<String, JobSnapshot> done = s.awaitCompleted(ids);
            Executions executions = Executions.read(s.inspect);

            Map<String, List<Long>> startsByKey = new TreeMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String key = keyOf.get(i) == null ? "(none)" : keyOf.get(i);
                startsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(done.get(ids.get(i)).startedAt().toEpochMilli());
            }
            startsByKey.values().forEach(l -> l.sort(null));
            List<Long> hot = startsByKey.get("hot");
            long hotSecondWindow = hot.get(max);
            long lastOther = startsByKey.entrySet().stream().filter(e -> !e.getKey().equals("hot"))
                    .flatMap(e -> e.getValue().stream()).mapToLong(Long::longValue).max().orElseThrow();
            int maxPerKeyWindow = startsByKey.entrySet().stream().filter(e -> !e.getKey().equals("(none)"))
                    .mapToInt(e -> maxStartsInAnyWindow(e.getValue(), WINDOW_MILLIS - SKEW_MILLIS)).max().orElseThrow();
            Map<String, Long> byWorker = s.byWorker();
            figures.put("workers", "2 JVMs, concurrency 24 each; limit " + max + " per " + WINDOW_MILLIS + " ms per key ("
                            + KEY_LIMIT_KEY + ")")
                    .put("jobs (one enqueueAll burst)", ids.size() + ": hot key " + hotJobs + " (enqueued first), "
                            + otherKeys + " other keys x " + max + ", 20 without key")
                    .put("max starts of one key in any window of " + (WINDOW_MILLIS - SKEW_MILLIS) + " ms (claim time)", maxPerKeyWindow)
                    .put("hot key: first to last start, ms", hot.get(hot.size() - 1) - hot.get(0))
                    .put("hot key: achieved rate after the first window, starts/s", rate(hotJobs - max, hot.get(hot.size() - 1) - hot.get(0)))
                    .put("every other job started within, ms of the first start", lastOther - hot.get(0))
                    .put("hot key's 5th start, ms after the first", hotSecondWindow - hot.get(0))
                    .put("claim -> handler entry lag, ms: p50 / max", s.lag(executions, done))
                    .put("warm-up executions by worker (2 x concurrency jobs of 200 ms before the burst)", s.warmUpByWorker)
                    .put("burst executions by worker", byWorker)
                    .put("jobs run more than once", executions.jobsRunMoreThanOnce())
                    .put("attemptsMade", tally(done.values(), JobSnapshot::attemptsMade))
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertEveryJobRanOnceOnEitherJvm(ids, executions, done, byWorker);
            assertThat(maxPerKeyWindow).as("starts of one key in any window: %s", startsByKey).isLessThanOrEqualTo(max);
            assertThat(lastOther).as("other keys and unkeyed jobs never wait for the hot key's window")
                    .isLessThan(hotSecondWindow);
            assertThat(hot.get(hot.size() - 1) - hot.get(0)).as("the hot key needs %d windows", hotJobs / max)
                    .isGreaterThanOrEqualTo((hotJobs / max - 1) * WINDOW_MILLIS - SKEW_MILLIS)
                    .isLessThan((hotJobs / max - 1) * WINDOW_MILLIS + seconds(3).toMillis());
        }
    }

    private static void assertEveryJobRanOnceOnEitherJvm(List<String> ids, Executions executions, Map<String, JobSnapshot> done,
            Map<String, Long> byWorker) {
        assertThat(ids).allSatisfy(id -> assertThat(executions.runs(id)).as("executions of %s", id).hasSize(1));
        assertThat(done.values()).extracting(JobSnapshot::attemptsMade).as("limited jobs use no attempt").containsOnly(1);
        assertThat(byWorker.values()).as("both JVMs ran jobs: %s", byWorker).hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
    }

    private static EnqueueRequest.Builder<Work> request(int index) {
        return EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId("t1").payload(Work.of(index, 5, "t1"));
    }

    private static List<Long> startsOf(Collection<JobSnapshot> jobs) {
        return jobs.stream().map(j -> j.startedAt().toEpochMilli()).sorted().toList();
    }

    private static List<Long> handlerStarts(Executions executions, List<String> ids) {
        return ids.stream().flatMap(id -> executions.runs(id).stream()).map(Executions.Run::atMillis).sorted().toList();
    }

    private static String rate(int starts, long millis) {
        return millis <= 0 ? "n/a" : String.format("%.1f", starts * 1000.0 / millis);
    }

    private static <K> Map<K, Long> tally(Collection<JobSnapshot> jobs, Function<JobSnapshot, K> by) {
        Map<K, Long> out = new TreeMap<>();
        jobs.forEach(j -> out.merge(by.apply(j), 1L, Long::sum));
        return out;
    }

    /** The most starts that fall into one window of {@code windowMillis}, over every position of the window. */
    static int maxStartsInAnyWindow(List<Long> sortedStarts, long windowMillis) {
        List<Long> sorted = sortedStarts.stream().sorted().toList();
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= windowMillis) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    /** A Redis, a producer in this JVM and two worker JVMs, all with one rate-limit setting. */
    private static final class Scenario implements AutoCloseable {

        final RedisNode redis;
        final Resp inspect;
        final List<WorkerProcess> workers = new ArrayList<>();
        InProcess producer;
        ManagedQueueService queue;
        Map<String, Long> warmUpByWorker = Map.of();

        private Scenario(RedisNode redis) {
            this.redis = redis;
            this.inspect = redis.connect();
        }

        static Scenario start(String name, int concurrency, String limitKey, String limit) {
            Scenario s = new Scenario(RedisNode.start(name));
            try {
                Settings settings = Settings.of(s.redis, "rel-" + name)
                        .with(Reliability.CONCURRENCY_KEY, String.valueOf(concurrency))
                        .with(limitKey, limit);
                s.producer = InProcess.start(settings.producerOnly().map(), false);
                s.queue = s.producer.queue();
                for (int i = 0; i < 2; i++) {
                    s.workers.add(WorkerProcess.start(name + "-w" + i, settings.map()));
                }
                s.workers.forEach(WorkerProcess::awaitReady);
                s.warmUp(concurrency);
                return s;
            } catch (RuntimeException | Error e) {
                s.close();
                throw e;
            }
        }

        /**
         * Runs twice as many jobs of 200 ms as one JVM has slots (no key, within one window of the
         * queue limit), so that both JVMs run handlers before the burst, then waits until their
         * starts have left the window: the burst meets warm JVMs and an empty window.
         */
        private void warmUp(int concurrency) {
            List<EnqueueRequest<?>> jobs = new ArrayList<>();
            for (int i = 0; i < 2 * concurrency; i++) {
                jobs.add(EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                        .tenantId("t1").payload(Work.of(-1 - i, 200, "t1")).build());
            }
            Map<String, JobSnapshot> done = awaitCompleted(queue.enqueueAll(jobs).stream().map(EnqueueResult::jobId).toList());
            long lastStart = done.values().stream().mapToLong(j -> j.startedAt().toEpochMilli()).max().orElseThrow();
            await("warm-up starts leave the window").atMost(seconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> System.currentTimeMillis() > lastStart + WINDOW_MILLIS + SKEW_MILLIS);
            warmUpByWorker = byWorker();
            inspect.string("DEL", Recorder.BY_WORKER);
        }

        Map<String, JobSnapshot> awaitCompleted(List<String> ids) {
            await("every job completed").atMost(seconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> JobChecks.allCompleted(queue, ids));
            Map<String, JobSnapshot> done = new LinkedHashMap<>();
            ids.forEach(id -> done.put(id, queue.getJob(id).orElseThrow()));
            return done;
        }

        Map<String, Long> byWorker() {
            Map<String, Long> out = new TreeMap<>();
            workers.forEach(w -> out.put(w.incarnation(), Executions.byWorker(inspect, w.incarnation())));
            return out;
        }

        String lag(Executions executions, Map<String, JobSnapshot> done) {
            long[] lags = done.entrySet().stream().filter(e -> !executions.runs(e.getKey()).isEmpty())
                    .mapToLong(e -> executions.runs(e.getKey()).get(0).atMillis() - e.getValue().startedAt().toEpochMilli())
                    .sorted().toArray();
            return lags.length == 0 ? "n/a" : Reliability.percentile(lags, 50) + " / " + lags[lags.length - 1];
        }

        @Override
        public void close() {
            workers.forEach(WorkerProcess::stop);
            if (producer != null) {
                producer.close();
            }
            inspect.close();
            redis.close();
        }
    }
}
