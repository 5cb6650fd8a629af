package io.managedqueue.extension;

import java.util.function.Supplier;

import jakarta.enterprise.context.control.RequestContextController;

import org.jboss.weld.environment.se.WeldContainer;

import io.managedqueue.api.JobScope;
import io.managedqueue.api.TenantContext;

/** Runs test code as a request of one tenant would: an active request context holding that tenant's scope. */
public final class Scopes {

    private Scopes() {
    }

    public static <T> T inTenant(WeldContainer container, String tenant, Supplier<T> action) {
        RequestContextController request = container.select(RequestContextController.class).get();
        request.activate();
        try {
            container.select(TenantContext.class).get().set(JobScope.of(tenant, null));
            return action.get();
        } finally {
            request.deactivate();
        }
    }
}
