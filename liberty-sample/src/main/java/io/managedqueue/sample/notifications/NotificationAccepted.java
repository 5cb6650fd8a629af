package io.managedqueue.sample.notifications;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import io.managedqueue.api.JobState;

/**
 * The answer to {@code POST /api/notifications}.
 *
 * @param notificationId the notification
 * @param jobId          the platform's job id
 * @param created        false when a notification with this id already existed (nothing new was enqueued)
 * @param state          the job's state right after enqueue: WAITING, or DELAYED when sent later
 * @param statusUrl      where to follow the job: {@code GET} for its status, {@code DELETE} to cancel it
 */
@JsonbPropertyOrder({"notificationId", "jobId", "created", "state", "statusUrl"})
public record NotificationAccepted(String notificationId, String jobId, boolean created, JobState state, String statusUrl) {
}
