package io.managedqueue.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * A cluster-wide rate limit: at most {@link #max()} job starts in any window of
 * {@link #duration()} {@link #unit()}s, counted across every process sharing the Redis.
 * Used in {@link PluginJobProcessor#rateLimit()} and {@link PluginJobProcessor#keyRateLimit()}.
 *
 * <p>A job over the limit simply waits (it stays {@link JobState#WAITING}) and starts when the
 * window allows; it uses no attempt. The window slides: the limit holds for every interval of
 * that length, not only for aligned ones.
 *
 * <pre>{@code
 * @PluginJobProcessor(pluginName = "@acme/plugin-sms", queueName = "sms.outbound", jobName = "send",
 *         concurrency = 8,
 *         rateLimit = @RateLimit(max = 50, duration = 1),                        // the provider's global cap
 *         keyRateLimit = @RateLimit(max = 1, duration = 1, unit = ChronoUnit.MINUTES)) // per rateLimitKey
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface RateLimit {

    /** @return jobs allowed to start per window; 0 (the default) means no limit; at most 100,000 */
    int max() default 0;

    /** @return the window's length in {@link #unit()}s; {@code >= 1}; default 1 */
    long duration() default 1;

    /** @return the unit of {@link #duration()}; default seconds; the window must be 1 ms to 1 day */
    ChronoUnit unit() default ChronoUnit.SECONDS;
}
