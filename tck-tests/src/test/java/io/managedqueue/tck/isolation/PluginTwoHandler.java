package io.managedqueue.tck.isolation;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Plugin two, same queue and job names as plugin one. */
@ApplicationScoped
@PluginJobProcessor(pluginName = IsolationTest.PLUGIN_TWO, queueName = "shared", jobName = "job")
public class PluginTwoHandler extends RecordingHandler<String> {
}
