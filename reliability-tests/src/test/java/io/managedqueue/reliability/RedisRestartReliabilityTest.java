package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.reliability.support.Executions;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.JobChecks;
import io.managedqueue.reliability.support.LoadProducer;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.reliability.support.WorkerProcess;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * Scenario 2: Redis with AOF ({@code appendonly yes}, {@code appendfsync everysec}) is stopped in the
 * middle of a run and started again on the same port and data. Workers and the producer must
 * reconnect by themselves and every acknowledged enqueue must complete. During the outage, an
 * enqueue must fail with {@link ManagedQueueException} within the configured bound
 * {@code timeout × (retryAttempts + 1) + retryInterval × retryAttempts}.
 */
@Tag(Reliability.TAG)
class RedisRestartReliabilityTest {

    static final int JOBS = 1500;
    static final long TIMEOUT_MS = 1000;
    static final int RETRY_ATTEMPTS = 2;
    static final long RETRY_INTERVAL_MS = 500;
    static final long BOUND_MS = TIMEOUT_MS * (RETRY_ATTEMPTS + 1) + RETRY_INTERVAL_MS * RETRY_ATTEMPTS; // 4000
    static final long OUTAGE_MS = 8000;

    record Probe(String call, long durationMillis, String outcome) {
    }

    @Test
    void everyAcknowledgedJobSurvivesARedisRestart() {
        Figures figures = new Figures("2-redis-restart");
        long testStart = System.nanoTime();
        RedisNode redis = RedisNode.start("restart");
        List<WorkerProcess> workers = new ArrayList<>();
        InProcess producer = null;
        LoadProducer load = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-restart")
                    .with("managed-queue.redis.timeout", TIMEOUT_MS + "ms")
                    .with("managed-queue.redis.retry-attempts", String.valueOf(RETRY_ATTEMPTS))
                    .with("managed-queue.redis.retry-interval", RETRY_INTERVAL_MS + "ms")
                    .with(Reliability.CONCURRENCY_KEY, "4");
            producer = InProcess.start(settings.producerOnly().map(), false);
            ManagedQueueService queue = producer.queue();
            for (int i = 0; i < 2; i++) {
                workers.add(WorkerProcess.start("restart-w" + i, settings.map()));
            }
            workers.forEach(WorkerProcess::awaitReady);

            load = new LoadProducer(queue, JOBS, 5, Duration.ofMillis(100), i -> job("r-" + i, i)).start();
            LoadProducer running = load;
            await("5 s of production").atMost(seconds(60)).until(() -> running.attempted() >= 250);
            long executedBefore = Executions.total(inspect);

            // ---- outage
            long stopAt = System.currentTimeMillis();
            redis.stop();
            long stopMillis = System.currentTimeMillis() - stopAt;
            // every API entry point once, timed: what does it throw while Redis is down, and how fast?
            Map<String, Callable<?>> calls = new LinkedHashMap<>();
            calls.put("enqueue", () -> queue.enqueue(job("probe-1", -1)));
            calls.put("enqueue (again)", () -> queue.enqueue(job("probe-2", -1)));
            calls.put("enqueueAll", () -> queue.enqueueAll(List.of(job("probe-3", -1), job("probe-4", -1))));
            calls.put("enqueueAsync", () -> queue.enqueueAsync(job("probe-5", -1)).toCompletableFuture().get(30, TimeUnit.SECONDS));
            calls.put("getJob", () -> queue.getJob(Reliability.PLUGIN + "|" + Reliability.QUEUE + "|t0|r-0"));
            calls.put("cancel", () -> queue.cancel(Reliability.PLUGIN + "|" + Reliability.QUEUE + "|t0|r-0"));
            List<Probe> probes = new ArrayList<>();
            for (Map.Entry<String, Callable<?>> call : calls.entrySet()) {
                long t0 = System.nanoTime();
                String outcome;
                try {
                    call.getValue().call();
                    outcome = "returned";
                } catch (ExecutionException e) { // the async stage failed: report what it failed with
                    outcome = "stage failed with " + e.getCause().getClass().getName();
                } catch (Exception e) {
                    outcome = e.getClass().getName();
                }
                probes.add(new Probe(call.getKey(), (System.nanoTime() - t0) / 1_000_000, outcome));
            }
            long remaining = OUTAGE_MS - (System.currentTimeMillis() - stopAt);
            if (remaining > 0) {
                await().pollDelay(Duration.ofMillis(remaining)).atMost(Duration.ofMillis(remaining + 1000)).until(() -> true);
            }
            long restartAt = System.currentTimeMillis();
            redis.restart();
            long restartMillis = System.currentTimeMillis() - restartAt;
            long outageMillis = System.currentTimeMillis() - stopAt;

            // ---- recovery
            long executedAtRestart = Executions.total(inspect);
            await("workers run jobs again").atMost(seconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Executions.total(inspect) > executedAtRestart);
            long workersResumeMillis = System.currentTimeMillis() - restartAt;
            await("producer enqueues again").atMost(seconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> running.lastSuccessAtMillis() > restartAt);
            long producerResumeMillis = running.lastSuccessAtMillis() - restartAt;
            await("production done").atMost(seconds(120)).until(running::done);
            List<String> acknowledged = load.acknowledged();
            await("every acknowledged job completed").atMost(seconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JobChecks.allCompleted(queue, acknowledged));
            long recoveredMillis = System.currentTimeMillis() - restartAt;

            // ---- analysis
            Map<String, String> states = JobChecks.states(queue, acknowledged);
            List<String> lost = JobChecks.not(states, "COMPLETED"::equals);
            List<LoadProducer.Failure> failures = load.failures();
            Map<String, Long> failureTypes = new TreeMap<>();
            failures.forEach(f -> failureTypes.merge(f.exception(), 1L, Long::sum));
            long[] durations = failures.stream().mapToLong(LoadProducer.Failure::durationMillis).sorted().toArray();
            long maxProbe = probes.stream().mapToLong(Probe::durationMillis).max().orElse(0);
            long maxFailure = Math.max(maxProbe, durations.length == 0 ? 0 : durations[durations.length - 1]);
            Map<String, Long> ambiguous = new TreeMap<>(); // failed enqueues that reached Redis anyway
            failures.forEach(f -> ambiguous.merge(queue.getJob(idOf(f)).map(s -> s.state().name()).orElse("absent"), 1L, Long::sum));
            Executions executions = Executions.read(inspect);

            figures.put("workers", "2 JVMs, concurrency 4 each, lease 2 s")
                    .put("Redis", "appendonly yes, appendfsync everysec, stopped with SIGTERM (" + stopMillis + " ms), "
                            + "restarted on the same port and dir (" + restartMillis + " ms to ready)")
                    .put("client bound (timeout x (retries+1) + interval x retries), ms", BOUND_MS
                            + " (timeout " + TIMEOUT_MS + " ms, " + RETRY_ATTEMPTS + " retries, interval " + RETRY_INTERVAL_MS + " ms)")
                    .put("outage, ms", outageMillis)
                    .put("jobs executed before the outage", executedBefore)
                    .put("enqueues attempted / acknowledged", load.attempted() + " / " + acknowledged.size())
                    .put("enqueues that threw during the outage", failures.size())
                    .put("exceptions thrown (type: count)", failureTypes)
                    .put("duration of a failing enqueue, ms: min/p50/max", durations.length == 0 ? "n/a"
                            : durations[0] + " / " + Reliability.percentile(durations, 50) + " / " + durations[durations.length - 1])
                    .put("each API call once during the outage (ms, outcome)", probes)
                    .put("enqueue fails fast with ManagedQueueException within the bound", failures.stream()
                            .allMatch(f -> f.exception().equals(ManagedQueueException.class.getName()))
                            && probes.stream().filter(p -> p.call().startsWith("enqueue (") || p.call().equals("enqueue"))
                                    .allMatch(p -> p.outcome().equals(ManagedQueueException.class.getName()))
                            && maxFailure <= BOUND_MS + 1000 ? "YES (max " + maxFailure + " ms <= " + BOUND_MS + " ms + 1 s slack)"
                            : "NO (max " + maxFailure + " ms)")
                    .put("enqueueAsync's stage fails with ManagedQueueException (defect D5 when not)", probes.stream()
                            .filter(p -> p.call().equals("enqueueAsync")).allMatch(p -> p.outcome().endsWith(ManagedQueueException.class.getName()))
                            ? "YES" : "NO: " + probes.stream().filter(p -> p.call().equals("enqueueAsync")).map(Probe::outcome).toList())
                    .put("failed enqueues found in Redis afterwards (state: count)", ambiguous)
                    .put("workers resumed after restart, ms", workersResumeMillis)
                    .put("producer resumed after restart, ms", producerResumeMillis)
                    .put("all acknowledged jobs completed after restart, ms", recoveredMillis)
                    .put("jobs lost (acknowledged, not COMPLETED)", lost.size())
                    .put("jobs run twice (or more)", executions.jobsRunMoreThanOnce())
                    .put("active leases left", JobChecks.activeLeases(inspect, "rel-restart"))
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(lost).as("acknowledged jobs lost over a Redis restart").isEmpty();
            assertThat(failures).as("enqueues refused during the outage").isNotEmpty();
            assertThat(failures).extracting(LoadProducer.Failure::exception).as("what an enqueue throws while Redis is down")
                    .containsOnly(ManagedQueueException.class.getName());
            assertThat(probes).filteredOn(p -> !p.call().equals("enqueueAsync")).extracting(Probe::outcome)
                    .as("what the API throws while Redis is down").containsOnly(ManagedQueueException.class.getName());
            assertThat(maxFailure).as("an enqueue during the outage fails within the configured bound")
                    .isLessThanOrEqualTo(BOUND_MS + Reliability.millis(1000).toMillis());
            assertThat(JobChecks.activeLeases(inspect, "rel-restart")).isZero();
        } finally {
            if (load != null) {
                load.close();
            }
            workers.forEach(WorkerProcess::stop);
            if (producer != null) {
                producer.close();
            }
            redis.close();
        }
    }

    private static String idOf(LoadProducer.Failure failure) {
        return Reliability.PLUGIN + "|" + Reliability.QUEUE + "|t" + (failure.index() % 5) + "|" + failure.jobId();
    }

    private static EnqueueRequest<Work> job(String id, int index) {
        String tenant = "t" + (Math.max(index, 0) % 5);
        Work work = Work.of(index, 30, tenant);
        return EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId(tenant).jobId(id).payload(work)
                .attempts(5).backoff(Backoff.fixed(Duration.ofMillis(300)))
                .build();
    }
}
