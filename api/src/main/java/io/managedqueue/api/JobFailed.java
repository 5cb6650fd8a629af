package io.managedqueue.api;

import java.time.Instant;

/**
 * CDI event fired when a job failed for good (its final attempt failed, or it stalled too
 * often) and the failure is stored. Not fired for attempts that will be retried: see
 * {@link JobRetryScheduled}.
 *
 * @param jobId          the platform job id
 * @param address        plugin, queue and job name
 * @param tenantId       the tenant, or {@code null} for a system-wide job
 * @param organizationId the organization, or {@code null}
 * @param attemptsMade   attempts made
 * @param error          the last error, {@code ExceptionClass: message}
 * @param failedAt       when it failed
 */
public record JobFailed(String jobId, JobAddress address, String tenantId, String organizationId,
                        int attemptsMade, String error, Instant failedAt) {
}
