package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
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
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * Scenario 4: a loaded worker JVM gets SIGTERM (as from Kubernetes). Its shutdown hook stops the
 * container: jobs that can finish within the grace period (3 s) complete, jobs that cannot are
 * handed back to the queue at once (WAITING, no attempt used), nothing is left ACTIVE when the
 * process has exited, and another worker then runs everything left. The lease is long (10 s) so
 * that a job wrongly left ACTIVE would be plainly visible after the exit.
 */
@Tag(Reliability.TAG)
class GracefulShutdownReliabilityTest {

    static final int LONG_JOBS = 4;
    static final int SHORT_JOBS = 60;
    static final long GRACE_MILLIS = 3000;

    @Test
    void runningJobsFinishWithinTheGracePeriodAndTheRestIsHandedBack() {
        Figures figures = new Figures("4-graceful-shutdown");
        long testStart = System.nanoTime();
        RedisNode redis = RedisNode.start("graceful");
        List<WorkerProcess> workers = new ArrayList<>();
        InProcess producer = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-graceful")
                    .with("managed-queue.lease.duration", "10s")
                    .with("managed-queue.shutdown.grace-period", GRACE_MILLIS + "ms")
                    .with(Reliability.CONCURRENCY_KEY, "8");
            producer = InProcess.start(settings.producerOnly().map(), false);
            ManagedQueueService queue = producer.queue();

            List<String> longJobs = new ArrayList<>();
            List<String> shortJobs = new ArrayList<>();
            for (int i = 0; i < LONG_JOBS; i++) {
                Work w = Work.of(i, 60_000, "t1");
                w.rerunMillis = 50; // the run after the hand-back is quick
                longJobs.add(queue.enqueue(request(w)).jobId());
            }
            for (int i = 0; i < SHORT_JOBS; i++) {
                shortJobs.add(queue.enqueue(request(Work.of(LONG_JOBS + i, 700, "t2"))).jobId());
            }
            List<String> all = new ArrayList<>(longJobs);
            all.addAll(shortJobs);

            WorkerProcess first = WorkerProcess.start("graceful-w1", settings.map());
            workers.add(first);
            first.awaitReady();
            // under load: all 8 slots busy, 4 with long jobs, 4 with short ones, a second wave of short ones done
            await("worker loaded").atMost(seconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> Executions.byWorker(inspect, first.incarnation()) >= LONG_JOBS + 8);
            long sigtermAt = System.currentTimeMillis();
            first.terminate();
            assertThat(first.awaitExit(seconds(30))).as("worker exits after SIGTERM").isTrue();
            long exitMillis = System.currentTimeMillis() - sigtermAt;

            // ---- right after the exit, before any lease could expire
            Map<String, String> states = JobChecks.states(queue, all);
            Executions executions = Executions.read(inspect);
            List<String> runningAtSigterm = new ArrayList<>();
            List<String> startedAfterSigterm = new ArrayList<>();
            for (String id : all) {
                for (Executions.Run run : executions.runs(id)) {
                    if (run.atMillis() > sigtermAt + 100) {
                        startedAfterSigterm.add(id);
                    }
                }
            }
            List<String> shortStarted = shortJobs.stream().filter(id -> !executions.runs(id).isEmpty()).toList();
            for (String id : shortStarted) {
                long started = executions.runs(id).get(0).atMillis();
                if (started + 700 > sigtermAt) { // still running when SIGTERM arrived
                    runningAtSigterm.add(id);
                }
            }
            long runningShortCompleted = runningAtSigterm.stream().filter(id -> "COMPLETED".equals(states.get(id))).count();
            List<String> activeAfterExit = JobChecks.not(states, s -> !s.equals("ACTIVE"));
            long leasesAfterExit = JobChecks.activeLeases(inspect, "rel-graceful");
            long longHandedBack = longJobs.stream().map(queue::getJob)
                    .filter(s -> s.map(j -> j.state().name().equals("WAITING") && j.attemptsMade() == 0).orElse(false)).count();
            Map<String, Long> tallyAfterExit = JobChecks.tally(states);

            // ---- another worker runs everything left
            WorkerProcess second = WorkerProcess.start("graceful-w2", settings.map());
            workers.add(second);
            second.awaitReady();
            await("every job completed").atMost(seconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> JobChecks.allCompleted(queue, all));
            Executions finalRuns = Executions.read(inspect);
            long shortRunTwice = shortJobs.stream().filter(id -> finalRuns.runs(id).size() != 1).count();
            long longRunsNotTwo = longJobs.stream().filter(id -> finalRuns.runs(id).size() != 2).count();
            long attemptsNotOne = all.stream().map(queue::getJob).filter(s -> s.map(JobSnapshot::attemptsMade).orElse(-1) != 1).count();

            figures.put("worker", "1 JVM, concurrency 8, grace period " + GRACE_MILLIS + " ms, lease 10 s")
                    .put("jobs", LONG_JOBS + " long (60 s) + " + SHORT_JOBS + " short (700 ms)")
                    .put("SIGTERM -> process exit, ms", exitMillis)
                    .put("worker's own shutdown log", first.logText().lines().filter(l -> l.contains("WORKER STOPPED")
                            || l.contains("workers stopped")).map(String::trim).toList())
                    .put("short jobs running at SIGTERM / COMPLETED by the exit", runningAtSigterm.size() + " / " + runningShortCompleted)
                    .put("long jobs handed back (WAITING, attemptsMade 0) at exit", longHandedBack + " of " + LONG_JOBS)
                    .put("states right after exit", tallyAfterExit)
                    .put("jobs ACTIVE right after exit", activeAfterExit.size())
                    .put("active leases right after exit", leasesAfterExit)
                    .put("jobs started after SIGTERM", startedAfterSigterm.size())
                    .put("after a second worker: short jobs run != 1 time", shortRunTwice)
                    .put("after a second worker: long jobs run != 2 times (interrupted + rerun)", longRunsNotTwo)
                    .put("jobs whose attemptsMade != 1", attemptsNotOne)
                    .put("jobs lost", JobChecks.not(JobChecks.states(queue, all), "COMPLETED"::equals).size())
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(exitMillis).as("exit within the grace period plus shutdown").isLessThanOrEqualTo(GRACE_MILLIS + seconds(5).toMillis());
            assertThat(runningAtSigterm).as("short jobs were running at SIGTERM").isNotEmpty();
            assertThat(runningShortCompleted).as("running jobs that fit the grace period completed").isEqualTo(runningAtSigterm.size());
            assertThat(activeAfterExit).as("jobs left ACTIVE by a graceful shutdown").isEmpty();
            assertThat(leasesAfterExit).isZero();
            assertThat(longHandedBack).as("long jobs handed back").isEqualTo(LONG_JOBS);
            assertThat(startedAfterSigterm).as("jobs started after SIGTERM").isEmpty();
            assertThat(shortRunTwice).as("short jobs run more than once").isZero();
            assertThat(longRunsNotTwo).isZero();
            assertThat(attemptsNotOne).as("a hand-back must not use an attempt").isZero();
        } finally {
            workers.forEach(WorkerProcess::stop);
            if (producer != null) {
                producer.close();
            }
            redis.close();
        }
    }

    private static EnqueueRequest<Work> request(Work work) {
        return EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId(work.tenant).payload(work).build();
    }
}
