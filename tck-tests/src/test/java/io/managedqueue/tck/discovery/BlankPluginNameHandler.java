package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Declares an empty plugin name: a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = "", queueName = "broken", jobName = "blank-plugin")
public class BlankPluginNameHandler extends RecordingHandler<String> {
}
