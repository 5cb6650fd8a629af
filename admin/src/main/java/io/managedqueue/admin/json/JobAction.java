package io.managedqueue.admin.json;

/**
 * The body of {@code POST jobs/retry} and {@code POST jobs/promote}.
 *
 * @param jobId the job
 */
public record JobAction(String jobId) {
}
