package io.managedqueue.admin.security;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import io.managedqueue.admin.AdminSettings;
import io.managedqueue.admin.json.ApiError;

/**
 * Runs before every admin resource: 401 without an authenticated user; for a mutation, 403 when
 * {@code managed-queue.admin.read-only=true} or when the CSRF header {@value #CSRF_HEADER} is
 * missing. A browser sends a custom header only from a script of the same origin (a cross-site
 * form cannot set one, and a cross-site script needs a CORS preflight this API never grants).
 */
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class RequestGuard implements ContainerRequestFilter {

    /** The header every mutation must carry, with any non-blank value (the dashboard sends {@code 1}). */
    public static final String CSRF_HEADER = "X-Managed-Queue-CSRF";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AdminSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(ApiError.response(401, "authentication required", null));
            return;
        }
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        if (settings.readOnly()) {
            request.abortWith(ApiError.response(403, "the admin API is read only (" + AdminSettings.READ_ONLY + "=true)", null));
            return;
        }
        String csrf = request.getHeaderString(CSRF_HEADER);
        if (csrf == null || csrf.isBlank()) {
            request.abortWith(ApiError.response(403, "a mutation needs the header " + CSRF_HEADER, CSRF_HEADER));
        }
    }
}
