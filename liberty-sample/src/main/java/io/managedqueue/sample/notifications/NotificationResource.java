package io.managedqueue.sample.notifications;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.TenantContext;
import io.managedqueue.sample.ApiError;
import io.managedqueue.sample.Ids;
import io.managedqueue.sample.jobs.JobLinks;
import io.managedqueue.sample.jobs.JobView;
import io.managedqueue.sample.tenant.TenantScoped;

/**
 * {@code POST /api/notifications}: accepts an outbound notification and returns at once; a
 * {@code send} job delivers it. The job captures the caller's tenant from {@code TenantContext}
 * (set by the tenant filter), so the request names no tenant.
 *
 * <p>The POST is one JTA transaction: it inserts the message log row and enqueues the job, and the
 * row stores the job id. The platform writes the job to Redis only when the transaction commits, so
 * the handler always finds the row, and a request refused after the enqueue (an opted-out
 * recipient) rolls back both. {@code GET /api/notifications/{id}} shows the row next to its job.
 */
@Path("notifications")
@TenantScoped
@RequestScoped
public class NotificationResource {

    @Inject
    ManagedQueueService queue;

    @Context
    UriInfo uri;

    @Inject
    NotificationJobs jobs;

    @Inject
    MessageLogStore logs;

    @Inject
    OptOutList optOuts;

    @Inject
    TenantContext tenant;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional // a RuntimeException (a 400 included) rolls back the row and the job together
    public Response send(NotificationRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        String notificationId = request.notificationId() == null ? UUID.randomUUID().toString()
                : Ids.requireSlug("notificationId", request.notificationId());
        String integrationId = Ids.requireSlug("integrationId", request.integrationId());
        if (request.recipient() == null || request.recipient().isBlank()) {
            throw new IllegalArgumentException("recipient must not be blank");
        }
        int delaySeconds = request.delaySeconds() == null ? 0 : request.delaySeconds();
        int providerFailures = request.providerFailures() == null ? 0 : request.providerFailures();
        String tenantId = tenant.tenantId().orElseThrow();

        Optional<MessageLog> existing = logs.find(tenantId, notificationId);
        if (existing.isPresent()) { // a repeated POST: the row names the job it enqueued the first time
            String jobId = existing.get().jobId();
            JobState state = queue.getJob(jobId).map(s -> s.state()).orElse(null);
            return accepted(new NotificationAccepted(notificationId, jobId, false, state, JobLinks.statusPath(jobId)));
        }
        MessageLog log = new MessageLog(tenantId, notificationId, integrationId, request.recipient());
        logs.insert(log);
        EnqueueResult result = queue.enqueue(jobs.request(new SendNotification(notificationId, integrationId,
                        request.recipient(), request.message() == null ? "" : request.message(), providerFailures))
                .delay(Duration.ofSeconds(delaySeconds)) // negative: refused by the builder, a 400
                .build());
        log.attachJob(result.jobId()); // the id is final already, although Redis has nothing until the commit
        optOuts.check(request.recipient()); // after the enqueue on purpose: a refusal here rolls back row and job

        return accepted(new NotificationAccepted(notificationId, result.jobId(), result.created(), result.state(),
                JobLinks.statusPath(result.jobId())));
    }

    private Response accepted(NotificationAccepted body) {
        return (body.created() ? Response.accepted(body) : Response.ok(body))
                .location(uri.getBaseUri().resolve(body.statusUrl())).build();
    }

    /** The message log row and its job, side by side; 404 for another tenant's notification. */
    @GET
    @Path("{notificationId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("notificationId") String notificationId) {
        String tenantId = tenant.tenantId().orElseThrow();
        Optional<MessageLog> log = logs.find(tenantId, Ids.requireSlug("notificationId", notificationId));
        if (log.isEmpty()) {
            return ApiError.response(Response.Status.NOT_FOUND, "no notification " + notificationId + " for this tenant");
        }
        JobView job = log.get().jobId() == null ? null : queue.getJob(log.get().jobId()).map(JobView::of).orElse(null);
        return Response.ok(NotificationView.of(log.get(), job)).build();
    }
}
