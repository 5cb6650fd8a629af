package io.managedqueue.tck.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;
import io.managedqueue.tck.support.RecordingHandler;

/** Limits the queue {@code shared} to 5 starts per second... */
@ApplicationScoped
@PluginJobProcessor(pluginName = RateLimitTest.PLUGIN, queueName = "shared", jobName = "one", rateLimit = @RateLimit(max = 5))
public class ConflictingLimitHandlerOne extends RecordingHandler<String> {
}
