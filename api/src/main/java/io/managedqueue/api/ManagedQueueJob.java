package io.managedqueue.api;

import java.time.Instant;
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
}
