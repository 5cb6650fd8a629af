package io.managedqueue.tck.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.JobLog;

/** Records the tenant scope it runs in and the request-scoped probe it gets. */
@ApplicationScoped
@PluginJobProcessor(pluginName = TenantContextTest.PLUGIN, queueName = "tenant.jobs", jobName = "observe")
public class TenantObservingHandler implements PluginJobHandler<String> {

    @Inject
    JobLog log;

    @Inject
    TenantContext tenant;

    @Inject
    RequestProbe probe;

    @Inject
    ProbeRegistry probes;

    @Override
    public void handle(ManagedQueueJob<String> job) {
        probes.used(job.id(), probe.id());
        log.record(job, tenant); // last: tests wait for this record
    }
}
