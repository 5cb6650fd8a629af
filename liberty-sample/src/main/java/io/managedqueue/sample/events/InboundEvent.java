package io.managedqueue.sample.events;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An event as kept in the debounce window.
 *
 * @param type       what happened
 * @param data       the event's content
 * @param receivedAt when the sample received it
 */
@JsonbPropertyOrder({"type", "data", "receivedAt"})
public record InboundEvent(String type, String data, Instant receivedAt) {
}
