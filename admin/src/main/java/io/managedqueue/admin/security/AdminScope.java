package io.managedqueue.admin.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;

import io.managedqueue.admin.json.ApiError;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.TenantContext;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.spi.TenantScopeBridge;

/**
 * Hands each caller the admin view it is entitled to: operators and viewers the unscoped one,
 * tenant users the platform's scoped admin, which follows the tenant scope the application
 * established for the request ({@link TenantContext} or its {@link TenantScopeBridge}).
 */
@ApplicationScoped
public class AdminScope {

    @Inject
    ManagedQueueAdmin admin;

    @Inject
    TenantContext tenantContext;

    @Inject
    Instance<TenantScopeBridge> bridges;

    /**
     * @param caller the caller
     * @return the view to read through
     * @throws ForbiddenException for a tenant user whose request has no tenant scope
     */
    public ManagedQueueAdmin forReading(Caller caller) {
        if (caller.seesAllTenants()) {
            return admin.withoutTenantScope();
        }
        requireTenant(caller);
        return admin;
    }

    /**
     * @param caller the caller
     * @return the view through which one job may be retried, promoted or cancelled
     * @throws ForbiddenException for a viewer, or a tenant user without a tenant scope
     */
    public ManagedQueueAdmin forJobChange(Caller caller) {
        if (caller.access() == Caller.Access.VIEWER) {
            throw forbidden("role managed-queue-viewer is read only");
        }
        return forReading(caller);
    }

    /**
     * @param caller the caller
     * @return the unscoped view, for queue-wide operations
     * @throws ForbiddenException unless the caller is an operator
     */
    public ManagedQueueAdmin forQueueChange(Caller caller) {
        if (caller.access() != Caller.Access.OPERATOR) {
            throw forbidden("queue-wide operations need role managed-queue-operator");
        }
        return admin.withoutTenantScope();
    }

    /**
     * @param caller the caller
     * @return the tenant a tenant user is confined to; empty for operators and viewers
     */
    public Optional<String> tenantOf(Caller caller) {
        return caller.seesAllTenants() ? Optional.empty() : currentTenant();
    }

    private void requireTenant(Caller caller) {
        // fail closed: a scoped admin outside any scope would show every tenant
        if (currentTenant().isEmpty()) {
            throw forbidden("user " + caller.name() + " has no tenant scope in this request, and no admin role");
        }
    }

    private Optional<String> currentTenant() {
        Optional<String> tenant = tenantContext.tenantId();
        if (tenant.isPresent()) {
            return tenant;
        }
        for (TenantScopeBridge bridge : bridges) {
            Optional<String> bridged = bridge.capture().map(JobScope::tenantId);
            if (bridged.isPresent()) {
                return bridged;
            }
        }
        return Optional.empty();
    }

    private static ForbiddenException forbidden(String message) {
        return new ForbiddenException(ApiError.response(403, message, null));
    }
}
