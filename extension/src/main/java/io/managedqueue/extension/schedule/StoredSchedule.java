package io.managedqueue.extension.schedule;

import java.time.Instant;
import java.util.List;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ScheduleInfo;
import io.managedqueue.api.ScheduleSpec;

/**
 * A schedule as read from its hash.
 *
 * @param id        the schedule id
 * @param tenant    the tenant, {@code ""} for a system-wide schedule
 * @param address   where its jobs go
 * @param spec      when it fires
 * @param ticks     the raw {@code ticks} field ({@code <next>|<last>}), the guard of the next firing
 * @param delayMs   the template's delay
 * @param jobFields the template's job hash field/value pairs
 */
record StoredSchedule(String id, String tenant, JobAddress address, ScheduleSpec spec, String ticks, long delayMs,
                      List<String> jobFields) {

    long nextTick() {
        return Long.parseLong(ticks.substring(0, ticks.indexOf('|')));
    }

    Long lastTick() {
        String last = ticks.substring(ticks.indexOf('|') + 1);
        return last.isEmpty() ? null : Long.valueOf(last);
    }

    ScheduleInfo info() {
        Long last = lastTick();
        return new ScheduleInfo(id, spec, address, tenant.isEmpty() ? null : tenant, Instant.ofEpochMilli(nextTick()),
                last == null ? null : Instant.ofEpochMilli(last));
    }
}
