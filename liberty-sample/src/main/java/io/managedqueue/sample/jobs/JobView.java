package io.managedqueue.sample.jobs;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;

/**
 * A job's status, as {@code GET /api/jobs/{id}} shows it.
 *
 * @param id             the job id
 * @param plugin         the owning plugin
 * @param queue          the logical queue
 * @param job            the job name (which handler)
 * @param state          WAITING, DELAYED, ACTIVE, COMPLETED, FAILED or CANCELLED
 * @param tenantId       the tenant it runs for
 * @param organizationId the organization, if any
 * @param attemptsMade   attempts started so far
 * @param maxAttempts    attempts allowed
 * @param lastError      the last failed attempt's error, if any
 * @param enqueuedAt     when it was enqueued
 * @param runAt          when it is (or was) due
 * @param startedAt      when its latest attempt started
 * @param finishedAt     when it finished, if it has
 */
@JsonbPropertyOrder({"id", "plugin", "queue", "job", "state", "tenantId", "organizationId", "attemptsMade", "maxAttempts", "lastError", "enqueuedAt", "runAt", "startedAt", "finishedAt"})
public record JobView(String id, String plugin, String queue, String job, JobState state, String tenantId,
                      String organizationId, int attemptsMade, int maxAttempts, String lastError,
                      Instant enqueuedAt, Instant runAt, Instant startedAt, Instant finishedAt) {

    public static JobView of(JobSnapshot s) {
        return new JobView(s.id(), s.address().pluginName(), s.address().queueName(), s.address().jobName(), s.state(),
                s.tenantId(), s.organizationId(), s.attemptsMade(), s.maxAttempts(), s.lastError(),
                s.enqueuedAt(), s.runAt(), s.startedAt(), s.finishedAt());
    }
}
