package io.managedqueue.sample.admin;

import java.io.IOException;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.ConfigProvider;

import io.managedqueue.api.JobScope;
import io.managedqueue.api.TenantContext;

/**
 * Gives the dashboard's tenant users their tenant: for the admin paths, the tenant comes from
 * the authenticated user ({@code sample.admin.user-tenants}), never from a header or parameter.
 * The admin API then shows such a user only that tenant's jobs. Operators and viewers get no
 * tenant: the admin API gives them the all-tenants view by role.
 *
 * <p>A servlet filter rather than a JAX-RS one: the admin module is a JAX-RS application of its
 * own, which takes none of the sample's providers. The request context is the same, so the
 * {@link TenantContext} set here is the one the admin API reads.
 */
@WebFilter(urlPatterns = "/managed-queue/*")
public class AdminTenantFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantContext tenantContext;

    private Map<String, String> userTenants;

    @Override
    public void init() {
        // acme-user=acme,globex-user=globex
        userTenants = new HashMap<>();
        String mapping = ConfigProvider.getConfig().getOptionalValue("sample.admin.user-tenants", String.class).orElse("");
        for (String pair : mapping.split(",")) {
            String[] userAndTenant = pair.split("=", 2);
            if (userAndTenant.length == 2) {
                userTenants.put(userAndTenant[0].strip(), userAndTenant[1].strip());
            }
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        tenantOf(request.getUserPrincipal()).ifPresent(tenant -> tenantContext.set(JobScope.of(tenant, null)));
        chain.doFilter(request, response);
    }

    private Optional<String> tenantOf(Principal user) {
        return user == null ? Optional.empty() : Optional.ofNullable(userTenants.get(user.getName()));
    }
}
