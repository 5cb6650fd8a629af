package io.managedqueue.extension.cdi;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.spi.TenantScopeBridge;

/**
 * Works out the tenant scope of a caller: the platform's {@code TenantContext} when a request
 * context is active and holds a tenant, else the application's {@link TenantScopeBridge}.
 */
@ApplicationScoped
public class ScopeResolver {

    @Inject
    BeanManager beanManager;
    @Inject
    TenantContextImpl tenantContext;
    @Inject
    Instance<TenantScopeBridge> bridge;

    /** @return the caller's scope, if it has one */
    public Optional<JobScope> current() {
        if (requestContextActive()) {
            Optional<JobScope> scope = tenantContext.scope();
            if (scope.isPresent()) {
                return scope;
            }
        }
        if (bridge.isResolvable()) {
            try {
                return bridge.get().capture().filter(s -> !s.isSystemWide());
            } catch (ContextNotActiveException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return the caller's tenant, or {@code ""} for a caller outside any tenant scope */
    public String tenantFilter() {
        return current().map(JobScope::tenantId).orElse("");
    }

    /**
     * The scope a new job carries: explicit fields of the request win over the captured scope.
     *
     * @throws IllegalArgumentException naming {@code tenantId} when there is no tenant and the request is not system-wide
     */
    public JobScope forEnqueue(EnqueueRequest<?> request) {
        if (request.systemWide()) {
            return JobScope.systemWide();
        }
        Optional<JobScope> captured = request.tenantId().isPresent() ? Optional.empty() : current();
        String tenant = request.tenantId().orElseGet(() -> captured.map(JobScope::tenantId).orElse(null));
        if (tenant == null) {
            throw new IllegalArgumentException("tenantId: none given and none in the caller's scope (TenantContext or"
                    + " TenantScopeBridge); set tenantId(...) or mark the request systemWide()");
        }
        String organization = request.organizationId().orElseGet(() -> captured.map(JobScope::organizationId).orElse(null));
        String user = request.userId().orElseGet(() -> captured.map(JobScope::userId).orElse(null));
        return new JobScope(tenant, organization, user, captured.map(JobScope::attributes).orElse(null));
    }

    private boolean requestContextActive() {
        try {
            return beanManager.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }
}
