package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Declares a concurrency below 1: a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "broken", jobName = "zero-concurrency", concurrency = 0)
public class ZeroConcurrencyHandler extends RecordingHandler<String> {
}
