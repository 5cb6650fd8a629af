package io.managedqueue.admin.security;

import java.security.Principal;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;

import io.managedqueue.admin.AdminRoles;
import io.managedqueue.admin.json.ApiError;

/**
 * Who is calling, and which of the three kinds of caller that is.
 *
 * @param name   the principal's name
 * @param access what the caller may see and do
 */
public record Caller(String name, Access access) {

    /** The kinds of caller. */
    public enum Access {
        /** Role {@value AdminRoles#OPERATOR}: every tenant, may change things. */
        OPERATOR,
        /** Role {@value AdminRoles#VIEWER}: every tenant, read only. */
        VIEWER,
        /** Any other authenticated user: its own tenant only. */
        TENANT_USER
    }

    /**
     * @param security the request's security context
     * @return the caller
     * @throws NotAuthorizedException (401) when the request is not authenticated
     */
    public static Caller of(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            throw new NotAuthorizedException(ApiError.response(401, "authentication required", null));
        }
        Access access = security.isUserInRole(AdminRoles.OPERATOR) ? Access.OPERATOR
                : security.isUserInRole(AdminRoles.VIEWER) ? Access.VIEWER
                : Access.TENANT_USER;
        return new Caller(principal.getName(), access);
    }

    /** @return whether the caller sees every tenant */
    public boolean seesAllTenants() {
        return access != Access.TENANT_USER;
    }
}
