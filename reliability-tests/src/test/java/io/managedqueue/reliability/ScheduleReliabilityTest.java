package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.reliability.support.Executions;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.reliability.support.WorkerProcess;
import io.managedqueue.reliability.worker.TickHandler;
import io.managedqueue.reliability.worker.WorkerMain;
import io.managedqueue.testing.Resp;

/**
 * Scenario 10: three worker JVMs start together on one Redis, each declaring the same
 * {@code every = PT1S} schedule. Every tick must give exactly one job and one execution. Then one
 * worker is stopped over several ticks and started again: no tick may be lost or doubled. Last,
 * every worker is down over several ticks and one starts: exactly one catch-up job is created, for
 * the oldest missed tick, and the schedule continues at the next future tick.
 */
@Tag(Reliability.TAG)
class ScheduleReliabilityTest {

    static final int WORKERS = 3;
    static final String PREFIX = "rel-schedule";
    static final String JOB_ID_PREFIX = Reliability.PLUGIN + "|" + TickHandler.QUEUE + "||schedule:" + TickHandler.SCHEDULE_ID + ":";

    @Test
    void severalProcessesCreateExactlyOneJobPerTickAcrossAStop() {
        Figures figures = new Figures("10-schedule");
        long testStart = System.nanoTime();
        RedisNode redis = RedisNode.start("schedule");
        List<WorkerProcess> started = new ArrayList<>();
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, PREFIX).with(WorkerMain.EXTRA_BEANS, TickHandler.class.getName());
            for (int i = 0; i < WORKERS; i++) {
                started.add(WorkerProcess.start("schedule-w" + i, settings.map()));
            }
            started.forEach(WorkerProcess::awaitReady);

            awaitMoreTicks(inspect, 5);
            WorkerProcess stopped = started.get(0);
            long stoppedAt = System.currentTimeMillis();
            stopped.terminate();
            assertThat(stopped.awaitExit(seconds(20))).as("worker stopped").isTrue();
            awaitMoreTicks(inspect, 3);
            WorkerProcess restarted = WorkerProcess.start("schedule-w0-again", settings.map()).awaitReady();
            started.add(restarted);
            long downMillis = System.currentTimeMillis() - stoppedAt;
            awaitMoreTicks(inspect, 4);
            for (WorkerProcess w : started) {
                w.terminate();
            }
            for (WorkerProcess w : started) {
                w.awaitExit(seconds(20));
            }

            // every tick between the first and the last job: one job, one execution
            TreeMap<Long, String> jobs = tickJobs(inspect);
            Executions executions = Executions.read(inspect);
            long first = jobs.firstKey();
            long last = jobs.lastKey();
            List<Long> missing = new ArrayList<>();
            for (long tick = first; tick <= last; tick += 1000) {
                if (!jobs.containsKey(tick)) {
                    missing.add(tick);
                }
            }
            Map<String, Integer> runsPerJob = jobs.values().stream()
                    .collect(Collectors.toMap(id -> id, id -> executions.runs(id).size()));
            List<String> notOnce = runsPerJob.entrySet().stream().filter(e -> e.getValue() != 1)
                    .map(e -> e.getKey() + "=" + e.getValue()).toList();
            long[] lateness = jobs.entrySet().stream().filter(e -> !executions.runs(e.getValue()).isEmpty())
                    .mapToLong(e -> executions.runs(e.getValue()).get(0).atMillis() - e.getKey()).sorted().toArray();
            Map<String, Long> byWorker = jobs.values().stream().flatMap(id -> executions.runs(id).stream())
                    .collect(Collectors.groupingBy(Executions.Run::incarnation, TreeMap::new, Collectors.counting()));
            long catchUps = started.stream().mapToLong(w -> w.countLines("catch-up job")).sum();

