package io.managedqueue.admin.rest;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.managedqueue.admin.json.WorkerJson;
import io.managedqueue.admin.security.AdminScope;
import io.managedqueue.admin.security.Caller;

/** {@code GET workers}: every live worker process. Operators and viewers; a tenant user gets 403 (the platform refuses it in a tenant scope). */
@Path("workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    @Inject
    AdminScope scope;

    @Context
    SecurityContext security;

    /** @return the live workers, sorted by id */
    @GET
    public List<WorkerJson> workers() {
        Instant now = Instant.now();
        return scope.forReading(Caller.of(security)).workers().stream().map(w -> WorkerJson.of(w, now)).toList();
    }
}
