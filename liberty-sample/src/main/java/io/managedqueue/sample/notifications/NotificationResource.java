package io.managedqueue.sample.notifications;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.sample.Ids;
import io.managedqueue.sample.jobs.JobLinks;
import io.managedqueue.sample.tenant.TenantScoped;

/**
 * {@code POST /api/notifications}: accepts an outbound notification and returns at once; a
 * {@code send} job delivers it. The job captures the caller's tenant from {@code TenantContext}
 * (set by the tenant filter), so the request names no tenant.
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
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

        EnqueueResult result = queue.enqueue(jobs.request(new SendNotification(notificationId, integrationId,
                        request.recipient(), request.message() == null ? "" : request.message(), providerFailures))
                .delay(Duration.ofSeconds(delaySeconds)) // negative: refused by the builder, a 400
                .build());

        String statusUrl = JobLinks.statusPath(result.jobId());
        NotificationAccepted body = new NotificationAccepted(notificationId, result.jobId(), result.created(),
                result.state(), statusUrl);
        return (result.created() ? Response.accepted(body) : Response.ok(body)).location(uri.getBaseUri().resolve(statusUrl)).build();
    }
}