            // every process down over several ticks, then one starts: one catch-up job, then the next future tick
            long outageFrom = System.currentTimeMillis();
            await().atMost(seconds(20)).until(() -> System.currentTimeMillis() >= last + 8_000); // ticks pass unattended
            WorkerProcess survivor = WorkerProcess.start("schedule-after-outage", settings.map()).awaitReady();
            started.add(survivor);
            long outageMillis = System.currentTimeMillis() - outageFrom;
            awaitMoreTicks(inspect, 4);
            survivor.terminate();
            survivor.awaitExit(seconds(20));
            TreeMap<Long, String> afterOutage = new TreeMap<>(tickJobs(inspect).tailMap(last, false));
            Executions afterExecutions = Executions.read(inspect);
            long catchUp = afterOutage.firstKey();
            List<Long> resumed = new ArrayList<>(afterOutage.tailMap(catchUp, false).keySet());
            long resumedGaps = 0;
            for (int i = 1; i < resumed.size(); i++) {
                resumedGaps += resumed.get(i) - resumed.get(i - 1) != 1000 ? 1 : 0;
            }
            long afterNotOnce = afterOutage.values().stream().filter(id -> afterExecutions.runs(id).size() != 1).count();

            figures.put("workers", WORKERS + " JVMs started together, each declaring @Scheduled(every = \"PT1S\")")
                    .put("ticks observed (first..last)", (last - first) / 1000 + 1)
                    .put("jobs created", jobs.size())
                    .put("ticks without a job", missing.size())
                    .put("jobs not executed exactly once", notOnce.size())
                    .put("one worker stopped (SIGTERM) and restarted; down for, ms", downMillis)
                    .put("executions by worker", byWorker)
                    .put("tick -> handler start, ms: min/p50/p99/max", lateness[0] + " / " + Reliability.percentile(lateness, 50)
                            + " / " + Reliability.percentile(lateness, 99) + " / " + lateness[lateness.length - 1])
                    .put("catch-up jobs logged (none expected: a process was always up)", catchUps)
                    .put("tenant mismatches", executions.mismatchTotal())
                    .put("then all workers down, ms / ticks passed unattended", outageMillis + " / "
                            + (resumed.get(0) - catchUp) / 1000)
                    .put("catch-up jobs after the outage (expected 1, for the oldest missed tick)", catchUp == last + 1000
                            ? survivor.countLines("catch-up job") : "wrong tick " + catchUp)
                    .put("ticks after the catch-up: jobs / gaps / not executed once", resumed.size() + " / " + resumedGaps
                            + " / " + afterNotOnce)
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(jobs.size()).as("ticks observed").isGreaterThanOrEqualTo(12);
            assertThat(missing).as("ticks without a job").isEmpty();
            assertThat(notOnce).as("tick jobs not executed exactly once").isEmpty();
            assertThat(executions.mismatchTotal()).as("scheduled jobs are system-wide").isZero();
            assertThat(catchUps).isZero();
            assertThat(catchUp).as("the catch-up job is the oldest missed tick").isEqualTo(last + 1000);
            assertThat(survivor.countLines("catch-up job")).as("one catch-up job").isEqualTo(1);
            assertThat(resumed.get(0) - catchUp).as("the ticks in between were merged into it").isGreaterThan(5_000);
            assertThat(resumedGaps).as("after the catch-up the schedule continues tick by tick").isZero();
            assertThat(afterNotOnce).isZero();
        } finally {
            started.forEach(WorkerProcess::stop);
            redis.close();
        }
    }

    private static void awaitMoreTicks(Resp inspect, int more) {
        int now = tickJobs(inspect).size();
        await().atMost(seconds(more * 3L + 10)).pollInterval(Duration.ofMillis(200))
                .until(() -> tickJobs(inspect).size() >= now + more);
    }

    /** @return tick (epoch ms) to job id, for every job the schedule created */
    private static TreeMap<Long, String> tickJobs(Resp inspect) {
        TreeMap<Long, String> jobs = new TreeMap<>();
        String keyPrefix = new RedisKeys(PREFIX).job(new JobRef(Reliability.PLUGIN, TickHandler.QUEUE, "",
                "schedule:" + TickHandler.SCHEDULE_ID + ":"));
        for (String key : inspect.scan(keyPrefix + "*")) {
            long tick = Long.parseLong(key.substring(keyPrefix.length()));
            jobs.put(tick, JOB_ID_PREFIX + tick);
        }
        return jobs;
    }
}
