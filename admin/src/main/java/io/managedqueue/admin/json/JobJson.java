package io.managedqueue.admin.json;

import java.time.Instant;
import java.util.List;

import io.managedqueue.api.JobSnapshot;

/**
 * A job as the REST API shows it. {@code payload} and {@code result} are raw JSON text, present
 * only when {@code managed-queue.admin.show-payloads=true}.
 *
 * @param id             the job id
 * @param plugin         its plugin
 * @param queue          its queue
 * @param job            its job name
 * @param state          its state
 * @param tenantId       its tenant, or {@code null} (system-wide)
 * @param organizationId its organization, or {@code null}
 * @param attemptsMade   attempts started
 * @param maxAttempts    attempts allowed
 * @param lastError      the last failure, or {@code null}
 * @param enqueuedAt     when it was enqueued
 * @param runAt          when it is (or was) due
 * @param startedAt      when its latest attempt started, or {@code null}
 * @param finishedAt     when it ended, or {@code null}
 * @param progress       0..100
 * @param logLines       the handler's log lines, oldest first (only in the detail of one job)
 * @param payload        the payload, or {@code null}
 * @param result         the recorded result, or {@code null}
 */
public record JobJson(String id, String plugin, String queue, String job, String state, String tenantId,
                      String organizationId, int attemptsMade, int maxAttempts, String lastError, Instant enqueuedAt,
                      Instant runAt, Instant startedAt, Instant finishedAt, int progress, List<String> logLines,
                      String payload, String result) {

    /**
     * @param snapshot     the platform's snapshot
     * @param showPayloads whether payload and result may be shown
     * @return its JSON form
     */
    public static JobJson of(JobSnapshot snapshot, boolean showPayloads) {
        JobSnapshot shown = showPayloads ? snapshot : snapshot.withoutPayload();
        return new JobJson(shown.id(), shown.address().pluginName(), shown.address().queueName(), shown.address().jobName(),
                shown.state().name(), shown.tenantId(), shown.organizationId(), shown.attemptsMade(), shown.maxAttempts(),
                shown.lastError(), shown.enqueuedAt(), shown.runAt(), shown.startedAt(), shown.finishedAt(), shown.progress(),
                shown.logLines(), shown.payloadJson(), shown.resultJson());
    }
}
