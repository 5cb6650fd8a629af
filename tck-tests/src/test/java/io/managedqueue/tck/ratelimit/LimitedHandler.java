package io.managedqueue.tck.ratelimit;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;
import io.managedqueue.tck.support.RecordingHandler;

/**
 * Concurrency high enough never to be the bound, so only the rate limits decide when jobs start:
 * the queue {@code limited} allows 5 starts per second, each rate-limit key of the queue
 * {@code per-key} 1 start per second.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = RateLimitTest.PLUGIN, queueName = "limited", jobName = "call", concurrency = 8,
        rateLimit = @RateLimit(max = RateLimitTest.QUEUE_MAX, duration = 1, unit = ChronoUnit.SECONDS))
@PluginJobProcessor(pluginName = RateLimitTest.PLUGIN, queueName = "per-key", jobName = "send", concurrency = 8,
        keyRateLimit = @RateLimit(max = 1, duration = RateLimitTest.KEY_WINDOW_MILLIS, unit = ChronoUnit.MILLIS))
public class LimitedHandler extends RecordingHandler<String> {
}
