package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.Dependent;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/**
 * Gets {@code PluginJobHandler<Greeting>} through a generic superclass: the payload type is
 * resolved from the bean's type closure, not only from its own {@code implements} clause.
 * {@code @Dependent}, the CDI default, is a valid handler scope too.
 */
@Dependent
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "greetings", jobName = "inherited")
public class InheritedGreetingHandler extends RecordingHandler<Greeting> {
}
