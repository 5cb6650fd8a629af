package io.managedqueue.extension.schedule;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ScheduleSpec;

/**
 * A valid {@code @Scheduled} declaration found at boot, before configuration overrides.
 *
 * @param id        the schedule id
 * @param address   the address each tick enqueues to
 * @param spec      the annotation's spec
 * @param zone      the annotation's zone (kept for a configured cron that names no zone)
 * @param beanClass the declaring bean, for messages
 */
public record DeclaredSchedule(String id, JobAddress address, ScheduleSpec spec, String zone, String beanClass) {
}
