package io.managedqueue.api.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;

/**
 * The operators' view of the platform: every logical queue {@code {plugin, queue}} held by this
 * Redis (from every pod), its jobs, its live workers, and the operations that steer them.
 * An application-scoped CDI bean provided by the platform.
 *
 * <p>Inside a tenant scope only that tenant's jobs and counts are visible and queue-wide
 * operations throw {@link IllegalStateException}; see the {@linkplain io.managedqueue.api.admin package}.
 * Every mutation that changes something fires an {@link AdminActionEvent}.
 *
 * <p>Bad input (blank or illegal names, an unknown queue, a state an operation does not accept,
 * a limit out of range) is refused with an {@link IllegalArgumentException} naming the field, and
 * nothing is written.
 */
public interface ManagedQueueAdmin {

    /** Largest {@code limit} of a bulk operation ({@link #retryAll}, {@link #clean}). */
    int MAX_BULK_LIMIT = 100_000;

    /**
     * Every logical queue any process ever enqueued to in this Redis (key prefix), sorted by
     * plugin then queue. Counts are the caller's tenant's inside a tenant scope, else every tenant's.
     *
     * @return one view per logical queue
     */
    List<QueueView> queues();

    /**
     * Every logical queue with the counts of one tenant only (an operator's tenant filter).
     *
     * @param tenantId the tenant whose jobs are counted; {@code null} for every tenant
     * @return one view per logical queue
     * @throws IllegalStateException inside a tenant scope, when {@code tenantId} is another tenant
     */
    List<QueueView> queues(String tenantId);

    /**
     * One logical queue.
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @return its view
     * @throws IllegalArgumentException naming {@code queueName} when this Redis holds no such queue
     */
    QueueView queue(String pluginName, String queueName);

    /**
     * A page of jobs: states in {@link JobState} order, then job names in alphabetical order, and
     * newest first within each (the last enqueued, due, started or finished first; {@code WAITING}
     * lists priority-0 jobs before prioritised ones and leaves out jobs parked by a rate-limit key).
     * The listing is a live view: a job that changes state between two pages may be missed or shown
     * twice. A page may hold fewer than {@code limit} jobs while a next cursor is present (a sparse
     * tenant filter looks at a bounded number of jobs per call).
     *
     * @param query which jobs
     * @return up to {@code query.limit()} jobs and the cursor of the next page
     */
    JobPage jobs(JobQuery query);

    /**
     * One job, as {@code ManagedQueueService.getJob}, with its progress, log and result.
     *
     * @param jobId the job id
     * @return the job; empty when unknown or another tenant's
     */
    Optional<JobSnapshot> job(String jobId);

    /**
     * Runs a {@code FAILED} or {@code CANCELLED} job again: it becomes {@code WAITING} with its
     * attempts reset to 0 (its last error is kept). Allowed in a tenant scope for the tenant's own jobs.
     *
     * @param jobId the job id
     * @return {@code true} when it was moved; {@code false} when unknown, another tenant's, or in another state
     */
    boolean retry(String jobId);

    /**
     * Runs again up to {@code limit} jobs of one queue that are in {@code state}, oldest finished
     * first, in bounded batches (one script call per batch of at most 1,000 jobs).
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @param state      {@link JobState#FAILED} or {@link JobState#CANCELLED}
     * @param limit      1 to {@value #MAX_BULK_LIMIT}
     * @return how many jobs were moved to {@code WAITING}
     * @throws IllegalStateException    inside a tenant scope
     * @throws IllegalArgumentException naming {@code state} or {@code limit}
     */
    int retryAll(String pluginName, String queueName, JobState state, int limit);

    /**
     * Makes a {@code DELAYED} job due now: it becomes {@code WAITING}.
     *
     * @param jobId the job id
     * @return {@code true} when promoted; {@code false} when unknown, another tenant's, or not {@code DELAYED}
     */
    boolean promote(String jobId);

    /**
     * Cancels a job that has not started, exactly as {@code ManagedQueueService.cancel}.
     *
     * @param jobId the job id
     * @return {@code true} when it was cancelled
     */
    boolean cancel(String jobId);

    /**
     * Deletes up to {@code limit} finished jobs of one queue in {@code state} that finished at
     * least {@code olderThan} ago, oldest first.
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @param state      {@link JobState#COMPLETED}, {@link JobState#FAILED} or {@link JobState#CANCELLED}
     * @param olderThan  zero or positive; {@link Duration#ZERO} removes every finished job in that state
     * @param limit      1 to {@value #MAX_BULK_LIMIT}
     * @return how many jobs were deleted
     * @throws IllegalStateException    inside a tenant scope
     * @throws IllegalArgumentException naming {@code state}, {@code olderThan} or {@code limit}
     */
    int clean(String pluginName, String queueName, JobState state, Duration olderThan, int limit);

    /**
     * Pauses a queue on every pod: no process claims a new job of it; running jobs finish;
     * enqueue, delayed promotion and stalled-job recovery go on. Idempotent.
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @return {@code true} when it was running before
     * @throws IllegalStateException inside a tenant scope
     */
    boolean pause(String pluginName, String queueName);

    /**
     * Resumes a paused queue on every pod and wakes its workers. Idempotent.
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @return {@code true} when it was paused before
     * @throws IllegalStateException inside a tenant scope
     */
    boolean resume(String pluginName, String queueName);

    /**
     * Every live process running workers on this Redis: those whose last heartbeat is at most
     * three heartbeat intervals old ({@code managed-queue.worker.heartbeat-interval}).
     *
     * @return the workers, sorted by id
     * @throws IllegalStateException inside a tenant scope
     */
    List<WorkerView> workers();

    /**
     * Recounts one queue's jobs from its structures and repairs its counters. Costs time
     * proportional to the queue's jobs (one script per job name): a repair, not a read.
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @return how many counter values were wrong and corrected
     * @throws IllegalStateException inside a tenant scope
     */
    int recount(String pluginName, String queueName);

    /**
     * The same operations without the caller's tenant scope: every tenant is visible and
     * queue-wide operations are allowed. Only for operator tools that authorise their callers
     * themselves (the admin REST module does, by role); plugin code must not use it.
     *
     * @return an unscoped view
     */
    ManagedQueueAdmin withoutTenantScope();
}
