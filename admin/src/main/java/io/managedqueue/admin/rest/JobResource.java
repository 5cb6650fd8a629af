package io.managedqueue.admin.rest;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.managedqueue.admin.AdminSettings;
import io.managedqueue.admin.json.JobAction;
import io.managedqueue.admin.json.JobJson;
import io.managedqueue.admin.json.JobPageJson;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.admin.JobPage;
import io.managedqueue.api.admin.JobQuery;
import io.managedqueue.api.admin.ManagedQueueAdmin;

/**
 * Jobs: list a queue's jobs by state (paged), show one with its log, retry, promote, cancel.
 * A tenant user reaches only its own tenant's jobs; another tenant's job is a 404.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobResource extends AdminResource {

    @Inject
    AdminSettings settings;

    /**
     * {@code GET jobs?plugin=&queue=[&job=][&state=FAILED[,CANCELLED]][&tenant=][&limit=20][&cursor=]}.
     *
     * @return a page of jobs, newest first within each state
     */
    @GET
    public JobPageJson list(@QueryParam("plugin") String plugin, @QueryParam("queue") String queue,
                            @QueryParam("job") String job, @QueryParam("state") List<String> states,
                            @QueryParam("tenant") String tenant, @QueryParam("limit") String limit,
                            @QueryParam("cursor") String cursor) {
        ManagedQueueAdmin admin = scope.forReading(caller());
        JobQuery query = job == null
                ? JobQuery.queue(Params.required("plugin", plugin), Params.required("queue", queue))
                : JobQuery.address(JobAddress.of(Params.required("plugin", plugin), Params.required("queue", queue), job));
        query = query.states(Params.states("state", states))
                .limit(Params.integer("limit", limit, JobQuery.DEFAULT_LIMIT, 1, JobQuery.MAX_LIMIT))
                .tenant(tenant == null || tenant.isBlank() ? null : tenant)
                .after(cursor == null || cursor.isBlank() ? null : cursor);
        JobPage page = admin.jobs(query);
        return new JobPageJson(page.jobs().stream().map(s -> JobJson.of(s, settings.showPayloads())).toList(),
                page.nextCursor().orElse(null));
    }

    /**
     * {@code GET jobs/{id}}: one job with its progress and log lines.
     *
     * @param id the job id ({@code '|'} percent-encoded)
     * @return 200, or 404 when unknown or another tenant's
     */
    @GET
    @Path("{id: .+}")
    public Response one(@PathParam("id") String id) {
        return scope.forReading(caller()).job(id)
                .map(job -> Response.ok(JobJson.of(job, settings.showPayloads())).build())
                .orElseGet(() -> Outcomes.notFound(id));
    }

    /**
     * {@code DELETE jobs/{id}}: cancels a job that has not started.
     *
     * @param id the job id
     * @return 200, 404, or 409 when it is not WAITING, DELAYED or WAITING_CHILDREN
     */
    @DELETE
    @Path("{id: .+}")
    public Response cancel(@PathParam("id") String id) {
        ManagedQueueAdmin admin = scope.forJobChange(caller());
        return Outcomes.ofJobChange(admin, "cancel", id, admin::cancel, "WAITING, DELAYED or WAITING_CHILDREN");
    }

    /**
     * {@code POST jobs/retry {"jobId": ...}}: a FAILED or CANCELLED job runs again, attempts reset.
     *
     * @param body the job
     * @return 200, 404, or 409 when it is in another state
     */
    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response retry(JobAction body) {
        ManagedQueueAdmin admin = scope.forJobChange(caller());
        String jobId = Params.required("jobId", Params.body(body).jobId());
        return Outcomes.ofJobChange(admin, "retry", jobId, admin::retry, "FAILED or CANCELLED");
    }

    /**
     * {@code POST jobs/promote {"jobId": ...}}: a DELAYED job becomes due now.
     *
     * @param body the job
     * @return 200, 404, or 409 when it is not DELAYED
     */
    @POST
    @Path("promote")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response promote(JobAction body) {
        ManagedQueueAdmin admin = scope.forJobChange(caller());
        String jobId = Params.required("jobId", Params.body(body).jobId());
        return Outcomes.ofJobChange(admin, "promote", jobId, admin::promote, "DELAYED");
    }
}
