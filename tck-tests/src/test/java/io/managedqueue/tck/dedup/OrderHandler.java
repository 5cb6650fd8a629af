package io.managedqueue.tck.dedup;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Records each order it processes. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DedupTest.PLUGIN, queueName = "orders", jobName = "process")
public class OrderHandler extends RecordingHandler<String> {
}
