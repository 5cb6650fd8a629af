package io.managedqueue.sample.jobs;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.sample.ApiError;
import io.managedqueue.sample.tenant.TenantScoped;

/**
 * The job status API. Both calls run inside the caller's tenant scope, so the platform answers
 * for the tenant's own jobs only: another tenant's job id is a 404, exactly like an unknown one.
 */
@Path("jobs")
@TenantScoped
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    ManagedQueueService queue;

    /**
     * @param id a job id (its {@code '|'} percent-encoded)
     * @return 200 with the job's status, 404 when there is no such job for this tenant
     */
    @GET
    @Path("{id: .+}")
    public Response status(@PathParam("id") String id) {
        return queue.getJob(id)
                .map(snapshot -> Response.ok(JobView.of(snapshot)).build())
                .orElseGet(() -> notFound(id));
    }

    /**
     * @param id a job id
     * @return 200 when cancelled, 404 when there is no such job for this tenant, 409 when it has started or finished
     */
    @DELETE
    @Path("{id: .+}")
    public Response cancel(@PathParam("id") String id) {
        CancelResult result = queue.cancel(id);
        Response.Status status = result.success() ? Response.Status.OK
                : result.reason() == CancelResult.Reason.NOT_FOUND ? Response.Status.NOT_FOUND
                : Response.Status.CONFLICT;
        return Response.status(status).entity(CancelView.of(id, result)).build();
    }

    private static Response notFound(String id) {
        return ApiError.response(Response.Status.NOT_FOUND, "no job " + id + " for this tenant");
    }
}
