package io.managedqueue.sample.events;

/**
 * The body of {@code POST /api/events}: an event from a third party (a webhook call), for one
 * of the tenant's integrations.
 *
 * @param integrationId the integration the event belongs to
 * @param type          what happened, for example {@code "message.received"}
 * @param data          the event's content
 */
public record EventRequest(String integrationId, String type, String data) {
}
