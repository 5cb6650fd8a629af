package io.managedqueue.tck.invalid;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Records the (valid) jobs that reach it. */
@ApplicationScoped
@PluginJobProcessor(pluginName = InvalidInputTest.PLUGIN, queueName = "checked", jobName = "probe")
public class ProbeHandler extends RecordingHandler<String> {
}
