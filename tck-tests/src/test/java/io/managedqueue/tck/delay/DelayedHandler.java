package io.managedqueue.tck.delay;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Records when each delayed job actually starts. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DelayTest.PLUGIN, queueName = "later", jobName = "run")
public class DelayedHandler extends RecordingHandler<String> {
}
