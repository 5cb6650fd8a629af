package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Handles {@code {@tck/discovery, duplicated, job}}: so does {@link DuplicateAddressHandlerTwo}. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "duplicated", jobName = "job")
public class DuplicateAddressHandlerOne extends RecordingHandler<String> {
}
