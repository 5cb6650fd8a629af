package io.managedqueue.reliability.support;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.reliability.worker.Recorder;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * One failover under load, on a Sentinel set or a Cluster: a producer in the test JVM enqueues
 * 100 jobs/s (every 5th delayed 1 s) into the topology, one worker JVM (concurrency 8) runs them and
 * records every execution in a ledger Redis of its own (a failover cannot lose the measurements);
 * 2.5 s in, the fault runs. Then every acknowledged job must complete. The figures: acknowledged jobs
 * lost, jobs run twice, how long enqueue and processing stalled and when they resumed after Redis
 * itself had failed over, whether the worker is alive afterwards.
 */
public final class FailoverRun {

    /** The outcome, for the test's assertions. */
    public record Outcome(int lost, long runTwice, long enqueueResumeMillis, long processingResumeMillis, boolean workerAlive,
                          int enqueueFailures) {
    }

    static final int JOBS = 800;
    /** When the worker must still run jobs, counted from the fault. */
    static final Duration WORKING_LATER = Duration.ofSeconds(30);

    private FailoverRun() {
    }

    /**
     * @param name     the figures' name
     * @param topology describes the topology for the report
     * @param settings the platform's settings for this topology
     * @param fault    runs the fault; returns when (epoch ms) Redis itself had failed over
     */
    public static Outcome run(String name, String topology, Settings settings, LongSupplier fault) {
        Figures figures = new Figures(name);
        try (RedisNode ledger = RedisNode.start("ledger-" + name); Resp records = ledger.connect()) {
            Settings withLedger = settings.and(Recorder.LEDGER, ledger.address()).and(Reliability.CONCURRENCY_KEY, "8");
            WorkerProcess worker = WorkerProcess.start(name + "-w0", withLedger.map());
            InProcess producer = InProcess.start(withLedger.producerOnly().map(), false);
            try (LoadProducer load = new LoadProducer(producer.queue(), JOBS, 10, Duration.ofMillis(100), FailoverRun::job)) {
                worker.awaitReady();
                load.start();
                await("2.5 s of load").atMost(seconds(60)).until(() -> load.attempted() >= 250);
                long faultAt = System.currentTimeMillis();
                long redisDoneAt = fault.getAsLong();
                await("production done").atMost(seconds(120)).until(load::done);
                ManagedQueueService queue = producer.queue();
                List<String> acknowledged = load.acknowledged();
                boolean drained = awaitDrained(queue, acknowledged);
                Map<String, String> states = JobChecks.states(queue, acknowledged);
                List<String> lost = JobChecks.not(states, "COMPLETED"::equals);
                Executions executions = Executions.read(records);
                long[] starts = executions.all().values().stream().flatMap(List::stream).mapToLong(Executions.Run::atMillis)
                        .sorted().toArray();
                Gap enqueueGap = Gap.largest(load.successTimes().stream().mapToLong(Long::longValue).toArray(), faultAt);
                Gap processingGap = Gap.largest(starts, faultAt);
                Map<String, Long> failureTypes = new TreeMap<>();
                load.failures().forEach(f -> failureTypes.merge(f.exception(), 1L, Long::sum));
                long probeMillis = probeLater(queue, faultAt);
                boolean working = worker.isAlive() && probeMillis >= 0;
                Outcome outcome = new Outcome(lost.size(), executions.jobsRunMoreThanOnce(),
                        Math.max(0, enqueueGap.end() - redisDoneAt), Math.max(0, processingGap.end() - redisDoneAt),
                        working, load.failures().size());
                figures.put("topology", topology)
                        .put("load", "100 enqueues/s (every 5th delayed 1 s), " + JOBS + " jobs, 1 worker JVM, concurrency 8")
                        .put("settings", withLedger.map().entrySet().stream().filter(e -> e.getKey().startsWith("managed-queue.redis."))
                                .filter(e -> !e.getKey().endsWith("addresses")).map(Map.Entry::toString).sorted().toList())
                        .put("Redis failed over after the fault, ms", redisDoneAt - faultAt)
                        .put("enqueues attempted / acknowledged / threw", load.attempted() + " / " + acknowledged.size() + " / "
                                + load.failures().size() + " " + failureTypes)
                        .put("all acknowledged jobs completed within the bound", drained)
                        .put("acknowledged jobs lost (not COMPLETED)", lost.size() + (lost.isEmpty() ? "" : " " + JobChecks.tally(
                                JobChecks.states(queue, lost)) + " e.g. " + lost.subList(0, Math.min(3, lost.size()))))
                        .put("jobs run twice (or more)", executions.jobsRunMoreThanOnce())
                        .put("longest enqueue stall after the fault, ms", enqueueGap.length())
                        .put("enqueue resumed after Redis failed over, ms", outcome.enqueueResumeMillis())
                        .put("longest processing stall after the fault, ms", processingGap.length())
                        .put("processing resumed after Redis failed over, ms", outcome.processingResumeMillis())
                        .put("worker alive and working " + WORKING_LATER.toSeconds() + " s after the fault", working
                                + (working ? " (a job enqueued then completed in " + probeMillis + " ms)" : ""));
                figures.report();
                return outcome;
            } finally {
                producer.close();
                worker.stop();
            }
        }
    }

    /**
     * The "workers alive 30 s later": once 30 s have passed since the fault, one more job is
     * enqueued and must complete, so the worker is not only running but still claiming.
     *
     * @return how long the job took to complete, or -1 when it did not within 15 s
     */
    private static long probeLater(ManagedQueueService queue, long faultAt) {
        await(WORKING_LATER.toSeconds() + " s after the fault").atMost(WORKING_LATER.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> System.currentTimeMillis() - faultAt >= WORKING_LATER.toMillis());
        long sentAt = System.currentTimeMillis();
        String probe = queue.enqueue(EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId("t0").jobId("probe-after-failover").payload(Work.of(JOBS, 20, "t0")).build()).jobId();
        try {
            await("a job enqueued " + WORKING_LATER.toSeconds() + " s after the fault completes").atMost(seconds(15))
                    .pollInterval(Duration.ofMillis(50)).until(() -> JobChecks.allCompleted(queue, List.of(probe)));
            return System.currentTimeMillis() - sentAt;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return -1;
        }
    }

    private static boolean awaitDrained(ManagedQueueService queue, List<String> acknowledged) {
        try {
            await("acknowledged jobs completed").atMost(seconds(25)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JobChecks.allCompleted(queue, acknowledged));
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false; // the report says how many never completed
        }
    }

    /** The longest pause between two consecutive events at or after {@code from}. */
    record Gap(long start, long end) {
        long length() {
            return end - start;
        }

        static Gap largest(long[] sortedTimes, long from) {
            Gap best = new Gap(from, from);
            long previous = from;
            for (long t : sortedTimes) {
                if (t < from) {
                    continue;
                }
                if (t - previous > best.length()) {
                    best = new Gap(previous, t);
                }
                previous = t;
            }
            return best;
        }
    }

    private static EnqueueRequest<Work> job(int index) {
        String tenant = "t" + (index % 5);
        EnqueueRequest.Builder<Work> b = EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId(tenant).jobId("f-" + index).payload(Work.of(index, 20, tenant))
                .attempts(5).backoff(Backoff.fixed(Duration.ofMillis(200)));
        if (index % 5 == 0) {
            b.delay(Duration.ofSeconds(1));
        }
        return b.build();
    }
}
