package io.managedqueue.sample.events;

import java.time.Instant;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What a flush job did.
 *
 * @param outcome        FLUSHED, STALE (a later event took over) or ALREADY_FLUSHED (the job ran twice)
 * @param version        the version the job carried
 * @param currentVersion the window's version when it ran (not kept for FLUSHED records)
 * @param eventCount     how many events were aggregated (FLUSHED only)
 * @param flushedAt      when (FLUSHED only)
 * @param events         the aggregated events, oldest first (FLUSHED only)
 */
@JsonbPropertyOrder({"outcome", "version", "currentVersion", "eventCount", "flushedAt", "events"})
public record Flush(String outcome, long version, Long currentVersion, Integer eventCount, Instant flushedAt,
                    List<InboundEvent> events) {

    public boolean flushed() {
        return "FLUSHED".equals(outcome);
    }
}
