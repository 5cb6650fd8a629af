package io.managedqueue.tck.ratelimit;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;
import io.managedqueue.tck.support.RecordingHandler;

/**
 * Declares a generous limit that the deployment's configuration replaces with a tight one
 * (see {@link ConfiguredRateLimitTest}).
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = ConfiguredRateLimitTest.PLUGIN, queueName = "configured", jobName = "call", concurrency = 8,
        rateLimit = @RateLimit(max = 1000, duration = 1, unit = ChronoUnit.SECONDS))
public class ConfiguredHandler extends RecordingHandler<String> {
}
