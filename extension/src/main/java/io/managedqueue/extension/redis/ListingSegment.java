package io.managedqueue.extension.redis;

import io.managedqueue.api.JobState;

/**
 * One structure of one address that a job listing walks: the jobs of {@code state} in {@code key}.
 *
 * @param state the state its jobs are listed for
 * @param key   the list or sorted set
 * @param list  whether it is a list (newest at its tail) rather than a sorted set (newest at its highest score)
 */
public record ListingSegment(JobState state, String key, boolean list) {
}
