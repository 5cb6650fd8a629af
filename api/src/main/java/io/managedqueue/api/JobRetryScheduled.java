package io.managedqueue.api;

import java.time.Instant;

/**
 * CDI event fired when an attempt failed and another one is scheduled: after Redis stored the
 * retry, on a platform thread, never on the handler's. The next attempt is not held back for the
 * observers: with no backoff it may already run when they are notified.
 *
 * @param jobId          the platform job id
 * @param address        plugin, queue and job name
 * @param tenantId       the tenant, or {@code null} for a system-wide job
 * @param organizationId the organization, or {@code null}
 * @param attemptsMade   attempts made so far
 * @param error          the error of the failed attempt, {@code ExceptionClass: message}
 * @param nextAttemptAt  when the next attempt is due
 */
public record JobRetryScheduled(String jobId, JobAddress address, String tenantId, String organizationId,
                                int attemptsMade, String error, Instant nextAttemptAt) {
}
