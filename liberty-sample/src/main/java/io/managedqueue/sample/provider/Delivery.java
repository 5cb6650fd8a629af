package io.managedqueue.sample.provider;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A message the provider accepted.
 *
 * @param idempotencyKey the sender's key (the notification id)
 * @param message        what was sent, with the tenant it was sent for
 * @param calls          how many calls the provider saw for this key, refused ones included
 * @param attempt        the job attempt that got through
 * @param deliveredAt    when it was accepted
 */
@JsonbPropertyOrder({"idempotencyKey", "message", "calls", "attempt", "deliveredAt"})
public record Delivery(String idempotencyKey, ProviderMessage message, int calls, int attempt, Instant deliveredAt) {
}
