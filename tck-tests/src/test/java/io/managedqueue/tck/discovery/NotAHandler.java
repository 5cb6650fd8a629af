package io.managedqueue.tck.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;

/** Declared as a handler but does not implement {@code PluginJobHandler}: a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = DiscoveryTest.PLUGIN, queueName = "broken", jobName = "not-a-handler")
public class NotAHandler {

    /**
     * Looks like a handler method, but the bean's types say otherwise.
     *
     * @param payload ignored
     */
    public void handle(Object payload) {
        // never called
    }
}
