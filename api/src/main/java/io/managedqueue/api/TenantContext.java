package io.managedqueue.api;

import java.util.Optional;

/**
 * The current tenant scope: a request-scoped bean provided by the platform.
 *
 * <p>Inside a job it holds exactly the job's tenant, organization and user, in a request
 * context activated for that job alone and destroyed after it. In a web request, application
 * code (a filter, typically) may {@link #set(JobScope) set} it, and jobs enqueued later in that
 * request capture it when their {@link EnqueueRequest} names no tenant.
 */
public interface TenantContext {

    /** @return the current tenant, if one is set */
    Optional<String> tenantId();

    /** @return the current organization, if one is set */
    Optional<String> organizationId();

    /** @return the current user, if one is set */
    Optional<String> userId();

    /** @return the whole current scope, if a tenant is set */
    Optional<JobScope> scope();

    /**
     * Sets the scope of the current request.
     *
     * @param scope the scope; {@link JobScope#systemWide()} clears it
     * @throws jakarta.enterprise.context.ContextNotActiveException when no request context is active
     */
    void set(JobScope scope);
}
