package io.managedqueue.tck.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;
import io.managedqueue.tck.support.RecordingHandler;

/** ...and this handler of another job of the same queue to 6: a queue has one limit, so a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = RateLimitTest.PLUGIN, queueName = "shared", jobName = "two", rateLimit = @RateLimit(max = 6))
public class ConflictingLimitHandlerTwo extends RecordingHandler<String> {
}
