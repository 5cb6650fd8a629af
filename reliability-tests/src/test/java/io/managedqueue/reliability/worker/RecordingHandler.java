package io.managedqueue.reliability.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.reliability.support.Reliability;

/**
 * The handler of the worker processes: checks that it sees exactly its job's tenant scope in a
 * fresh request context, records the execution in Redis, then "works" for the payload's time.
 * Concurrency 4, overridden per run with {@link Reliability#CONCURRENCY_KEY}.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = Reliability.PLUGIN, queueName = Reliability.QUEUE, jobName = Reliability.JOB, concurrency = 4)
public class RecordingHandler implements PluginJobHandler<Work> {

    @Inject
    Recorder recorder;
    @Inject
    TenantContext tenant;
    @Inject
    RequestProbe probe;
    @Inject
    ManagedQueueService queue;

    @Override
    public void handle(ManagedQueueJob<Work> job) throws Exception {
        Work work = job.data();
        List<String> problems = new ArrayList<>(0);
        if (probe.owner() != null) {
            problems.add("request-context-reused");
        }
        probe.own(job.id());
        if (work.tenant != null) {
            check(problems, "job.tenantId", work.tenant, job.tenantId());
            check(problems, "job.organizationId", work.org, job.organizationId());
            check(problems, "TenantContext.tenantId", Optional.of(work.tenant), tenant.tenantId());
            check(problems, "TenantContext.organizationId", Optional.ofNullable(work.org), tenant.organizationId());
            check(problems, "TenantContext.userId", Optional.ofNullable(work.user), tenant.userId());
            if (!job.id().contains("|" + work.tenant + "|")) {
                problems.add("jobId-without-tenant");
            }
            if (!queue.pluginKey(Reliability.PLUGIN, "state").contains(":" + work.tenant + ":")) {
                problems.add("pluginKey-of-other-tenant");
            }
            if (work.foreignJobId != null) {
                if (queue.getJob(work.foreignJobId).isPresent()) {
                    problems.add("foreign-job-visible");
                }
                if (queue.cancel(work.foreignJobId).reason() != CancelResult.Reason.NOT_FOUND) {
                    problems.add("foreign-job-cancellable");
                }
            }
        }
        long runs = recorder.started(job.id(), problems);
        int millis = runs > 1 && work.rerunMillis >= 0 ? work.rerunMillis : work.millis;
        if (millis > 0) {
            TimeUnit.MILLISECONDS.sleep(millis); // simulated work
        }
        if (runs <= work.failRuns) {
            throw new IllegalStateException("planned failure of run " + runs);
        }
    }

    private static void check(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what);
        }
    }
}
