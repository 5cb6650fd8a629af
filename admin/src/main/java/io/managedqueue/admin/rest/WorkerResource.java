package io.managedqueue.admin.rest;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.managedqueue.admin.json.WorkerJson;

/** {@code GET workers}: every live worker process. Operators and viewers; a tenant user gets 403 (the platform refuses it in a tenant scope). */
@Path("workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource extends AdminResource {

    /** @return the live workers, sorted by id */
    @GET
    public List<WorkerJson> workers() {
        Instant now = Instant.now();
        return scope.forReading(caller()).workers().stream().map(w -> WorkerJson.of(w, now)).toList();
    }
}
