package io.managedqueue.sample.notifications;

/**
 * The payload of a {@code send} job: JSON-B serialisable, and small (ids and text, never entities).
 *
 * @param notificationId   the notification, also the provider's idempotency key
 * @param integrationId    the integration to send through
 * @param recipient        who gets the message
 * @param message          the text
 * @param providerFailures deliveries the demo provider refuses first
 */
public record SendNotification(String notificationId, String integrationId, String recipient, String message,
                               int providerFailures) {
}
