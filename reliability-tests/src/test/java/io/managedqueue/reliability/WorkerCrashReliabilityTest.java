package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobSnapshot;
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
 * Scenario 1: three worker JVMs and a producer share one Redis; while jobs flow, one worker at a
 * time is killed with SIGKILL (no shutdown code runs) and replaced, again and again. Every job must
 * complete; only a job that was running on a killed worker may run twice; the killed worker's jobs
 * run again within the lease (2 s) plus a claim cycle.
 */
@Tag(Reliability.TAG)
class WorkerCrashReliabilityTest {

    static final int WORKERS = 3;
    static final int KILLS = 6;
    static final int JOBS = 4000;
    static final long LEASE_MILLIS = 2000;

    record Kill(String incarnation, long atMillis, long executionsBefore) {
    }

    @Test
    void workersKilledMidJobLoseNothing() {
        Figures figures = new Figures("1-worker-crash");
        long testStart = System.nanoTime();
        Random random = new Random(42);
        RedisNode redis = RedisNode.start("crash");
        List<WorkerProcess> started = new ArrayList<>();
        InProcess producer = null;
        LoadProducer load = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-crash")
                    .with("managed-queue.lease.duration", LEASE_MILLIS + "ms")
                    .with(Reliability.CONCURRENCY_KEY, "4");
            producer = InProcess.start(settings.producerOnly().map(), false);
            ManagedQueueService queue = producer.queue();

            WorkerProcess[] slots = new WorkerProcess[WORKERS];
            int[] generation = new int[WORKERS];
            for (int i = 0; i < WORKERS; i++) {
                slots[i] = WorkerProcess.start("crash-w" + i + "-g0", settings.map());
                started.add(slots[i]);
            }
            for (WorkerProcess w : slots) {
                w.awaitReady();
            }

            // 4000 jobs of 20..150 ms at ~125 jobs/s: about 32 s of production, 12 handler slots
            Random sizes = new Random(7);
            int[] millis = new int[JOBS];
            Arrays.setAll(millis, i -> 20 + sizes.nextInt(131));
            load = new LoadProducer(queue, JOBS, 5, Duration.ofMillis(40), i -> EnqueueRequest
                    .builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                    .tenantId("t" + (i % 7))
                    .payload(Work.of(i, millis[i], "t" + (i % 7)))
                    .build()).start();

            List<Kill> kills = new ArrayList<>();
            for (int k = 1; k <= KILLS; k++) {
                int threshold = k * JOBS / (KILLS + 1);
                LoadProducer producing = load;
                await("production reaches " + threshold).atMost(seconds(90)).until(() -> producing.attempted() >= threshold);
                int slot = random.nextInt(WORKERS);
                WorkerProcess victim = slots[slot];
                victim.awaitReady();
                // mid-jobs: the victim has been running jobs for a while
                await("victim " + victim + " busy").atMost(seconds(60))
                        .until(() -> Executions.byWorker(inspect, victim.incarnation()) >= 10);
                long before = Executions.byWorker(inspect, victim.incarnation());
                long killAt = System.currentTimeMillis();
                victim.kill();
                kills.add(new Kill(victim.incarnation(), killAt, before));
                slots[slot] = WorkerProcess.start("crash-w" + slot + "-g" + (++generation[slot]), settings.map());
                started.add(slots[slot]);
            }
            LoadProducer finished = load;
            await("production done").atMost(seconds(120)).until(finished::done);
            List<String> jobIds = load.acknowledged();
            long drainStart = System.nanoTime();
            await("every job completed").atMost(seconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Executions.total(inspect) >= JOBS && JobChecks.allCompleted(queue, jobIds));
            long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;

            // ---- analysis
            Map<String, String> states = JobChecks.states(queue, jobIds);
            Executions executions = Executions.read(inspect);
            Map<String, Kill> killed = new HashMap<>();
            kills.forEach(k -> killed.put(k.incarnation(), k));

            List<String> lost = new ArrayList<>(JobChecks.not(states, "COMPLETED"::equals));
            jobIds.stream().filter(id -> executions.runs(id).isEmpty() && !lost.contains(id)).forEach(lost::add);

            List<String> unexplainedRepeats = new ArrayList<>();
            Map<String, List<Long>> recoveryByKill = new HashMap<>();
            for (String id : jobIds) {
                List<Executions.Run> runs = executions.runs(id);
                int explained = 0;
                for (int r = 0; r < runs.size() - 1; r++) {
                    Kill k = killed.get(runs.get(r).incarnation());
                    if (k != null && runs.get(r).atMillis() <= k.atMillis() + 50) {
                        explained++;
                        recoveryByKill.computeIfAbsent(k.incarnation(), x -> new ArrayList<>())
                                .add(runs.get(r + 1).atMillis() - k.atMillis());
                    }
                }
                if (runs.size() - 1 > explained) {
                    unexplainedRepeats.add(id + " " + runs);
                }
            }
            long wrongAttempts = jobIds.stream().map(queue::getJob).filter(s -> s.map(JobSnapshot::attemptsMade).orElse(-1) != 1)
                    .count();
            long[] recoveries = recoveryByKill.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
            long stallLines = started.stream().mapToLong(w -> w.countLines("stalled (lease expired")).sum();

            figures.put("workers", WORKERS + " JVMs, concurrency 4 each, lease " + LEASE_MILLIS + " ms")
                    .put("jobs enqueued (acknowledged)", jobIds.size())
                    .put("kills (SIGKILL)", kills.size())
                    .put("jobs lost", lost.size())
                    .put("final states", JobChecks.tally(states))
                    .put("jobs run twice (or more)", executions.jobsRunMoreThanOnce())
                    .put("extra executions", executions.extraRuns())
                    .put("repeats not explained by a kill", unexplainedRepeats.size())
                    .put("jobs whose attemptsMade != 1 (a stall must not use an attempt)", wrongAttempts)
                    .put("jobs in flight per kill (re-run)", kills.stream()
                            .map(k -> k.incarnation() + "=" + recoveryByKill.getOrDefault(k.incarnation(), List.of()).size()).toList())
                    .put("recovery after kill, ms (kill -> re-run start): min/p50/max", recoveries.length == 0 ? "n/a"
                            : recoveries[0] + " / " + Reliability.percentile(recoveries, 50) + " / " + recoveries[recoveries.length - 1])
                    .put("stall reports in worker logs", stallLines)
                    .put("'lost the lease' warnings in worker logs (spurious ones: defect D4)",
                            started.stream().mapToLong(w -> w.countLines("lost the lease")).sum())
                    .put("drain after production, ms", drainMillis)
                    .put("active leases left", JobChecks.activeLeases(inspect, "rel-crash"))
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(lost).as("lost jobs").isEmpty();
            assertThat(jobIds).hasSize(JOBS);
            assertThat(unexplainedRepeats).as("jobs that ran twice without having been in flight on a killed worker").isEmpty();
            assertThat(wrongAttempts).as("jobs whose attemptsMade is not 1").isZero();
            assertThat(recoveries).as("every kill left jobs in flight that ran again").isNotEmpty();
            assertThat(recoveries[recoveries.length - 1]).as("recovery bounded by the lease plus a claim cycle")
                    .isLessThanOrEqualTo(LEASE_MILLIS + seconds(3).toMillis());
            assertThat(JobChecks.activeLeases(inspect, "rel-crash")).isZero();
        } finally {
            if (load != null) {
                load.close();
            }
            started.forEach(WorkerProcess::stop);
            if (producer != null) {
                producer.close();
            }
            redis.close();
        }
    }
}
