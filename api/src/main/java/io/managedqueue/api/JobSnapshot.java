package io.managedqueue.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A read-only view of a job as stored, returned by {@link ManagedQueueService#getJob(String)}.
 *
 * @param id             the platform job id
 * @param address        plugin, queue and job name
 * @param state          the current state
 * @param tenantId       the tenant, or {@code null} for a system-wide job
 * @param organizationId the organization, or {@code null}
 * @param scopeKey       the application's scope key, or {@code null}
 * @param attemptsMade   attempts started so far (a running attempt counts)
 * @param maxAttempts    the attempts the job is allowed
 * @param lastError      the last failure ({@code ExceptionClass: message}), or {@code null}
 * @param enqueuedAt     when it was enqueued
 * @param runAt          when it is (or was) due to run: enqueue time plus delay, or the retry time
 * @param startedAt      when its latest attempt started, or {@code null}
 * @param finishedAt     when it reached a final state, or {@code null}
 * @param payloadJson    the payload as stored (JSON), or {@code null} for none
 */
public record JobSnapshot(String id, JobAddress address, JobState state, String tenantId, String organizationId,
                          String scopeKey, int attemptsMade, int maxAttempts, String lastError,
                          Instant enqueuedAt, Instant runAt, Instant startedAt, Instant finishedAt,
                          String payloadJson) {

    /** @return the last error as an Optional */
    public Optional<String> lastErrorMessage() {
        return Optional.ofNullable(lastError);
    }
}
