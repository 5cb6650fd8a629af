package io.managedqueue.api.admin;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.managedqueue.api.JobState;

/**
 * One logical queue {@code {plugin, queue}} as seen across every pod.
 *
 * @param pluginName         the plugin
 * @param queueName          the queue
 * @param jobNames           every job name ever enqueued to this queue
 * @param counts             jobs per state, every {@link JobState} present (0 when none); {@code WAITING}
 *                           includes prioritised and rate-limit-parked jobs
 * @param paused             whether the queue is paused ({@link ManagedQueueAdmin#pause})
 * @param oldestWaitingAge   how long the longest-waiting job of the queue has been due; empty when none waits
 *                           (inside a tenant scope, looked for among the first 1,000 waiting jobs of each job name)
 * @param liveWorkers        live processes that handle some job name of this queue
 * @param unhandledJobNames  job names with waiting jobs that no live process handles (the "no worker" case)
 * @param throughput         completions and final failures over the last minute and hour
 */
public record QueueView(String pluginName, String queueName, Set<String> jobNames, Map<JobState, Long> counts,
                        boolean paused, Optional<Duration> oldestWaitingAge, int liveWorkers,
                        Set<String> unhandledJobNames, Throughput throughput) {

    /** Copies the collections; fills every missing state with 0. */
    public QueueView {
        jobNames = Set.copyOf(jobNames);
        EnumMap<JobState, Long> all = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        counts = java.util.Collections.unmodifiableMap(all);
        unhandledJobNames = Set.copyOf(unhandledJobNames);
    }

    /** @return jobs in {@code state} */
    public long count(JobState state) {
        return counts.get(state);
    }

    /** @return whether jobs wait that no live worker will take (and the queue is not paused) */
    public boolean noWorker() {
        return !paused && !unhandledJobNames.isEmpty();
    }

    /**
     * Jobs that ended, counted by the minute they ended in.
     *
     * @param completedLastMinute completed within the last 60 s (this minute and the previous one, pro rata)
     * @param failedLastMinute    failed (final) within the last 60 s
     * @param completedLastHour   completed within the last 60 minutes
     * @param failedLastHour      failed (final) within the last 60 minutes
     */
    public record Throughput(long completedLastMinute, long failedLastMinute, long completedLastHour, long failedLastHour) {
    }
}
