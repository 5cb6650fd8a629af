package io.managedqueue.tck.debounce;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Records every run; a job whose payload starts with {@code "hold"} stays running until the {@link Gate} lets it go. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DebounceTest.PLUGIN, queueName = "inbound", jobName = "sync")
@PluginJobProcessor(pluginName = DebounceTest.PLUGIN, queueName = "inbound", jobName = "flush")
public class CoalescingHandler extends RecordingHandler<String> {

    @Inject
    Gate gate;

    @Override
    public void handle(ManagedQueueJob<String> job) throws Exception {
        super.handle(job);
        if (job.data().startsWith("hold")) {
            gate.pass(job.id());
        }
    }
}
