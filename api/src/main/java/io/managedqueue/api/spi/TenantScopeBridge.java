package io.managedqueue.api.spi;

import java.util.Optional;

import io.managedqueue.api.JobScope;

/**
 * Connects the platform to the application's <em>own</em> tenant holder. Optional: provide
 * one CDI bean implementing it when the application keeps its tenant in a request-scoped bean
 * of its own rather than in {@link io.managedqueue.api.TenantContext}.
 *
 * <p>Both methods run on the thread of the call: {@link #capture()} on the enqueueing thread,
 * {@link #restore(JobScope)} on the worker thread inside the job's freshly activated request
 * context, after {@code TenantContext} is filled and before the handler is called.
 */
public interface TenantScopeBridge {

    /**
     * Captures the caller's scope at enqueue time. Consulted when the request names no tenant
     * and {@code TenantContext} holds none.
     *
     * @return the caller's scope, or empty when the caller has none
     */
    Optional<JobScope> capture();

    /**
     * Restores a job's scope into the application's request-scoped holder.
     *
     * @param scope the job's scope (system-wide for jobs without a tenant)
     * @throws Exception to fail the attempt, like a handler failure
     */
    void restore(JobScope scope) throws Exception;
}
