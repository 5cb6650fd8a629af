package io.managedqueue.tck.priority;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/**
 * Concurrency 1 on each address, so jobs start one after the other in the order the queue hands
 * them out. A {@code "block"} job holds the only slot at the {@link Gate} while the test enqueues.
 * One address per test: a test's leftover jobs never sit in front of another test's.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = PriorityTest.PLUGIN, queueName = "work", jobName = "batch", concurrency = 1)
@PluginJobProcessor(pluginName = PriorityTest.PLUGIN, queueName = "work", jobName = "fifo", concurrency = 1)
@PluginJobProcessor(pluginName = PriorityTest.PLUGIN, queueName = "work", jobName = "mixed", concurrency = 1)
public class OrderedHandler extends RecordingHandler<String> {

    @Inject
    Gate gate;

    @Override
    public void handle(ManagedQueueJob<String> job) throws Exception {
        super.handle(job);
        if ("block".equals(job.data())) {
            gate.pass(job.id());
        }
    }
}
