package io.managedqueue.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.managedqueue.admin.AdminSettings;
import io.managedqueue.admin.security.Caller;

/** {@code GET me}: who the caller is and what it may do; the dashboard shows or hides its buttons by it. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource extends AdminResource {

    @Inject
    AdminSettings settings;

    /**
     * @param user         the principal's name
     * @param access       OPERATOR, VIEWER or TENANT_USER
     * @param tenant       a tenant user's tenant, else {@code null}
     * @param mayChangeJobs may retry, promote and cancel jobs
     * @param mayChangeQueues may pause, resume, retry-all and clean
     */
    public record Me(String user, String access, String tenant, boolean mayChangeJobs, boolean mayChangeQueues) {
    }

    /** @return the caller */
    @GET
    public Me me() {
        Caller caller = caller();
        boolean writable = !settings.readOnly();
        return new Me(caller.name(), caller.access().name(), scope.tenantOf(caller).orElse(null),
                writable && caller.access() != Caller.Access.VIEWER,
                writable && caller.access() == Caller.Access.OPERATOR);
    }
}
