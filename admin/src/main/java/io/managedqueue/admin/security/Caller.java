package io.managedqueue.admin.security;

import java.security.Principal;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.SecurityContext;

import io.managedqueue.admin.AdminRoles;
import io.managedqueue.admin.ManagedQueueAdminApplication;
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
     * @param application the JAX-RS application serving the request
     * @param security    the request's security context
     * @return the caller
     * @throws NotFoundException      (404) outside {@link ManagedQueueAdminApplication}: an application that lists
     *                                no classes takes the admin resources too, without the admin's request guard
     * @throws NotAuthorizedException (401) when the request is not authenticated
     */
    public static Caller of(Application application, SecurityContext security) {
        if (!(application instanceof ManagedQueueAdminApplication)) {
            throw new NotFoundException(ApiError.response(404, "the admin API answers under "
                    + ManagedQueueAdminApplication.PATH + " only", null));
        }
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
