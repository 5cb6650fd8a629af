package io.managedqueue.sample.events;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.sample.AcmePlugin;

/**
 * Flushes a debounce window: the aggregated events are handled once (here: logged; a real
 * plugin would, say, update a conversation or call the tenant's webhook with the batch).
 */
@PluginJobProcessor(pluginName = AcmePlugin.NAME, queueName = AcmePlugin.INBOUND_QUEUE, jobName = AcmePlugin.FLUSH_JOB,
        concurrency = 2)
@ApplicationScoped
public class FlushEventsHandler implements PluginJobHandler<FlushEvents> {

    private static final Logger LOG = Logger.getLogger(FlushEventsHandler.class.getName());

    @Inject
    DebounceStore windows;

    @Inject
    TenantContext tenant;

    @Override
    public void handle(ManagedQueueJob<FlushEvents> job) {
        FlushEvents request = job.data();
        Flush flush = windows.flush(request.integrationId(), request.version());
        String where = "integration " + request.integrationId() + " of tenant " + tenant.tenantId().orElse("?");
        if (flush.flushed()) {
            LOG.info(() -> "Flushed " + flush.eventCount() + " event(s) of " + where + " (window version " + flush.version() + ")");
        } else {
            LOG.fine(() -> "Flush of " + where + " at version " + request.version() + ": " + flush.outcome()
                    + ", current version " + flush.currentVersion());
        }
    }
}
