package io.managedqueue.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of a job as stored, returned by {@link ManagedQueueService#getJob(String)} and the
 * operators' API.
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
 * @param progress       the progress the handler last reported with {@link ManagedQueueJob#updateProgress(int)}, 0..100 (default 0)
 * @param logLines       the lines the handler wrote with {@link ManagedQueueJob#log(String)}, oldest first; at most
 *                       {@value ManagedQueueJob#MAX_LOG_LINES} (older ones are dropped); empty unless read through
 *                       {@code ManagedQueueAdmin.job(...)}
 * @param resultJson     the result recorded with {@link ManagedQueueJob#setResult(Object)} (JSON), or {@code null}
 */
public record JobSnapshot(String id, JobAddress address, JobState state, String tenantId, String organizationId,
                          String scopeKey, int attemptsMade, int maxAttempts, String lastError,
                          Instant enqueuedAt, Instant runAt, Instant startedAt, Instant finishedAt,
                          String payloadJson, int progress, List<String> logLines, String resultJson) {

    /** Copies the log lines. */
    public JobSnapshot {
        logLines = logLines == null ? List.of() : List.copyOf(logLines);
    }

    /** A snapshot without progress, log or result (as before those existed). */
    public JobSnapshot(String id, JobAddress address, JobState state, String tenantId, String organizationId,
                       String scopeKey, int attemptsMade, int maxAttempts, String lastError,
                       Instant enqueuedAt, Instant runAt, Instant startedAt, Instant finishedAt, String payloadJson) {
        this(id, address, state, tenantId, organizationId, scopeKey, attemptsMade, maxAttempts, lastError, enqueuedAt, runAt,
                startedAt, finishedAt, payloadJson, 0, List.of(), null);
    }

    /** @return this snapshot with the given log lines */
    public JobSnapshot withLogLines(List<String> lines) {
        return new JobSnapshot(id, address, state, tenantId, organizationId, scopeKey, attemptsMade, maxAttempts, lastError,
                enqueuedAt, runAt, startedAt, finishedAt, payloadJson, progress, lines, resultJson);
    }

    /** @return this snapshot without its payload (for viewers not allowed to see payloads) */
    public JobSnapshot withoutPayload() {
        return new JobSnapshot(id, address, state, tenantId, organizationId, scopeKey, attemptsMade, maxAttempts, lastError,
                enqueuedAt, runAt, startedAt, finishedAt, null, progress, logLines, null);
    }

    /** @return the last error as an Optional */
    public Optional<String> lastErrorMessage() {
        return Optional.ofNullable(lastError);
    }
}
