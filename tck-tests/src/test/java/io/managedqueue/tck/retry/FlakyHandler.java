package io.managedqueue.tck.retry;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/**
 * {@code always-fails} throws on every attempt; {@code fails-twice} throws on its first two
 * attempts and then succeeds. Each error names its attempt, so the test can tell which one was kept.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = RetryTest.PLUGIN, queueName = "flaky", jobName = "always-fails")
@PluginJobProcessor(pluginName = RetryTest.PLUGIN, queueName = "flaky", jobName = "fails-twice")
public class FlakyHandler extends RecordingHandler<String> {

    @Override
    public void handle(ManagedQueueJob<String> job) throws Exception {
        super.handle(job);
        if (job.name().equals("always-fails") || job.attemptsMade() <= 2) {
            throw new IllegalStateException("boom on attempt " + job.attemptsMade());
        }
    }
}
