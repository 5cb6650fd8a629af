package io.managedqueue.tck.isolation;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Plugin one, two queues with the same job name. */
@ApplicationScoped
@PluginJobProcessor(pluginName = IsolationTest.PLUGIN_ONE, queueName = "shared", jobName = "job")
@PluginJobProcessor(pluginName = IsolationTest.PLUGIN_ONE, queueName = "other", jobName = "job")
public class PluginOneHandler extends RecordingHandler<String> {
}
