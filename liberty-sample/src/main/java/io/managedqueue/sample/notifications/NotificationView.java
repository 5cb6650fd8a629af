package io.managedqueue.sample.notifications;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import io.managedqueue.sample.jobs.JobView;

/**
 * {@code GET /api/notifications/{id}}: the plugin's business row next to the platform's job.
 *
 * @param notificationId the notification
 * @param integrationId  the integration it goes out through
 * @param recipient      to whom
 * @param status         the row's status: ACCEPTED, SENDING, RETRYING, SENT or FAILED
 * @param attempts       the attempts the handler recorded
 * @param lastError      the last failed attempt's error, if any
 * @param jobId          the job the row stored when it was inserted
 * @param createdAt      when the row was committed
 * @param updatedAt      when the handler last wrote it
 * @param job            the job as the platform shows it ({@code null} once retention removed it)
 */
@JsonbPropertyOrder({"notificationId", "integrationId", "recipient", "status", "attempts", "lastError", "jobId",
        "createdAt", "updatedAt", "job"})
public record NotificationView(String notificationId, String integrationId, String recipient, MessageLog.Status status,
                               int attempts, String lastError, String jobId, Instant createdAt, Instant updatedAt,
                               JobView job) {

    static NotificationView of(MessageLog log, JobView job) {
        return new NotificationView(log.notificationId(), log.integrationId(), log.recipient(), log.status(), log.attempts(),
                log.lastError(), log.jobId(), log.createdAt(), log.updatedAt(), job);
    }
}
