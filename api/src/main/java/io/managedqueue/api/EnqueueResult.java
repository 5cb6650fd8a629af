package io.managedqueue.api;

/**
 * What {@link ManagedQueueService#enqueue(EnqueueRequest)} did.
 *
 * @param jobId   the platform job id: store it, {@link ManagedQueueService#cancel(String)} and
 *                {@link ManagedQueueService#getJob(String)} take it. It embeds the plugin, queue
 *                and tenant, so equal {@link EnqueueRequest.Builder#jobId(String) custom ids} of
 *                different plugins or tenants never collide.
 * @param created {@code false} when a job with the same custom id already existed and was
 *                returned instead (deduplicated); nothing was written then
 * @param state   the job's state right after the call ({@code WAITING} or {@code DELAYED} for a
 *                new job; whatever the existing job is in when deduplicated)
 */
public record EnqueueResult(String jobId, boolean created, JobState state) {
}
