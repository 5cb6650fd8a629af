package io.managedqueue.api;

import java.time.Instant;

/**
 * CDI event fired by the process that found a job whose worker stopped renewing its lease
 * (crashed, hung, cut off from Redis). The job is queued again without losing an attempt, or
 * failed when it stalled more than {@code managed-queue.lease.max-stalls} times.
 *
 * @param jobId      the platform job id
 * @param address    plugin, queue and job name
 * @param tenantId   the tenant, or {@code null} for a system-wide job
 * @param stallCount how many times this job has stalled
 * @param detectedAt when the stall was detected
 */
public record JobStalled(String jobId, JobAddress address, String tenantId, int stallCount, Instant detectedAt) {
}
