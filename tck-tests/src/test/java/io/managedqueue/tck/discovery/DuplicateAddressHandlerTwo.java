package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** The second handler bean of {@code {@tck/discovery, duplicated, job}}: a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "duplicated", jobName = "job")
public class DuplicateAddressHandlerTwo extends RecordingHandler<String> {
}
