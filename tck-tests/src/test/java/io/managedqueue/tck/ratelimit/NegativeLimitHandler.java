package io.managedqueue.tck.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;
import io.managedqueue.tck.support.RecordingHandler;

/** Declares a per-key limit below 0: a definition error. */
@ApplicationScoped
@PluginJobProcessor(pluginName = RateLimitTest.PLUGIN, queueName = "broken", jobName = "negative", keyRateLimit = @RateLimit(max = -1))
public class NegativeLimitHandler extends RecordingHandler<String> {
}
