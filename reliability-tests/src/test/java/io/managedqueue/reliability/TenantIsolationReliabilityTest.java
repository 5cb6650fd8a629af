package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.control.RequestContextController;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.TenantContext;
import io.managedqueue.reliability.support.Executions;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.JobChecks;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.reliability.support.WorkerProcess;
import io.managedqueue.reliability.worker.RecordingHandler;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * Scenario 8: jobs of 40 tenants, randomly interleaved, run on two shared worker JVMs (8 handler
 * threads each). Half are enqueued with an explicit tenant, half capture it from the producer's
 * {@link TenantContext}. Each payload names the tenant, organization and user the job belongs to;
 * the handler ({@link RecordingHandler}) checks {@code job.tenantId()}, the injected request-scoped
 * {@code TenantContext}, a request-scoped bean that must be fresh, {@code pluginKey}, and that
 * another tenant's job is invisible and cannot be cancelled; every mismatch is counted in Redis.
 */
@Tag(Reliability.TAG)
class TenantIsolationReliabilityTest {

    static final int TENANTS = 40;
    static final int JOBS = 4000;

    @Test
    void everyHandlerSeesExactlyItsOwnTenant() {
        Figures figures = new Figures("8-tenant-isolation");
        long testStart = System.nanoTime();
        RedisNode redis = RedisNode.start("tenants");
        List<WorkerProcess> workers = new ArrayList<>();
        InProcess producer = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-tenants").with(Reliability.CONCURRENCY_KEY, "8");
            producer = InProcess.start(settings.producerOnly().map(), false);
            ManagedQueueService queue = producer.queue();
            for (int i = 0; i < 2; i++) {
                workers.add(WorkerProcess.start("tenants-w" + i, settings.map()));
            }
            workers.forEach(WorkerProcess::awaitReady);

            Random random = new Random(8);
            List<String> ids = new ArrayList<>();
            Map<String, String> tenantOf = new HashMap<>();
            Map<String, String> lastIdOfTenant = new HashMap<>();
            int captured = 0;
            int foreignChecks = 0;
            RequestContextController request = producer.bean(RequestContextController.class);
            TenantContext tenantContext = producer.bean(TenantContext.class);
            for (int i = 0; i < JOBS; i++) {
                String tenant = "tenant-" + random.nextInt(TENANTS);
                Work work = Work.of(i, random.nextInt(4), tenant);
                work.org = random.nextInt(3) == 0 ? null : tenant + "-org" + random.nextInt(3);
                work.user = random.nextBoolean() ? null : "user-" + random.nextInt(100);
                String foreign = lastIdOfTenant.entrySet().stream().filter(e -> !e.getKey().equals(tenant))
                        .map(Map.Entry::getValue).findAny().orElse(null);
                if (i % 10 == 0 && foreign != null) {
                    work.foreignJobId = foreign;
                    foreignChecks++;
                }
                EnqueueRequest.Builder<Work> b = EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                        .payload(work);
                String id;
                if (random.nextBoolean()) {
                    b.tenantId(tenant).organizationId(work.org).userId(work.user);
                    id = queue.enqueue(b.build()).jobId();
                } else { // captured from the caller's scope, as inside a web request
                    request.activate();
                    try {
                        tenantContext.set(new JobScope(tenant, work.org, work.user, Map.of()));
                        id = queue.enqueue(b.build()).jobId();
                    } finally {
                        request.deactivate();
                    }
                    captured++;
                }
                ids.add(id);
                tenantOf.put(id, tenant);
                lastIdOfTenant.put(tenant, id);
            }
            await("every job completed").atMost(seconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Executions.total(inspect) >= JOBS && JobChecks.allCompleted(queue, ids));

            Map<String, String> states = JobChecks.states(queue, ids);
            Executions executions = Executions.read(inspect);
            // interleaving: in each worker's start order, how often the tenant changes from one job to the next
            Map<String, List<String[]>> byWorker = new TreeMap<>();
            executions.all().forEach((id, runs) -> runs.forEach(run -> byWorker.computeIfAbsent(run.incarnation(), k -> new ArrayList<>())
                    .add(new String[] {String.valueOf(run.atMillis()), tenantOf.get(id)})));
            Map<String, String> interleaving = new TreeMap<>();
            byWorker.forEach((worker, runs) -> {
                runs.sort(Comparator.comparingLong(r -> Long.parseLong(r[0])));
                int switches = 0;
                Set<String> tenants = new HashSet<>();
                for (int i = 0; i < runs.size(); i++) {
                    tenants.add(runs.get(i)[1]);
                    if (i > 0 && !runs.get(i)[1].equals(runs.get(i - 1)[1])) {
                        switches++;
                    }
                }
                interleaving.put(worker, runs.size() + " jobs, " + tenants.size() + " tenants, " + switches + " tenant switches");
            });

            figures.put("tenants / jobs", TENANTS + " / " + JOBS + " (" + captured + " with the tenant captured from TenantContext, "
                            + (JOBS - captured) + " explicit)")
                    .put("workers", "2 JVMs, concurrency 8 each")
                    .put("interleaving per worker", interleaving)
                    .put("foreign-job checks (getJob and cancel of another tenant's job inside a job)", foreignChecks)
                    .put("mismatches (must be 0)", executions.mismatchTotal())
                    .put("mismatches by kind", executions.mismatches())
                    .put("mismatch samples", executions.mismatchSamples())
                    .put("final states", JobChecks.tally(states))
                    .put("jobs run more than once", executions.jobsRunMoreThanOnce())
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();

            assertThat(executions.mismatchTotal()).as("tenant mismatches: %s", executions.mismatchSamples()).isZero();
            assertThat(JobChecks.not(states, "COMPLETED"::equals)).isEmpty();
            assertThat(executions.jobsRunMoreThanOnce()).isZero();
            assertThat(byWorker).hasSize(2);
            assertThat(byWorker.values()).allSatisfy(runs -> assertThat(runs.stream().map(r -> r[1]).distinct().count())
                    .as("tenants seen by one worker").isEqualTo(TENANTS));
        } finally {
            workers.forEach(WorkerProcess::stop);
            if (producer != null) {
                producer.close();
            }
            redis.close();
        }
    }
}
