package io.managedqueue.tck.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** {@code "ok"} completes, {@code "fail"} always throws, {@code "fail-once"} throws on its first attempt only. */
@ApplicationScoped
@PluginJobProcessor(pluginName = EventsTest.PLUGIN, queueName = "events", jobName = "work")
public class EventfulHandler extends RecordingHandler<String> {

    @Override
    public void handle(ManagedQueueJob<String> job) throws Exception {
        super.handle(job);
        if ("fail".equals(job.data()) || ("fail-once".equals(job.data()) && job.attemptsMade() == 1)) {
            throw new IllegalStateException("failed: " + job.data());
        }
    }
}
