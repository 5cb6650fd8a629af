package io.managedqueue.extension.redis;

import java.util.EnumMap;
import java.util.Map;

import io.managedqueue.api.JobState;

/**
 * One logical queue as read by {@code admin-queue.lua}.
 *
 * @param redisNow            Redis's clock at the read (ms)
 * @param paused              whether the queue is paused
 * @param completedLastMinute jobs completed within the last minute
 * @param failedLastMinute    jobs failed (final) within the last minute
 * @param completedLastHour   jobs completed within the last hour
 * @param failedLastHour      jobs failed (final) within the last hour
 * @param counts              per job name, jobs per state
 * @param oldestWaitingRunAt  per job name with waiting jobs, the due time (ms) of its longest-waiting one
 */
public record QueueStats(long redisNow, boolean paused, long completedLastMinute, long failedLastMinute,
                         long completedLastHour, long failedLastHour, Map<String, EnumMap<JobState, Long>> counts,
                         Map<String, Long> oldestWaitingRunAt) {
}
