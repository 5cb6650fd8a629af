package io.managedqueue.tck.tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.JobLog;

/** Reads the application's own tenant holder, which only the bridge can have filled. */
@ApplicationScoped
@PluginJobProcessor(pluginName = TenantScopeBridgeTest.PLUGIN, queueName = "bridged", jobName = "observe")
public class BridgedHandler implements PluginJobHandler<String> {

    /**
     * What the handler saw in {@link AppTenant}.
     *
     * @param tenant       the tenant
     * @param organization the organization
     * @param locale       the locale attribute
     */
    public record Seen(String tenant, String organization, String locale) {
    }

    @Inject
    JobLog log;

    @Inject
    TenantContext tenant;

    @Inject
    AppTenant appTenant;

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    @Override
    public void handle(ManagedQueueJob<String> job) {
        seen.put(job.id(), new Seen(appTenant.tenant(), appTenant.organization(), appTenant.locale()));
        log.record(job, tenant);
    }

    /**
     * @param jobId a job
     * @return what its handler saw, or {@code null}
     */
    public Seen seen(String jobId) {
        return seen.get(jobId);
    }
}
