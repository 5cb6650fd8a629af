package io.managedqueue.sample.tenant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.managedqueue.api.JobScope;
import io.managedqueue.api.TenantContext;
import io.managedqueue.sample.ApiError;

/**
 * Puts the caller's tenant and organization into the platform's request-scoped
 * {@link TenantContext}. Jobs enqueued later in the request capture that scope, and
 * {@code getJob}/{@code cancel} only see the tenant's own jobs.
 *
 * <p>A real application takes the tenant from its authentication (a JWT claim, a session);
 * the sample reads plain headers so that curl can play several tenants.
 */
@Provider
@TenantScoped
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class TenantHeaderFilter implements ContainerRequestFilter {

    public static final String TENANT_HEADER = "X-Tenant-Id";
    public static final String ORGANIZATION_HEADER = "X-Organization-Id";

    @Inject
    TenantContext tenantContext;

    @Override
    public void filter(ContainerRequestContext request) {
        String tenant = request.getHeaderString(TENANT_HEADER);
        String organization = request.getHeaderString(ORGANIZATION_HEADER);
        if (tenant == null || tenant.isBlank()) {
            request.abortWith(ApiError.response(Response.Status.BAD_REQUEST, TENANT_HEADER + " header is required"));
            return;
        }
        try {
            tenantContext.set(JobScope.of(tenant.strip(), organization == null || organization.isBlank() ? null : organization.strip()));
        } catch (IllegalArgumentException e) {
            request.abortWith(ApiError.response(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }
}
