package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.JobLog;

/** Implements {@link PluginJobHandler} directly: the payload type is its own type argument. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "greetings", jobName = "greet")
public class GreetingHandler implements PluginJobHandler<Greeting> {

    @Inject
    JobLog log;

    @Inject
    TenantContext tenant;

    @Override
    public void handle(ManagedQueueJob<Greeting> job) {
        log.record(job, tenant);
    }
}
