package io.managedqueue.api;

import java.time.Instant;

/**
 * CDI event fired after a job completed and its completion is stored. Observable with
 * {@code @Observes} (on the worker thread, outside the job's request context) and {@code @ObservesAsync}.
 *
 * @param jobId          the platform job id
 * @param address        plugin, queue and job name
 * @param tenantId       the tenant, or {@code null} for a system-wide job
 * @param organizationId the organization, or {@code null}
 * @param attemptsMade   attempts it took, this one included
 * @param completedAt    when Redis stored its completion (Redis's clock, like the times of {@link JobFailed} and {@link JobRetryScheduled})
 */
public record JobCompleted(String jobId, JobAddress address, String tenantId, String organizationId,
                           int attemptsMade, Instant completedAt) {
}
