package io.managedqueue.api;

/**
 * What {@link ManagedQueueService#enqueue(EnqueueRequest)} did.
 *
 * <p>Inside a JTA transaction (the job waits for the commit) the result is the one the job will
 * have: {@code jobId} is final and can be stored in the transaction's own rows; {@code created} is
 * {@code true} and {@code state} {@code WAITING} or {@code DELAYED}, because nothing was looked up
 * in Redis yet. If at the commit a job with the same custom id exists, that job is kept and nothing
 * is written, as outside a transaction. Until the commit {@link ManagedQueueService#getJob(String)}
 * finds no such job (or the existing one). With
 * {@link EnqueueRequest.Builder#deduplication(Deduplication) deduplication} the id is the one of
 * the job the request creates; when at the commit the request joins an existing job instead, that
 * id names no job: use {@code joinTransaction(false)} when the joined job's id matters.
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
