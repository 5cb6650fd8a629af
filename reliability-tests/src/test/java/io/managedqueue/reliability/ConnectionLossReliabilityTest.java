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
 * Scenario 3: while jobs flow, Redis drops every client connection ({@code CLIENT KILL TYPE normal},
 * and once {@code TYPE pubsub} too, which cuts the workers' wake-up subscription). Consumption must
 * resume within seconds by itself, and no job may stay ACTIVE.
 */
@Tag(Reliability.TAG)
class ConnectionLossReliabilityTest {

    static final int JOBS = 1500;
    static final int ROUNDS = 5;

    /** One cut: connections killed, then how long until consumption (5 more executions), each worker and the producer resumed. */
    record Cut(int round, String type, long killedConnections, long resumeMillis, long slowestWorkerMillis, long producerMillis) {
    }

    @Test
    void consumptionResumesAfterConnectionsAreKilled() {
        Figures figures = new Figures("3-connection-loss");
        long testStart = System.nanoTime();
        RedisNode redis = RedisNode.start("connloss");
        List<WorkerProcess> workers = new ArrayList<>();
        InProcess producer = null;
        LoadProducer load = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-connloss").with(Reliability.CONCURRENCY_KEY, "4");
            producer = InProcess.start(settings.producerOnly().map(), false);
            ManagedQueueService queue = producer.queue();
            for (int i = 0; i < 2; i++) {
                workers.add(WorkerProcess.start("connloss-w" + i, settings.map()));
            }
            workers.forEach(WorkerProcess::awaitReady);
            int clientsBefore = inspect.clientCount();

            load = new LoadProducer(queue, JOBS, 6, Duration.ofMillis(100), i -> EnqueueRequest
                    .<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                    .tenantId("t" + (i % 3)).payload(Work.of(i, 25, "t" + (i % 3))).build()).start();
            LoadProducer running = load;

            List<Cut> cuts = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                int threshold = round * JOBS / (ROUNDS + 1);
                await("production reaches " + threshold).atMost(seconds(60)).until(() -> running.attempted() >= threshold);
                long killed = inspect.number("CLIENT", "KILL", "TYPE", "normal");
                String type = "normal";
                if (round == 3) {
                    killed += inspect.number("CLIENT", "KILL", "TYPE", "pubsub");
                    type = "normal+pubsub";
                }
                long cutAt = System.currentTimeMillis();
                long executedAtCut = Executions.total(inspect);
                long[] byWorker = workers.stream().mapToLong(w -> Executions.byWorker(inspect, w.incarnation())).toArray();
                // consumption resumed: five more executions recorded after the cut
                await("consumption resumes after cut " + round).atMost(seconds(15)).pollInterval(Duration.ofMillis(10))
                        .until(() -> Executions.total(inspect) >= executedAtCut + 5);
                long resumed = System.currentTimeMillis() - cutAt;
                await("every worker resumes after cut " + round).atMost(seconds(15)).pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            for (int w = 0; w < workers.size(); w++) {
                                if (Executions.byWorker(inspect, workers.get(w).incarnation()) <= byWorker[w]) {
                                    return false;
                                }
                            }
                            return true;
                        });
                long slowestWorker = System.currentTimeMillis() - cutAt;
                await("producer resumes after cut " + round).atMost(seconds(15)).pollInterval(Duration.ofMillis(10))
                        .until(() -> running.lastSuccessAtMillis() > cutAt || running.done());
                cuts.add(new Cut(round, type, killed, resumed, slowestWorker, Math.max(0, running.lastSuccessAtMillis() - cutAt)));
            }
            await("production done").atMost(seconds(120)).until(running::done);
            List<String> acknowledged = load.acknowledged();
            await("every acknowledged job completed").atMost(seconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JobChecks.allCompleted(queue, acknowledged));

            Map<String, String> states = JobChecks.states(queue, acknowledged);
            Executions executions = Executions.read(inspect);
            long stalls = workers.stream().mapToLong(w -> w.countLines("stalled (lease expired")).sum();
            long[] resume = cuts.stream().mapToLong(Cut::resumeMillis).sorted().toArray();
            int clientsAfter = inspect.clientCount();

            figures.put("workers", "2 JVMs, concurrency 4 each, lease 2 s, poll interval 2 s")
                    .put("cuts", cuts)
                    .put("consumption resumed after a cut, ms: min/max", resume[0] + " / " + resume[resume.length - 1])
                    .put("slowest worker / producer resumed after a cut, ms: max", cuts.stream().mapToLong(Cut::slowestWorkerMillis).max()
                            .orElse(0) + " / " + cuts.stream().mapToLong(Cut::producerMillis).max().orElse(0))
                    .put("enqueues attempted / acknowledged / threw", load.attempted() + " / " + acknowledged.size() + " / "
                            + load.failures().size())
                    .put("producer exceptions", load.failures().stream().map(LoadProducer.Failure::exception).distinct().toList())
                    .put("final states", JobChecks.tally(states))
                    .put("jobs lost", JobChecks.not(states, "COMPLETED"::equals).size())
                    .put("jobs run twice (or more)", executions.jobsRunMoreThanOnce())
                    .put("stall reports in worker logs (jobs recovered by lease expiry)", stalls)
                    .put("client connections before / after", clientsBefore + " / " + clientsAfter)
                    .put("active leases left", JobChecks.activeLeases(inspect, "rel-connloss"))
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(JobChecks.not(states, "COMPLETED"::equals)).as("jobs not completed").isEmpty();
            assertThat(load.failures()).as("enqueues that threw on a killed connection").isEmpty();
            // an enqueue or a claim in flight on a killed connection waits for its response until the
            // command timeout (3 s) and is then retried (1 s): about 4 s at the defaults
            assertThat(resume[resume.length - 1]).as("consumption resumes within seconds")
                    .isLessThanOrEqualTo(seconds(8).toMillis());
            assertThat(cuts).allSatisfy(c -> {
                assertThat(c.slowestWorkerMillis()).as("every worker resumes, cut %s", c.round()).isLessThanOrEqualTo(seconds(8).toMillis());
                assertThat(c.producerMillis()).as("the producer resumes, cut %s", c.round()).isLessThanOrEqualTo(seconds(8).toMillis());
            });
            assertThat(JobChecks.activeLeases(inspect, "rel-connloss")).as("jobs left ACTIVE").isZero();
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
}
