package io.managedqueue.tck.cancel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/**
 * Concurrency 1: while a {@code "block"} job waits at the {@link Gate}, every other job of this
 * address stays {@code WAITING}. A {@code "fail"} job throws.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = CancelTest.PLUGIN, queueName = "work", jobName = "step", concurrency = 1)
public class GatedHandler extends RecordingHandler<String> {

    @Inject
    Gate gate;

    @Override
    public void handle(ManagedQueueJob<String> job) throws Exception {
        super.handle(job);
        if ("block".equals(job.data())) {
            gate.pass(job.id());
        } else if ("fail".equals(job.data())) {
            throw new IllegalStateException("failing on purpose");
        }
    }
}
