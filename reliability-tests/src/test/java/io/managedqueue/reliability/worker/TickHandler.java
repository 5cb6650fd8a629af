package io.managedqueue.reliability.worker;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.Scheduled;
import io.managedqueue.api.TenantContext;
import io.managedqueue.reliability.support.Reliability;

/** A schedule every worker of the schedule scenario declares: records each tick's execution. */
@ApplicationScoped
@Scheduled(id = TickHandler.SCHEDULE_ID, every = "PT1S")
@PluginJobProcessor(pluginName = Reliability.PLUGIN, queueName = TickHandler.QUEUE, jobName = "tick")
public class TickHandler implements PluginJobHandler<Object> {

    public static final String SCHEDULE_ID = "rel-tick";
    public static final String QUEUE = "rel.schedule";

    @Inject
    Recorder recorder;
    @Inject
    TenantContext tenant;

    @Override
    public void handle(ManagedQueueJob<Object> job) {
        recorder.started(job.id(), tenant.tenantId().isPresent() || job.tenantId() != null
                ? List.of("scheduled-job-with-tenant") : List.of());
    }
}
