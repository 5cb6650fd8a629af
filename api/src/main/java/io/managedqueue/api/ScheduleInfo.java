package io.managedqueue.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule as stored by the platform, returned by
 * {@link ManagedQueueService#upsertSchedule(String, ScheduleSpec, EnqueueRequest)} and
 * {@link ManagedQueueService#listSchedules()}.
 *
 * @param id        the schedule id, unique per tenant (a declared schedule's is
 *                  {@link Scheduled#id()}, by default {@code <plugin>/<queue>/<job>})
 * @param spec      when it fires
 * @param address   the job address each tick enqueues to
 * @param tenantId  the tenant whose scope the jobs carry; {@code null} for a system-wide schedule
 * @param nextRunAt the next tick not yet fired (in the past only while every process was down over it)
 * @param lastRunAt the tick of the last job fired, or {@code null} before the first
 */
public record ScheduleInfo(String id, ScheduleSpec spec, JobAddress address, String tenantId, Instant nextRunAt,
                           Instant lastRunAt) {

    /** @throws NullPointerException when id, spec, address or nextRunAt is {@code null} */
    public ScheduleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
    }
}
