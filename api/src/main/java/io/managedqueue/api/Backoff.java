package io.managedqueue.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a failed job waits before its next attempt.
 *
 * <ul>
 * <li>{@link #fixed(Duration)}: the same delay before every retry.</li>
 * <li>{@link #exponential(Duration)}: {@code base × 2^(attemptsMade − 1)}: base, 2×base, 4×base, ...</li>
 * <li>{@link #withJitter(double)}: each delay is drawn uniformly from {@code [delay × (1 − jitter), delay]},
 * so that many jobs failing together do not retry together.</li>
 * </ul>
 * Every computed delay is capped at {@link #MAX_DELAY}.
 *
 * @param type   fixed or exponential
 * @param delay  the fixed delay, or the base of the exponential series; must be {@code >= 0}
 * @param jitter the fraction of each delay that is randomised; {@code 0} (none) to {@code 1}
 */
public record Backoff(Type type, Duration delay, double jitter) {

    /** Longest delay any backoff produces: 30 days. */
    public static final Duration MAX_DELAY = Duration.ofDays(30);

    /** The shape of the delay series. */
    public enum Type {
        /** The same delay before every retry. */
        FIXED,
        /** A delay doubling with each failed attempt. */
        EXPONENTIAL
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field when {@code delay} is negative or
     *                                  {@code jitter} is outside {@code [0, 1]}
     */
    public Backoff {
        Objects.requireNonNull(type, "type");
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("backoff.delay must be >= 0, was " + delay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff.jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * @param delay the delay before each retry, {@code >= 0}
     * @return a fixed backoff without jitter
     */
    public static Backoff fixed(Duration delay) {
        return new Backoff(Type.FIXED, delay, 0);
    }

    /**
     * @param base the delay before the first retry, doubled for each further one; {@code >= 0}
     * @return an exponential backoff without jitter
     */
    public static Backoff exponential(Duration base) {
        return new Backoff(Type.EXPONENTIAL, base, 0);
    }

    /** @return retry at once: a fixed backoff of zero */
    public static Backoff none() {
        return fixed(Duration.ZERO);
    }

    /**
     * @param fraction the randomised fraction of each delay, from 0 to 1
     * @return this backoff with jitter
     */
    public Backoff withJitter(double fraction) {
        return new Backoff(type, delay, fraction);
    }

    /**
     * The delay before the next attempt, without jitter.
     *
     * @param attemptsMade attempts made so far, including the one that just failed ({@code >= 1})
     * @return the delay, capped at {@link #MAX_DELAY}
     */
    public Duration delayAfter(int attemptsMade) {
        if (type == Type.FIXED || attemptsMade <= 1) {
            return min(delay, MAX_DELAY);
        }
        int doublings = Math.min(attemptsMade - 1, 40); // 2^40 × 1 ms already exceeds the cap
        long millis = delay.toMillis();
        return millis > MAX_DELAY.toMillis() >> doublings ? MAX_DELAY : Duration.ofMillis(millis << doublings);
    }

    /**
     * The delay before the next attempt, with jitter applied.
     *
     * @param attemptsMade attempts made so far, including the one that just failed ({@code >= 1})
     * @param random       a uniformly distributed number in {@code [0, 1)}
     * @return the delay, between {@code delayAfter(attemptsMade) × (1 − jitter)} and {@code delayAfter(attemptsMade)}
     */
    public Duration delayAfter(int attemptsMade, double random) {
        Duration full = delayAfter(attemptsMade);
        if (jitter == 0) {
            return full;
        }
        return Duration.ofMillis(Math.round(full.toMillis() * (1 - jitter * random)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
