package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** One bean, two addresses: the repeatable annotation. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "inbound", jobName = "aggregate")
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "inbound", jobName = "flush", concurrency = 4)
public class InboundHandler extends RecordingHandler<String> {
}
