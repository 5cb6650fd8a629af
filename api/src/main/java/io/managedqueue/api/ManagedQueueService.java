package io.managedqueue.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.redisson.api.RedissonClient;

/**
 * The platform's job queue, an application-scoped bean: {@code @Inject ManagedQueueService queue;}.
 *
 * <p>Tenant rules: a request without an explicit tenant takes the caller's scope
 * ({@link TenantContext}, else the {@link io.managedqueue.api.spi.TenantScopeBridge}); with none
 * it is refused unless {@link EnqueueRequest.Builder#systemWide() system-wide}. Called inside a
 * tenant scope, {@link #getJob(String)} and {@link #cancel(String)} see only that tenant's jobs.
 *
 * <p>Transactions: when a JTA transaction is active on the calling thread (the platform finds the
 * {@code TransactionSynchronizationRegistry} as a CDI bean or at
 * {@code java:comp/TransactionSynchronizationRegistry}), {@link #enqueue(EnqueueRequest)},
 * {@link #enqueueAll(List)}, {@link #enqueueFlow(FlowRequest)} and a CDI-event enqueue validate and
 * capture at once, inside the transaction (bad input throws there, so the caller can roll back,
 * and nothing is written), but the jobs reach Redis only <em>after the commit</em>: all jobs of one
 * transaction in one pipelined batch, and none if it rolls back. Each returned result already
 * carries the job id; see {@link EnqueueResult} for what {@code created()} and {@code getJob} mean
 * before the commit. {@link EnqueueRequest.Builder#joinTransaction(boolean)} and
 * {@code managed-queue.transaction.join} opt out; {@link #enqueueAsync(EnqueueRequest)} never
 * joins. With {@code managed-queue.outbox.datasource} set, the jobs are also written to an outbox
 * table in the same transaction, so a crash between the commit and Redis loses none.
 */
public interface ManagedQueueService {

    /**
     * Enqueues a job: one atomic Redis script, durable when this method returns; inside a JTA
     * transaction, when the transaction commits (see the type's Javadoc).
     *
     * @param request the job
     * @param <T>     the payload type
     * @return the job id, and whether a new job was created or an existing one returned
     * @throws IllegalArgumentException naming the field when the payload cannot be serialised
     *                                  or is too large, or no tenant can be determined; nothing is written
     * @throws io.managedqueue.api.ManagedQueueException when Redis cannot be reached in time
     */
    <T> EnqueueResult enqueue(EnqueueRequest<T> request);

    /**
     * Enqueues many jobs in one pipelined round trip. All requests are validated before
     * anything is written: one bad request refuses the whole list.
     *
     * @param requests the jobs, in order; may mix addresses
     * @return one result per request, in the same order
     * @throws IllegalArgumentException naming the index and field of the first bad request
     */
    List<EnqueueResult> enqueueAll(List<? extends EnqueueRequest<?>> requests);

    /**
     * Enqueues a job without blocking the caller. The tenant scope is captured (and bad input
     * refused) on the calling thread, before this method returns. It never joins a JTA
     * transaction: the job is written at once.
     *
     * @param request the job
     * @param <T>     the payload type
     * @return a stage completed with the result on a platform thread, never a Redis I/O thread
     * @throws IllegalArgumentException as {@link #enqueue(EnqueueRequest)}, thrown directly
     */
    <T> CompletionStage<EnqueueResult> enqueueAsync(EnqueueRequest<T> request);

    /**
     * Creates a flow, atomically: a parent job that runs once all its children have ended (see
     * {@link FlowRequest}). Validated and scoped like {@link #enqueue(EnqueueRequest)}; every job
     * of the flow takes the parent's tenant scope.
     *
     * @param flow the parent and its children
     * @return the ids of the parent and children
     * @throws IllegalArgumentException naming the field ({@code parent.*}, {@code children[i].*}): bad input,
     *                                  a child of another tenant, a child whose custom id exists; nothing is written
     * @throws io.managedqueue.api.ManagedQueueException when Redis cannot be reached in time
     */
    FlowResult enqueueFlow(FlowRequest flow);

