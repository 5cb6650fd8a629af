package io.managedqueue.api;

/**
 * Runs jobs of the addresses declared by the bean's {@link PluginJobProcessor} annotations.
 *
 * <p>The payload type {@code T} is read from the bean's {@code PluginJobHandler<T>} type
 * argument and used to deserialise {@link ManagedQueueJob#data()} with JSON-B; a raw
 * {@code PluginJobHandler} receives the JSON as its JSON-B default mapping.
 *
 * <p>{@link #handle(ManagedQueueJob)} is called through the bean's contextual reference, so
 * interceptors (for example MicroProfile Fault Tolerance {@code @Timeout}, {@code @Retry}) apply.
 * It runs on a platform worker thread inside a request context of its own, with
 * {@link TenantContext} holding the job's tenant.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface PluginJobHandler<T> {

    /**
     * Handles one attempt of a job.
     *
     * @param job the job
     * @throws Exception to fail this attempt: the job is retried after its backoff while
     *                   attempts remain, then it is {@link JobState#FAILED} with this error kept
     */
    void handle(ManagedQueueJob<T> job) throws Exception;
}
