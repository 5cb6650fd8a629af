package io.managedqueue.tck.support;

import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.TenantContext;

/**
 * A handler that records every call in the {@link JobLog} and returns normally. Tests extend it
 * with a concrete payload type and their {@code @PluginJobProcessor} addresses; the payload type
 * then comes from the subclass's {@code RecordingHandler<T>} type argument.
 *
 * @param <T> the payload type
 */
public abstract class RecordingHandler<T> implements PluginJobHandler<T> {

    @Inject
    JobLog log;

    @Inject
    TenantContext tenant;

    @Override
    public void handle(ManagedQueueJob<T> job) throws Exception {
        log.record(job, tenant);
    }
}