    /**
     * Cancels a job that has not started.
     *
     * @param jobId an id from {@link EnqueueResult#jobId()}
     * @return success when the job was {@link JobState#WAITING}, {@link JobState#DELAYED} or
     *         {@link JobState#WAITING_CHILDREN};
     *         otherwise the reason ({@code NOT_FOUND} also for another tenant's job)
     * @throws IllegalArgumentException naming {@code jobId} when it is not of the form returned by enqueue
     */
    CancelResult cancel(String jobId);

    /**
     * Reads a job.
     *
     * @param jobId an id from {@link EnqueueResult#jobId()}
     * @return the job, or empty when unknown, removed by retention, or another tenant's
     * @throws IllegalArgumentException naming {@code jobId} when it is not of the form returned by enqueue
     */
    Optional<JobSnapshot> getJob(String jobId);

    /**
     * The platform's Redis client, for plugin state and locks. Name keys with
     * {@link #pluginKey(String, String)} so that plugins and tenants never share a key.
     * Do not shut it down: the platform owns it.
     *
     * @return the shared client
     */
    RedissonClient getRedis();

    /**
     * A Redis key private to a plugin and to the current tenant: {@code <prefix>:plugin:<plugin>:<tenant>:<name>}.
     * Outside any tenant scope the tenant part is {@code _system}.
     *
     * @param pluginName the plugin (same rules as {@link JobAddress#pluginName()})
     * @param name       the plugin's own name for the key, not blank
     * @return the scoped key, for use with {@link #getRedis()}
     */
    String pluginKey(String pluginName, String name);

    /**
     * Creates or replaces a schedule: at every tick of {@code spec}, exactly one job built from
     * {@code template} is enqueued, across all processes (see {@link Scheduled} for late and missed
     * ticks). The template's tenant scope is captured now, exactly as {@link #enqueue(EnqueueRequest)}
     * does, and every job of the schedule carries it; so do its payload, attempts, backoff,
     * retention, priority, delay and the other settings. Schedule ids are per tenant: equal ids of
     * two tenants are two schedules.
     *
     * <p>Upserting an existing id replaces its spec and template. With an unchanged spec the next
     * tick is kept (a pending catch-up too); with a new spec the next tick is the new spec's first
     * one after now.
     *
     * @param scheduleId the id, 1 to 200 printable ASCII characters without space, '{', '}' or '|'
     * @param spec       when it fires
     * @param template   the job of each tick; must not set {@link EnqueueRequest.Builder#jobId(String) jobId}
     *                   (each tick's job id is {@code schedule:<scheduleId>:<tick epoch ms>}) or deduplication
     * @return the stored schedule
     * @throws IllegalArgumentException naming the field: a bad id, a {@code null} spec or template, a
     *                                  template with a job id or deduplication, or no tenant can be determined
     *                                  (see {@link #enqueue(EnqueueRequest)}); nothing is written
     */
    ScheduleInfo upsertSchedule(String scheduleId, ScheduleSpec spec, EnqueueRequest<?> template);

    /**
     * Removes a schedule. Inside a tenant scope it removes that tenant's schedule of this id;
     * outside any tenant scope, the system-wide one. Jobs already enqueued by it are not touched.
     *
     * @param scheduleId the id
     * @return whether a schedule was removed
     * @throws IllegalArgumentException naming {@code scheduleId} when blank or illegal
     */
    boolean removeSchedule(String scheduleId);

    /**
     * Lists schedules, ordered by next run. Inside a tenant scope: that tenant's only. Outside any
     * tenant scope: all of them, declared and system-wide ones included.
     *
     * @return the schedules
     */
    List<ScheduleInfo> listSchedules();
}
