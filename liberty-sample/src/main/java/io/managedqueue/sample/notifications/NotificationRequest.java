package io.managedqueue.sample.notifications;

/**
 * The body of {@code POST /api/notifications}.
 *
 * @param notificationId   optional; the caller's id, which makes the request idempotent (a second POST
 *                         with the same id returns the first job). Generated when absent
 * @param integrationId    the tenant's integration (a channel account) to send through; sends of one
 *                         integration never overlap
 * @param recipient        who gets the message
 * @param message          the text
 * @param delaySeconds     optional; send later (the job is DELAYED until then and can be cancelled)
 * @param providerFailures optional, for the demo; the provider refuses the first N deliveries of this
 *                         notification, so retries show
 */
public record NotificationRequest(String notificationId, String integrationId, String recipient, String message,
                                  Integer delaySeconds, Integer providerFailures) {
}
