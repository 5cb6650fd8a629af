package io.managedqueue.extension.redis;

import java.time.Instant;

/**
 * What {@code retry-or-fail.lua} did with a failed attempt.
 *
 * @param kind         retried, failed for good, or nothing because the lease was lost
 * @param attemptsMade attempts made
 * @param at           the failure time, or when the retry is due
 */
public record RetryOutcome(Kind kind, int attemptsMade, Instant at) {

    /** The three outcomes. */
    public enum Kind {
        LEASE_LOST, FAILED, RETRY_SCHEDULED
    }
}
