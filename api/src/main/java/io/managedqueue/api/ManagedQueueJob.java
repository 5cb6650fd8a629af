package io.managedqueue.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt of a job, as handed to {@link PluginJobHandler#handle(ManagedQueueJob)}.
 *
 * @param <T> the payload type
 */
public interface ManagedQueueJob<T> {

    /** @return the platform job id, as returned by {@link EnqueueResult#jobId()} */
    String id();

    /** @return plugin, queue and job name */
    JobAddress address();

    /** @return the owning plugin */
    default String pluginName() {
        return address().pluginName();
    }

    /** @return the logical queue */
    default String queueName() {
        return address().queueName();
    }

    /** @return the job name, as in {@link PluginJobProcessor#jobName()} */
    default String name() {
        return address().jobName();
    }

    /** @return the payload, deserialised to the handler's type; {@code null} when there is none */
    T data();

    /** @return the job's tenant; {@code null} for a system-wide job */
    String tenantId();

    /** @return the job's organization, or {@code null} */
    String organizationId();

    /** @return the application's scope key, if one was given */
    Optional<String> scopeKey();

    /** @return attempts started so far, this one included ({@code >= 1}) */
    int attemptsMade();

    /** @return the attempts the job is allowed */
    int maxAttempts();

    /** @return whether a failure of this attempt fails the job for good */
    default boolean isFinalAttempt() {
        return attemptsMade() >= maxAttempts();
    }

    /** @return when the job was enqueued */
    Instant enqueuedAt();

    /**
     * Replaces the payload, in Redis at once, so that later attempts see the new data (for
     * example progress of a long task). Only the worker holding the job's lease may do so.
     *
     * @param data the new payload
     * @throws IllegalArgumentException when the payload cannot be serialised or is too large
     * @throws IllegalStateException    when this worker no longer holds the job (its lease expired)
     */
    void updateData(T data);

    /**
     * Records this job's result, in Redis at once, serialised with JSON-B. When the job is a
     * child in a {@link FlowRequest flow}, its parent reads the result with
     * {@link #childResult(String, Class)}. Calling it again replaces the result; a failed
     * attempt keeps what it recorded. Default: no result.
     *
     * @param result the result, JSON-B serialisable, within {@code managed-queue.payload.max-bytes}
     * @throws IllegalArgumentException when the result cannot be serialised or is too large
     * @throws IllegalStateException    when this worker no longer holds the job (its lease expired)
     */
    void setResult(Object result);

    /**
     * The children of a flow's parent and how each ended, read from Redis when called. A parent
     * runs only once every child has ended; children whose failure was declared
     * {@link ChildFailure#IGNORE} may appear as {@link JobState#FAILED} or {@link JobState#CANCELLED}.
     *
     * @return child job id to final state, in no particular order; empty for a job that is not a parent
     */
    Map<String, JobState> children();

    /**
     * The result a child of this flow parent recorded with {@link #setResult(Object)}.
     *
     * @param childJobId a key of {@link #children()}
     * @param type       the type to read the JSON into
     * @param <R>        the result type
     * @return the result; empty when that child recorded none, did not complete, or is not a child of this job
     * @throws IllegalArgumentException when the stored JSON cannot be read as {@code type}
     */
    <R> Optional<R> childResult(String childJobId, Class<R> type);

    /** Lines of {@link #log(String)} kept per job; older lines are dropped. */
    int MAX_LOG_LINES = 100;
    /** Characters of one {@link #log(String)} line kept; the rest is cut. */
    int MAX_LOG_LINE_LENGTH = 1024;

    /**
     * Reports how far this job is, in Redis at once, for operators ({@code JobSnapshot.progress()}).
     * Kept across attempts; default 0.
     *
     * @param percent 0 to 100
     * @throws IllegalArgumentException naming {@code percent} when out of range
     * @throws IllegalStateException    when this worker no longer holds the job (its lease expired)
     */
    void updateProgress(int percent);

    /**
     * Appends a line to this job's log, in Redis at once, for operators ({@code JobSnapshot.logLines()}).
     * The log keeps the last {@value #MAX_LOG_LINES} lines of at most {@value #MAX_LOG_LINE_LENGTH}
     * characters each (longer lines are cut) and is deleted with the job.
     *
     * @param line the text; {@code null} is logged as "null"
     * @throws IllegalStateException when this worker no longer holds the job (its lease expired)
     */
    void log(String line);
}
