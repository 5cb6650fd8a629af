package io.managedqueue.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How long finished jobs are kept in Redis, by age and/or by count, per logical queue and
 * final state. Whichever bound is reached first removes a job. Jobs are pruned when another
 * job of the same address finishes, so Redis stays bounded without a sweeper.
 *
 * <p>Defaults (overridable by configuration): completed jobs 1 day / 5,000,
 * failed and cancelled jobs 7 days / 5,000. A count-only retention keeps the newest
 * {@code count} jobs; it does not delete at once. A count of 100 or more is enforced in bursts:
 * the finished jobs of an address may exceed it by up to 1 % before one finish prunes them back
 * to it (this spares most finishes three Redis calls).
 */
public final class Retention {

    private static final Retention KEEP_ALL = new Retention(null, null);
    private static final Retention NONE = new Retention(null, 0);

    private final Duration maxAge;
    private final Integer maxCount;

    private Retention(Duration maxAge, Integer maxCount) {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("retention.maxAge must be > 0, was " + maxAge);
        }
        if (maxCount != null && maxCount < 0) {
            throw new IllegalArgumentException("retention.maxCount must be >= 0, was " + maxCount);
        }
        this.maxAge = maxAge;
        this.maxCount = maxCount;
    }

    /**
     * @param maxAge   keep finished jobs at most this long; {@code > 0}
     * @param maxCount keep at most this many finished jobs of the address; {@code >= 0}
     * @return a retention bounded by both age and count
     */
    public static Retention of(Duration maxAge, int maxCount) {
        return new Retention(Objects.requireNonNull(maxAge, "maxAge"), maxCount);
    }

    /**
     * @param maxAge keep finished jobs at most this long; {@code > 0}
     * @return a retention bounded by age only
     */
    public static Retention ofAge(Duration maxAge) {
        return new Retention(Objects.requireNonNull(maxAge, "maxAge"), null);
    }

    /**
     * @param maxCount keep the newest {@code maxCount} finished jobs of the address; {@code >= 0}
     * @return a retention bounded by count only
     */
    public static Retention ofCount(int maxCount) {
        return new Retention(null, maxCount);
    }

    /** @return keep finished jobs forever: Redis grows without bound, use deliberately */
    public static Retention keepAll() {
        return KEEP_ALL;
    }

    /** @return remove a job as soon as it finishes */
    public static Retention none() {
        return NONE;
    }

    /** @return the age bound, if any */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /** @return the count bound, if any */
    public OptionalInt maxCount() {
        return maxCount == null ? OptionalInt.empty() : OptionalInt.of(maxCount);
    }

    /** @return whether a finished job is removed at once */
    public boolean keepsNothing() {
        return maxCount != null && maxCount == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Retention r && Objects.equals(maxAge, r.maxAge) && Objects.equals(maxCount, r.maxCount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAge, maxCount);
    }

    @Override
    public String toString() {
        if (maxAge == null && maxCount == null) {
            return "Retention[keepAll]";
        }
        return "Retention[maxAge=" + maxAge + ", maxCount=" + maxCount + "]";
    }
}
