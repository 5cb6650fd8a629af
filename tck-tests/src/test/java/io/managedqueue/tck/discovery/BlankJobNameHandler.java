package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Declares a blank job name: a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "broken", jobName = " ")
public class BlankJobNameHandler extends RecordingHandler<String> {
}
