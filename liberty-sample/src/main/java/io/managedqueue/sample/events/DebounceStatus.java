package io.managedqueue.sample.events;

import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The debounce state of one integration of the caller's tenant, as
 * {@code GET /api/events/{integrationId}/flushes} shows it.
 *
 * @param integrationId       the integration
 * @param version             events received so far (each bumps the version)
 * @param pendingEvents       events waiting in the open window
 * @param effectiveFlushes    flushes that aggregated a window
 * @param staleFlushesSkipped flush jobs that found a newer event and did nothing
 * @param flushes             the latest effective flushes, newest first
 */
@JsonbPropertyOrder({"integrationId", "version", "pendingEvents", "effectiveFlushes", "staleFlushesSkipped", "flushes"})
public record DebounceStatus(String integrationId, long version, int pendingEvents, long effectiveFlushes,
                             long staleFlushesSkipped, List<Flush> flushes) {
}
