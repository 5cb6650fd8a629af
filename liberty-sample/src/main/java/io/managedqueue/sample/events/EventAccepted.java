package io.managedqueue.sample.events;

import java.time.Instant;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer to {@code POST /api/events}.
 *
 * @param integrationId the integration
 * @param version       the window's version after this event
 * @param flushJobId    the integration's pending flush job: the same for every event of a burst (debounced)
 * @param flushDueAt    when that flush job runs
 */
@JsonbPropertyOrder({"integrationId", "version", "flushJobId", "flushDueAt"})
public record EventAccepted(String integrationId, long version, String flushJobId, Instant flushDueAt) {
}
