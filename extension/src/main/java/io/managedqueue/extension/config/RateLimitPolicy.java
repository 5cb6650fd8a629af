package io.managedqueue.extension.config;

import java.time.Duration;

import io.managedqueue.api.RateLimit;

/**
 * A validated rate limit: at most {@code max} job starts per sliding window of
 * {@code windowMillis}; {@link #NONE} when {@code max} is 0.
 *
 * @param max          starts per window, 0 to {@value #MAX_PER_WINDOW}
 * @param windowMillis the window, 1 ms to one day
 */
public record RateLimitPolicy(int max, long windowMillis) {

    /** Largest accepted {@code max}: bounds the window's zset in Redis. */
    public static final int MAX_PER_WINDOW = 100_000;
    private static final long MAX_WINDOW_MILLIS = Duration.ofDays(1).toMillis();
    /** No limit. */
    public static final RateLimitPolicy NONE = new RateLimitPolicy(0, 1000);

    /**
     * @throws IllegalArgumentException when out of range; the message starts with the attribute at fault
     */
    public RateLimitPolicy {
        if (max < 0 || max > MAX_PER_WINDOW) {
            throw new IllegalArgumentException("max must be between 0 and " + MAX_PER_WINDOW + ", was " + max);
        }
        if (windowMillis < 1 || windowMillis > MAX_WINDOW_MILLIS) {
            throw new IllegalArgumentException("duration must be between 1 ms and 1 day, was " + windowMillis + " ms");
        }
    }

    /** @return whether this limits anything */
    public boolean isLimited() {
        return max > 0;
    }

    /**
     * @param annotation a declared limit
     * @return the policy
     * @throws IllegalArgumentException naming the attribute at fault
     */
    public static RateLimitPolicy of(RateLimit annotation) {
        if (annotation.max() == 0) {
            return NONE;
        }
        if (annotation.duration() < 1) {
            throw new IllegalArgumentException("duration must be >= 1, was " + annotation.duration());
        }
        Duration window;
        try {
            window = annotation.unit().getDuration().multipliedBy(annotation.duration());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration is too long: " + annotation.duration() + " " + annotation.unit(), e);
        }
        return new RateLimitPolicy(annotation.max(), millis(window));
    }

    /**
     * @param key  the configuration key, for messages
     * @param text {@code <max>/<duration>}, for example {@code 50/PT1S} or {@code 50/1s}
     * @return the policy
     * @throws IllegalArgumentException naming the key
     */
    public static RateLimitPolicy parse(String key, String text) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException("expected <max>/<duration>, e.g. 50/PT1S");
            }
            int max = Integer.parseInt(text.substring(0, slash).trim());
            Duration window = ConfigDurations.parse(key, text.substring(slash + 1));
            return max == 0 ? NONE : new RateLimitPolicy(max, millis(window));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a rate limit (<max>/<duration>, e.g. 50/PT1S): "
                    + e.getMessage(), e);
        }
    }

    private static long millis(Duration window) {
        try {
            return window.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return isLimited() ? max + " per " + windowMillis + " ms" : "none";
    }
}
