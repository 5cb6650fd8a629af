package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.LogCapture;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.testing.Resp;

/**
 * Scenario 7: a soak, bounded in CI ({@code -Dreliability.soak.jobs}, 100,000 by default; the soak
 * profile runs 1,000,000). One platform (producer and worker) in this JVM with the default retention
 * (completed jobs: 1 day / 5,000). Every job runs exactly once; the JVM heap after GC, Redis memory,
 * the key count, the thread count and the Redis connection count are taken after a warm-up, half-way
 * and at the end: heap and threads flat, Redis bounded by retention, no connection leak.
 */
@Tag(Reliability.TAG)
class SoakReliabilityTest {

    static final String PLUGIN = "@rel/soak";
    static final String QUEUE = "soak.q";
    static final int BATCH = 1000;
    static final int MAX_BACKLOG = 20_000;
    static volatile AtomicIntegerArray runs = new AtomicIntegerArray(0);
    static final AtomicInteger DONE = new AtomicInteger();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "tick", concurrency = 16)
    public static class Tick implements PluginJobHandler<Integer> {
        @Override
        public void handle(ManagedQueueJob<Integer> job) {
            runs.incrementAndGet(job.data());
            DONE.incrementAndGet();
        }
    }

    /** One measurement. */
    record Sample(String at, long jobsDone, long heapUsedKb, int threads, int redisClients, long redisUsedMemoryKb,
                  long redisKeys) {
    }

    @Test
    void aLongRunKeepsHeapThreadsConnectionsAndRedisBounded() {
        int total = Integer.getInteger("reliability.soak.jobs", 100_000);
        Figures figures = new Figures(total >= 1_000_000 ? "7-soak-1m" : "7-soak");
        long testStart = System.nanoTime();
        runs = new AtomicIntegerArray(total);
        DONE.set(0);
        RedisNode redis = RedisNode.start("soak");
        InProcess platform = null;
        try (Resp inspect = redis.connect(); LogCapture lostLease = new LogCapture("lost the lease", true)) {
            // default retention on purpose: Redis must stay bounded without any setting
            Settings settings = Settings.of(redis, "rel-soak").defaultRetention();
            platform = InProcess.start(settings.map(), false, Tick.class);
            ManagedQueueService queue = platform.queue();

            Sample idle = sample("idle, before any job", inspect); // for the report: pools fill up lazily
            List<Sample> samples = new ArrayList<>();
            int warmup = Math.max(BATCH, total / 10);
            int half = total / 2;
            int enqueued = 0;
            long runStart = System.nanoTime();
            long afterWarmupNanos = 0;
            while (enqueued < total) {
                int done = enqueued;
                await("backlog below " + MAX_BACKLOG).atMost(seconds(120)).pollInterval(Duration.ofMillis(5))
                        .until(() -> done - DONE.get() < MAX_BACKLOG);
                int n = Math.min(BATCH, total - enqueued);
                List<EnqueueRequest<?>> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(EnqueueRequest.builder(PLUGIN, QUEUE, "tick").tenantId("t" + ((enqueued + i) % 10))
                            .payload(enqueued + i).build());
                }
                queue.enqueueAll(batch);
                enqueued += n;
                if (enqueued == warmup || enqueued == half) {
                    int target = enqueued;
                    await("checkpoint drained").atMost(seconds(120)).pollInterval(Duration.ofMillis(10))
                            .until(() -> DONE.get() >= target);
                    samples.add(sample(enqueued == warmup ? "after warm-up" : "half-way", inspect));
                    if (enqueued == warmup) {
                        afterWarmupNanos = System.nanoTime();
                    }
                }
            }
            await("every job ran").atMost(seconds(300)).pollInterval(Duration.ofMillis(20)).until(() -> DONE.get() >= total);
            long runNanos = System.nanoTime() - runStart;
            long steadyNanos = System.nanoTime() - afterWarmupNanos;
            // settle: the last completions reach Redis with the next claim
            await().atMost(seconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> inspect.scan("rel-soak:*:active:*").stream().mapToLong(k -> inspect.number("ZCARD", k)).sum() == 0);
            samples.add(sample("end", inspect));

            int missing = 0;
            int twice = 0;
            for (int i = 0; i < total; i++) {
                int r = runs.get(i);
                if (r == 0) {
                    missing++;
                } else if (r > 1) {
                    twice++;
                }
            }
            Sample base = samples.get(0);
            Sample mid = samples.get(1);
            Sample end = samples.get(samples.size() - 1);
            Map<String, Object> table = new LinkedHashMap<>();
            table.put(idle.at(), idle);
            samples.forEach(s -> table.put(s.at(), s));
            figures.put("jobs", total + " (batches of " + BATCH + ", backlog <= " + MAX_BACKLOG + ", concurrency 16, default retention 1 d / 5000)")
                    .put("throughput, jobs/s (whole run / after warm-up)", Math.round(total / (runNanos / 1e9)) + " / "
                            + Math.round((total - warmup) / (steadyNanos / 1e9)))
                    .put("jobs never run", missing)
                    .put("jobs run more than once", twice)
                    .put("samples", table)
                    .put("heap after GC, KiB: warm-up -> half -> end", base.heapUsedKb() + " -> " + mid.heapUsedKb() + " -> " + end.heapUsedKb())
                    .put("threads: idle -> warm-up -> half -> end", idle.threads() + " -> " + base.threads() + " -> " + mid.threads()
                            + " -> " + end.threads())
                    .put("Redis client connections: idle -> warm-up -> half -> end", idle.redisClients() + " -> " + base.redisClients()
                            + " -> " + mid.redisClients() + " -> " + end.redisClients())
                    .put("Redis used_memory, KiB: warm-up -> half -> end", base.redisUsedMemoryKb() + " -> " + mid.redisUsedMemoryKb()
                            + " -> " + end.redisUsedMemoryKb())
                    .put("spurious 'lost the lease' warnings (defect D4, no lease was lost)", lostLease.messages().size())
                    .put("Redis keys: warm-up -> half -> end", base.redisKeys() + " -> " + mid.redisKeys() + " -> " + end.redisKeys())
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(missing).as("jobs never run").isZero();
            assertThat(twice).as("jobs run more than once (no fault was injected)").isZero();
            assertThat(end.heapUsedKb() - base.heapUsedKb()).as("heap growth after GC, KiB").isLessThanOrEqualTo(32 * 1024);
            assertThat(end.threads()).as("threads").isLessThanOrEqualTo(base.threads() + 2);
            assertThat(end.redisClients()).as("Redis connections").isLessThanOrEqualTo(base.redisClients() + 2);
            // 5000 completed jobs kept, plus up to 1 % between two prunes (Retention's bursts), plus the queue's own keys
            assertThat(end.redisKeys()).as("Redis keys, bounded by the retention of 5000 completed jobs").isLessThanOrEqualTo(5000 + 50 + 20);
            assertThat(end.redisUsedMemoryKb() - mid.redisUsedMemoryKb()).as("Redis memory growth in the second half, KiB")
                    .isLessThanOrEqualTo(4 * 1024);
        } finally {
            if (platform != null) {
                platform.close();
            }
            redis.close();
        }
    }

    private static Sample sample(String at, Resp inspect) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        long heap = memory.getHeapMemoryUsage().getUsed() / 1024;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long usedMemory = Long.parseLong(inspect.info("memory", "used_memory")) / 1024;
        return new Sample(at, DONE.get(), heap, threads, inspect.clientCount(), usedMemory, inspect.number("DBSIZE"));
    }
}
