package io.managedqueue.tck.tenant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.JobScope;
import io.managedqueue.api.spi.TenantScopeBridge;

/** Connects {@link AppTenant} to the platform, and remembers every scope it was asked to restore. */
@ApplicationScoped
public class AppTenantBridge implements TenantScopeBridge {

    @Inject
    AppTenant appTenant;

    private final List<JobScope> restored = new CopyOnWriteArrayList<>();

    @Override
    public Optional<JobScope> capture() {
        if (appTenant.tenant() == null) {
            return Optional.empty();
        }
        Map<String, String> attributes = appTenant.locale() == null ? Map.of() : Map.of("locale", appTenant.locale());
        return Optional.of(new JobScope(appTenant.tenant(), appTenant.organization(), null, attributes));
    }

    @Override
    public void restore(JobScope scope) {
        restored.add(scope);
        appTenant.set(scope.tenantId(), scope.organizationId(), scope.attributes().get("locale"));
    }

    /** @return the scopes restored so far, in order */
    public List<JobScope> restored() {
        return List.copyOf(restored);
    }
}
